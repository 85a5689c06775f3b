"""An agenda pack asked for by one user: made by a background task (meetings/tasks.py), kept here
until that user downloads it. The PDF is stored in the database, never as a file under static or
media, so that only the download view, which asks the pack gate again, ever hands it out."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from meetings.models.meeting import Meeting

# A pack still waiting or being made after this long has lost its worker: it may be asked for again.
PACK_STUCK_AFTER = dt.timedelta(minutes=30)


class PackStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being prepared"
    READY = "ready", "Ready to download"
    FAILED = "failed", "Could not be prepared"


IN_PROGRESS = (PackStatus.QUEUED, PackStatus.RUNNING)


class PackRequest(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pack_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=PackStatus.choices, default=PackStatus.QUEUED)
    # What the task is doing now, in words that name no child ("Laying out 128 pages").
    progress = models.CharField(max_length=200, blank=True)
    children_count = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(default=0)
    # The children the pack names: each download is an export of exactly these (one access event).
    child_ids = models.JSONField(default=list, blank=True)
    pdf = models.BinaryField(default=b"", editable=False)
    error = models.CharField(max_length=300, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # A second press, or a retried POST, finds the pack already on its way.
            models.UniqueConstraint(
                fields=["meeting", "requested_by"],
                condition=models.Q(status__in=["queued", "running"]),
                name="one_pack_in_progress_per_user_and_meeting",
            )
        ]

    def __str__(self) -> str:
        return f"Agenda pack {self.pk} for meeting {self.meeting_id}: {self.status}"

    @property
    def in_progress(self) -> bool:
        return self.status in IN_PROGRESS

    def is_stuck(self, now: dt.datetime | None = None) -> bool:
        return self.in_progress and (now or timezone.now()) - self.created_at > PACK_STUCK_AFTER
