"""Meetings: the monthly Missing and Exploited Group (MEG), strategy and multi-agency meetings."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Area
from children.models import Child
from core.append_only import AppendOnlyModel


class MeetingKind(models.TextChoices):
    MEG = "meg", "Missing and Exploited Group (MEG)"
    STRATEGY = "strategy", "Strategy meeting"
    MULTI_AGENCY = "multi_agency", "Multi-agency meeting"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    MINUTES_APPROVED = "minutes_approved", "Minutes approved"


class MegSchedule(models.Model):
    """When an area's MEG meets: 'the first Tuesday of every month' (meetings/schedule.py)."""

    area = models.OneToOneField(Area, on_delete=models.PROTECT, related_name="meg_schedule")
    week = models.SmallIntegerField(help_text="1 to 4, or -1 for the last.")
    weekday = models.SmallIntegerField(help_text="0 Monday to 6 Sunday.")
    starts_at = models.TimeField()
    location = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"MEG schedule for {self.area}"


class Meeting(models.Model):
    kind = models.CharField(max_length=20, choices=MeetingKind.choices)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "area", "starts_at"], name="one_meeting_of_a_kind_at_a_time")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.area}, {self.starts_at:%d %B %Y}"


class RemovalReason(models.TextChoices):
    RISK_REDUCED = "risk_reduced", "Risk reduced"
    MOVED_AWAY = "moved_away", "Moved away"
    TURNED_18 = "turned_18", "Turned 18"
    INTERVENTIONS_COMPLETED = "interventions_completed", "Interventions and disruption completed"
    OTHER = "other", "Other"


class AgendaRemoval(AppendOnlyModel):
    """The MEG's recorded decision to take a child off its agenda. Append-only."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="removals")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="agenda_removals")
    reason = models.CharField(max_length=30, choices=RemovalReason.choices)
    note = models.TextField(blank=True)
    decided_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.child_id} off the agenda of {self.meeting_id}: {self.reason}"
