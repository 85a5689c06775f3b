"""A screening: the front door's assessment of a contact, the case status it set, and the routing decision."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from children.case_status import CaseStatus
from children.models import Child


class Screening(models.Model):
    contact = models.OneToOneField("frontdoor.Contact", on_delete=models.PROTECT, related_name="screening")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="screenings")
    assessment = models.OneToOneField("assessments.Assessment", on_delete=models.PROTECT, related_name="screening")
    case_status = models.CharField(max_length=30, choices=CaseStatus.choices)
    started_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    routing_input = models.JSONField(default=dict, blank=True)
    decision = models.JSONField(default=dict, blank=True, help_text="The routing decision, as route_preview prints it.")

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Screening of {self.contact}"

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None
