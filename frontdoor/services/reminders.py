"""Reminders for tasks that are due or overdue, by email to the people who own them, and for risk
assessment reviews due within 7 days or past, to the case-holding social worker (decision 0036).

Idempotent: each task, and each assessment's review, gets at most one 'due' and one 'overdue'
reminder, however often a scheduler runs send_reminders, because each reminder sent is recorded
with its email, in one transaction, and the database refuses a second of the same kind.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from accounts.models import Role, Team
from assessments.models import Assessment, AssessmentStatus
from children.models import CaseAllocation
from frontdoor.models import ReviewReminder, Task, TaskReminder, TaskStatus
from frontdoor.task_text import task_title

DUE_SOON = dt.timedelta(hours=4)
REVIEW_DUE_SOON_DAYS = 7  # as the caseload and the worklist mark a review due soon (decision 0030)


@dataclass(frozen=True)
class ReminderRun:
    sent: int  # task reminders
    skipped_no_recipient: int  # tasks with nobody to remind
    reviews_sent: int = 0
    reviews_skipped_no_recipient: int = 0

    @property
    def total_sent(self) -> int:
        return self.sent + self.reviews_sent


def _recipients(task: Task) -> list[str]:
    if task.assigned_to is not None and task.assigned_to.email:
        return [task.assigned_to.email]
    if task.team is None:
        return []
    if task.team.email:
        return [task.team.email]
    return sorted(
        {m.user.email for m in task.team.memberships.select_related("user") if m.user.email and m.user.is_active}
    )


def _message(task: Task, kind: TaskReminder.Kind) -> tuple[str, str]:
    # No child's name in an email: mailboxes are not the access-controlled system. The link leads to it.
    when = task.due_at.strftime("%d %B %Y %H:%M") if task.due_at else ""
    state = "is overdue" if kind == TaskReminder.Kind.OVERDUE else "is due soon"
    subject = f"CSE Hub: a task {state}"
    body = (
        f"A task for {task.team.name if task.team else 'you'} {state}: {task_title(task.code)}, due {when}.\n\n"
        f"Open it in CSE Hub: /tasks/{task.pk}/\n"
        "This message does not name the child. Sign in to see the task."
    )
    return subject, body


def reminders_send(*, now: dt.datetime | None = None) -> ReminderRun:
    moment = now or timezone.now()
    sent, skipped = _task_reminders_send(moment=moment)
    reviews_sent, reviews_skipped = _review_reminders_send(moment=moment)
    return ReminderRun(
        sent=sent,
        skipped_no_recipient=skipped,
        reviews_sent=reviews_sent,
        reviews_skipped_no_recipient=reviews_skipped,
    )


def _task_reminders_send(*, moment: dt.datetime) -> tuple[int, int]:
    sent = skipped = 0
    due = Task.objects.filter(status=TaskStatus.OPEN, due_at__isnull=False, due_at__lte=moment + DUE_SOON)
    for task in due.select_related("team", "assigned_to").order_by("due_at", "pk"):
        kind = TaskReminder.Kind.OVERDUE if task.due_at and task.due_at < moment else TaskReminder.Kind.DUE
        if TaskReminder.objects.filter(task=task, kind=kind).exists():
            continue
        recipients = _recipients(task)
        if not recipients:
            skipped += 1
            continue
        try:
            with transaction.atomic():
                TaskReminder.objects.create(task=task, kind=kind, sent_at=moment, recipients=recipients)
                subject, body = _message(task, kind)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        except IntegrityError:
            continue  # another run sent it first
        sent += 1
    return sent, skipped


def _team_recipients(team: Team) -> list[str]:
    """The holding team's mailbox or, without one, its managers: allocating the case is theirs to do."""
    if team.email:
        return [team.email]
    return sorted(
        {
            m.user.email
            for m in team.memberships.filter(role=Role.TEAM_MANAGER).select_related("user")
            if m.user.email and m.user.is_active
        }
    )


def _review_recipients(assessment: Assessment) -> list[str]:
    holder = (
        CaseAllocation.objects.filter(child_id=assessment.child_id, role=Role.SOCIAL_WORKER, ended_at__isnull=True)
        .select_related("user")
        .order_by("-started_at", "-id")
        .first()
    )
    if holder is not None and holder.user.is_active and holder.user.email:
        return [holder.user.email]
    return _team_recipients(assessment.child.holding_team)


def _review_message(assessment: Assessment, kind: ReviewReminder.Kind) -> tuple[str, str]:
    # No child's name in an email, as for tasks: the reference-free link leads to the case in CSE Hub.
    when = assessment.review_due_on.strftime("%d %B %Y") if assessment.review_due_on else ""
    state = "is overdue" if kind == ReviewReminder.Kind.OVERDUE else "is due within 7 days"
    subject = f"CSE Hub: a risk assessment review {state}"
    body = (
        f"The review of a child's CSE risk assessment held by {assessment.child.holding_team.name} {state}: "
        f"it is due on {when}.\n\n"
        f"Review it in CSE Hub: /children/{assessment.child_id}/reassess/\n"
        "This message does not name the child. Sign in to see the child and their assessment."
    )
    return subject, body


def _reviews_due(*, moment: dt.datetime) -> QuerySet[Assessment]:
    """The latest complete, unsuperseded assessment of each open case, when its review is due within
    REVIEW_DUE_SOON_DAYS days or past."""
    soon = timezone.localdate(moment) + dt.timedelta(days=REVIEW_DUE_SOON_DAYS)
    latest = (
        Assessment.objects.filter(child=OuterRef("child"), status=AssessmentStatus.COMPLETE)
        .order_by("-completed_at", "-id")
        .values("id")[:1]
    )
    return (
        Assessment.objects.filter(
            status=AssessmentStatus.COMPLETE,
            superseded_by__isnull=True,
            review_due_on__isnull=False,
            review_due_on__lte=soon,
            child__closed_at__isnull=True,
        )
        .filter(id=Subquery(latest))
        .select_related("child__holding_team")
        .order_by("review_due_on", "id")
    )


def _review_reminders_send(*, moment: dt.datetime) -> tuple[int, int]:
    sent = skipped = 0
    today = timezone.localdate(moment)
    for assessment in _reviews_due(moment=moment):
        overdue = assessment.review_due_on is not None and assessment.review_due_on < today
        kind = ReviewReminder.Kind.OVERDUE if overdue else ReviewReminder.Kind.DUE
        if ReviewReminder.objects.filter(assessment=assessment, kind=kind).exists():
            continue
        recipients = _review_recipients(assessment)
        if not recipients:
            skipped += 1
            continue
        try:
            with transaction.atomic():
                ReviewReminder.objects.create(assessment=assessment, kind=kind, sent_at=moment, recipients=recipients)
                subject, body = _review_message(assessment, kind)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        except IntegrityError:
            continue  # another run sent it first
        sent += 1
    return sent, skipped
