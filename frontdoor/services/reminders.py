"""Reminders for tasks that are due or overdue, by email to the people who own them.

Idempotent: each task gets at most one 'due' and one 'overdue' reminder, however often a scheduler
runs send_reminders, because each reminder sent is recorded before the run ends.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.models import Task, TaskReminder, TaskStatus
from frontdoor.task_text import task_title

DUE_SOON = dt.timedelta(hours=4)


@dataclass(frozen=True)
class ReminderRun:
    sent: int
    skipped_no_recipient: int


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
    return ReminderRun(sent=sent, skipped_no_recipient=skipped)
