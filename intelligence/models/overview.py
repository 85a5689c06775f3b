"""The network overview as the background worker last worked it out: groups, who links most and hot
spots over the most recent reports take seconds on a county's records, too long for a page
(decision 0029). A run is asked for whenever what the overview shows may have changed; at most one
waits at a time, however many reports arrive meanwhile."""

from django.db import models
from django.utils import timezone


class OverviewStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being worked out"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class NetworkOverviewRun(models.Model):
    status = models.CharField(max_length=10, choices=OverviewStatus.choices, default=OverviewStatus.QUEUED)
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    reports = models.PositiveIntegerField(default=0)  # how many reports it is drawn from
    total = models.PositiveIntegerField(default=0)  # how many reports there were
    since = models.DateTimeField(null=True, blank=True)  # when the oldest of them was received
    node_count = models.PositiveIntegerField(default=0)
    link_count = models.PositiveIntegerField(default=0)
    # {"spots": [...], "linkers": [...], "groups": [...]}, each node as {"key", "kind", "label"}
    content = models.JSONField(default=dict)
    error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=models.Q(status="queued"), name="network_overview_one_queued"
            )
        ]
        indexes = [models.Index(fields=["status", "-finished_at"], name="network_overview_ready")]

    def __str__(self) -> str:
        return f"Network overview {self.pk} ({self.status})"
