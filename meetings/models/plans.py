"""Safeguarding plans (for a child) and disruption plans (for a perpetrator, place, vehicle or peer
group), and the actions each agency agreed to take under them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Agency, Area
from children.models import Child
from core.append_only import AppendOnlyModel
from meetings.models.agenda import ContextualItem
from meetings.models.meeting import Meeting


class PlanKind(models.TextChoices):
    SAFEGUARDING = "safeguarding", "Safeguarding plan"
    DISRUPTION = "disruption", "Disruption plan"


class Plan(models.Model):
    """One plan per child (safeguarding) or per contextual item (disruption); actions are added to it
    at each meeting."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=PlanKind.choices)
    child = models.OneToOneField(
        Child, on_delete=models.PROTECT, null=True, blank=True, related_name="safeguarding_plan"
    )
    contextual_item = models.OneToOneField(
        ContextualItem, on_delete=models.PROTECT, null=True, blank=True, related_name="disruption_plan"
    )
    summary = models.TextField(blank=True, help_text="What the plan aims to achieve.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["kind", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="safeguarding", child__isnull=False, contextual_item__isnull=True)
                    | models.Q(kind="disruption", child__isnull=True, contextual_item__isnull=False)
                ),
                name="plan_is_for_a_child_or_a_contextual_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class Tactic(models.TextChoices):
    """The tactics seed 003 and police practice name; 'support' and 'other' cover safeguarding work."""

    SUPPORT = "support", "Support or intervention for the child or family"
    ABDUCTION_NOTICE = "abduction_notice", "Child abduction warning notice"
    LICENSING_CHECK = "licensing_check", "Licensing check"
    HOTEL_VISIT = "hotel_visit", "Hotel visit"
    TAXI_VISIT = "taxi_visit", "Taxi operator visit"
    WARNING = "warning", "Warning"
    ARREST = "arrest", "Arrest"
    OTHER = "other", "Other"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class Action(models.Model):
    """What one agency agreed to do, by when. Only the owning agency updates it (meetings/access.py)."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="actions")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="actions", help_text="Agreed at."
    )
    description = models.TextField()
    tactic = models.CharField(max_length=30, choices=Tactic.choices, default=Tactic.OTHER)
    owning_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="meg_actions")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="meg_actions"
    )
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owning_agency", "status", "due_on"], name="action_agency_status_due")]

    def __str__(self) -> str:
        return f"Action {self.pk}: {self.description[:40]}"


class ActionUpdate(AppendOnlyModel):
    """Each update to an action, in order: its history. Append-only."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    note = models.TextField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices, help_text="The status after the update.")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"Update to action {self.action_id} at {self.recorded_at:%Y-%m-%d}"
