"""Worklists: each team's and each worker's open tasks, overdue first."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Team, User
from audit.models import AccessAction
from audit.services import access_event_record
from core.request_context import AccessContext
from frontdoor.access import access_task, contact_visible_queryset, task_worklist_queryset
from frontdoor.models import Contact, Task, TaskStatus
from frontdoor.services.contacts import is_front_door_screener

WORKLIST_LIMIT = 200
FAR_FUTURE = dt.datetime.max.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Worklist:
    teams: list[Team]
    team: Team | None
    overdue: list[Task]
    open: list[Task]
    waiting: list[Task]
    to_screen: list[Contact]  # for front door screeners: contacts not yet screened
    is_screener: bool


def _worklist_queryset(*, user: User, team: Team | None) -> QuerySet[Task]:
    tasks = task_worklist_queryset(user).select_related("child", "team", "assigned_to", "contact")
    return tasks.filter(team=team) if team is not None else tasks


def _ordered(tasks: list[Task]) -> list[Task]:
    # Soonest due first; tasks with no due time after those with one, oldest first.
    return sorted(tasks, key=lambda task: (task.due_at or FAR_FUTURE, task.created_at, task.pk))


def task_worklist(*, user: User, context: AccessContext, team_id: int | None = None) -> Worklist:
    teams = list(user.teams.select_related("agency").order_by("name").distinct())
    team = next((candidate for candidate in teams if candidate.pk == team_id), None)
    now = timezone.now()
    with transaction.atomic():
        tasks = list(
            _worklist_queryset(user=user, team=team).filter(status__in=[TaskStatus.OPEN, TaskStatus.WAITING])[
                :WORKLIST_LIMIT
            ]
        )
        is_screener = is_front_door_screener(user)
        to_screen = (
            list(
                contact_visible_queryset(user)
                .filter(Q(screening__isnull=True) | Q(screening__decided_at__isnull=True))
                .select_related("child")
                .order_by("received_at")[:WORKLIST_LIMIT]
            )
            if is_screener
            else []
        )
        open_tasks = _ordered([task for task in tasks if task.status == TaskStatus.OPEN])
        worklist = Worklist(
            teams=teams,
            team=team,
            overdue=[task for task in open_tasks if task.due_at is not None and task.due_at < now],
            open=[task for task in open_tasks if task.due_at is None or task.due_at >= now],
            waiting=_ordered([task for task in tasks if task.status == TaskStatus.WAITING]),
            to_screen=to_screen,
            is_screener=is_screener,
        )
        shown = {str(task.child_id) for task in tasks} | {str(contact.child_id) for contact in to_screen}
        if shown:
            access_event_record(
                user=user, action=AccessAction.LIST, object_type="child", object_ids=sorted(shown), context=context
            )
    return worklist


def task_detail_read(*, user: User, task_id: int, context: AccessContext) -> Task:
    with transaction.atomic():
        task = access_task(user, task_id)
        access_event_record(
            user=user, action=AccessAction.VIEW, object_type="child", object_ids=[task.child_id], context=context
        )
    return task
