"""The meeting itself: its kind, date, chair, who was invited and came, and its status."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Agency, Area
from assessments.levels import RiskLevel
from children.models import Child

DEFAULT_HANDLING = (
    "OFFICIAL-SENSITIVE. For the named recipients, for the purpose of safeguarding children only. "
    "Do not copy, forward or share without the chair's agreement. Store securely; destroy securely after use."
)


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
    """A MEG (one per area per date, for every medium and high risk child of the area), or a strategy or
    multi-agency meeting about one child, arranged after the front door's meeting decision."""

    kind = models.CharField(max_length=20, choices=MeetingKind.choices)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="meetings")
    child = models.ForeignKey(
        Child,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text="The child a strategy or multi-agency meeting is about; empty for the MEG.",
    )
    task = models.ForeignKey(
        "frontdoor.Task",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The front door's meeting decision that arranged it.",
    )
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    chair_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who last chose the chair; empty when it was chosen on arranging the meeting.",
    )
    arranged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who arranged a strategy or multi-agency meeting; empty for the MEG, which the schedule makes.",
    )
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    handling_instructions = models.TextField(default=DEFAULT_HANDLING)
    held_at = models.DateTimeField(null=True, blank=True, help_text="When the meeting was recorded as held.")
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who recorded the meeting as held.",
    )
    # The outcome of a strategy or multi-agency meeting: "If a Strategy or multi agency meeting determines
    # the level of risk is medium or high" (seed 003, 2.2). Recorded once, after it is held.
    outcome_level = models.CharField(
        max_length=10, choices=RiskLevel.choices, blank=True, help_text="The level of risk the meeting determined."
    )
    outcome = models.TextField(blank=True, help_text="What the meeting decided, in the words of its record.")
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "area", "starts_at"],
                condition=models.Q(kind="meg"),
                name="one_meg_per_area_at_a_time",
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="meg") & models.Q(child__isnull=True))
                | (~models.Q(kind="meg") & models.Q(child__isnull=False)),
                name="meeting_about_a_child_unless_meg",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.area}, {self.starts_at:%d %B %Y}"


class Attendance(models.TextChoices):
    INVITED = "invited", "Invited"
    ATTENDED = "attended", "Attended"
    APOLOGIES = "apologies", "Sent apologies"
    ABSENT = "absent", "Did not attend"


class MeetingParticipant(models.Model):
    """An agency, and the person who represents it where known, invited to a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=150, blank=True, help_text="For a representative without an account.")
    attendance = models.CharField(max_length=20, choices=Attendance.choices, default=Attendance.INVITED)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who last recorded whether they attended.",
    )

    class Meta:
        ordering = ["agency__name", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], condition=models.Q(user__isnull=False), name="participant_once_per_meeting"
            ),
            models.UniqueConstraint(
                fields=["meeting", "agency"],
                condition=models.Q(user__isnull=True, name=""),
                name="agency_invited_once_per_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or self.user or self.agency} at {self.meeting_id}"


class AgencyRequest(models.Model):
    """What the business support officer asks an agency to bring to a meeting, beyond its open actions."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="requests")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    request = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["agency__name", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.agency} to bring to {self.meeting_id}"
