"""Tasks: the work a routing decision gives each team, with owners and due times (DESIGN.md rule 5)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Team
from children.models import Child
from frontdoor.routing import Condition, DueBy, Owner, TaskCode
from frontdoor.task_text import CONDITION_TEXT, task_title


class TaskStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for a finding"
    OPEN = "open", "To do"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Not needed"


OPEN_STATUSES = (TaskStatus.OPEN,)


class Task(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="tasks")
    contact = models.ForeignKey(
        "frontdoor.Contact", on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    screening = models.ForeignKey(
        "frontdoor.Screening", on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    code = models.CharField(max_length=60, choices=[(code.value, code.value) for code in TaskCode])
    owner = models.CharField(max_length=40, choices=[(owner.value, owner.value) for owner in Owner])
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="assigned_tasks"
    )
    status = models.CharField(max_length=20, choices=TaskStatus.choices)
    condition = models.CharField(
        max_length=40, blank=True, choices=[(condition.value, condition.value) for condition in Condition]
    )
    reason = models.TextField()
    due_at = models.DateTimeField(null=True, blank=True)
    due_by = models.CharField(max_length=20, blank=True, choices=[(due.value, due.value) for due in DueBy])
    support_months = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True, help_text="When the finding it waited for came.")
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.JSONField(default=dict, blank=True)
    outcome_note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_at", "created_at", "id"]
        indexes = [
            models.Index(fields=["team", "status"], name="task_team_status"),
            # The MEG agenda asks, for each medium or high child, whether a referral to the MEG is open.
            models.Index(
                fields=["child"],
                condition=models.Q(code="refer_to_meg", status__in=["open", "waiting"]),
                name="task_open_meg_referral",
            ),
            # Every referral to the MEG, whatever its state: the agenda grant asks which children were
            # referred (made or to do), which without it read all of the county's tasks (decision 0026).
            models.Index(
                fields=["status", "child"],
                condition=models.Q(code="refer_to_meg"),
                name="task_meg_referral",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(team__isnull=False) | models.Q(assigned_to__isnull=False),
                name="task_has_an_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} for {self.child}"

    @property
    def title(self) -> str:
        return task_title(self.code)

    @property
    def condition_text(self) -> str:
        return f"Falls due {CONDITION_TEXT[self.condition]}" if self.condition else ""

    @property
    def is_overdue_now(self) -> bool:
        return self.status == TaskStatus.OPEN and self.due_at is not None and self.due_at < timezone.now()


class TaskReminder(models.Model):
    """A reminder sent for a task, so that a scheduler can run send_reminders as often as it likes."""

    class Kind(models.TextChoices):
        DUE = "due", "Due"
        OVERDUE = "overdue", "Overdue"

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "kind"], name="one_reminder_per_task_and_kind")]

    def __str__(self) -> str:
        return f"{self.kind} reminder for task {self.task_id}"


class EarlyHelpSupportPeriod(models.Model):
    """Low-level Early Help support after a step-down, for up to 3 months (rule 6)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="early_help_support")
    task = models.OneToOneField(Task, on_delete=models.PROTECT, related_name="support_period")
    early_help_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    stepped_down = models.BooleanField(help_text="Stepped down to Early Help, rather than worked alongside.")
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="support_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"Early Help support for {self.child} until {self.ends_on}"
