"""A screening: the front door's assessment of a contact, the case status it set, and the routing decision."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from children.case_status import CaseStatus
from children.inputs.placement import PlacementInput
from children.models import Child


class Screening(models.Model):
    contact = models.OneToOneField("frontdoor.Contact", on_delete=models.PROTECT, related_name="screening")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="screenings")
    assessment = models.OneToOneField("assessments.Assessment", on_delete=models.PROTECT, related_name="screening")
    case_status = models.CharField(max_length=30, choices=CaseStatus.choices)
    # What the screener found about a placement out of area (procedure correction 5); the child's record
    # takes it when the screening is decided.
    placed_out_of_area = models.BooleanField(default=False)
    host_authority = models.CharField(max_length=200, blank=True)
    host_social_worker = models.CharField(max_length=200, blank=True)
    host_social_worker_contact = models.CharField(max_length=200, blank=True)
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
    def placement(self) -> PlacementInput:
        return PlacementInput(
            placed_out_of_area=self.placed_out_of_area,
            host_authority=self.host_authority,
            host_social_worker=self.host_social_worker,
            host_social_worker_contact=self.host_social_worker_contact,
        )

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None
