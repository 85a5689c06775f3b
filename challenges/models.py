"""Professional challenge (seed 003, 2.5; DESIGN.md rule 11): a disagreement with a decision about
a child, recorded, escalated and resolved. The rules live in challenges/escalation.py."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Agency, Team, User
from challenges.escalation import (
    DECISION_KIND_NAMES,
    DECISION_SUMMARY_MAX_LENGTH,
    FIRST_LEVEL,
    LEVEL_NAMES,
    OUTCOME_NAMES,
    STATUS_NAMES,
    Level,
    Status,
)
from children.models import Child
from core.append_only import AppendOnlyModel

LEVEL_CHOICES = [(level.value, level.title) for level in LEVEL_NAMES]
STATUS_CHOICES = [(status.value, name) for status, name in STATUS_NAMES.items()]
OUTCOME_CHOICES = [(outcome.value, name) for outcome, name in OUTCOME_NAMES.items()]
DECISION_KIND_CHOICES = [(kind.value, name) for kind, name in DECISION_KIND_NAMES.items()]


class Challenge(models.Model):
    """One professional challenge. Its history is in ChallengeEvent; the child and who raised it never change."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="challenges")
    decision_summary = models.CharField(
        max_length=DECISION_SUMMARY_MAX_LENGTH, help_text="The decision being challenged, in a sentence."
    )
    decision_kind = models.CharField(max_length=20, choices=DECISION_KIND_CHOICES, blank=True)
    challenge_text = models.TextField(help_text="Why the raiser disagrees, and what they think should happen.")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_by_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", help_text="The raiser's agency when they raised it."
    )
    raised_at = models.DateTimeField(default=timezone.now)
    level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES, default=FIRST_LEVEL.value)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=Status.OPEN.value)
    resolution_text = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=OUTCOME_CHOICES, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner_user__isnull=False) | models.Q(owner_team__isnull=False),
                name="challenge_has_an_owner",
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=min(Level).value, level__lte=max(Level).value),
                name="challenge_level_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[status.value for status in Status]), name="challenge_status_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=Status.RESOLVED.value)
                | (
                    models.Q(resolved_at__isnull=False, resolved_by__isnull=False)
                    & ~models.Q(resolution_text="")
                    & ~models.Q(outcome="")
                ),
                name="challenge_resolution_complete",
            ),
        ]
        indexes = [models.Index(fields=["status", "level"], name="challenge_status_level")]

    def __str__(self) -> str:
        return f"Challenge {self.pk}"

    @property
    def level_enum(self) -> Level:
        return Level(self.level)

    @property
    def status_enum(self) -> Status:
        return Status(self.status)

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN.value

    @property
    def owner_display(self) -> str:
        return owner_display(self.owner_user, self.owner_team)


def owner_display(user: User | None, team: Team | None) -> str:
    names = []
    if user is not None:
        names.append(user.display_name)
    if team is not None:
        names.append(f"{team.name} ({team.agency.name})")
    return ", ".join(names) or "Nobody"


class ChallengeEventKind(models.TextChoices):
    RAISED = "raised", "Raised"
    ESCALATED = "escalated", "Escalated"
    RESOLVED = "resolved", "Resolved"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ChallengeEvent(AppendOnlyModel):
    """One step in a challenge's history. Append-only: the history is never rewritten."""

    challenge = models.ForeignKey(Challenge, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=ChallengeEventKind.choices)
    occurred_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES, null=True, blank=True)
    to_level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES, null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was escalated or withdrawn; how it was resolved.")
    outcome = models.CharField(max_length=20, choices=OUTCOME_CHOICES, blank=True)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} challenge {self.challenge_id}"

    @property
    def owner_display(self) -> str:
        return owner_display(self.owner_user, self.owner_team) if (self.owner_user or self.owner_team) else ""
