"""Worklists: each team's and each worker's open tasks, overdue first."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from accounts.models import Team, User
from audit.models import AccessAction
from audit.services import access_event_record
from core.request_context import AccessContext
from frontdoor.access import access_task, contact_visible_queryset, task_worklist_queryset
from frontdoor.models import Task, TaskStatus
from frontdoor.services.contacts import is_front_door_screener

WORKLIST_LIMIT = 200


@dataclass(frozen=True)
class Listed:
    """The first WORKLIST_LIMIT of a section, and how many it holds in all: a long list says it is
    cut, never silently."""

    items: list[Any]
    total: int

    @property
    def cut(self) -> bool:
        return self.total > len(self.items)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True)
class Worklist:
    teams: list[Team]
    team: Team | None
    overdue: Listed
    open: Listed
    waiting: Listed
    to_screen: Listed  # for front door screeners: contacts not yet screened
    is_screener: bool


def _listed(queryset: QuerySet[Any]) -> Listed:
    items = list(queryset[:WORKLIST_LIMIT])
    total = len(items) if len(items) < WORKLIST_LIMIT else queryset.count()
    return Listed(items=items, total=total)


def _worklist_queryset(*, user: User, team: Team | None) -> QuerySet[Task]:
    tasks = task_worklist_queryset(user).select_related("child", "team", "assigned_to", "contact")
    return tasks.filter(team=team) if team is not None else tasks


def _ordered(tasks: QuerySet[Task]) -> QuerySet[Task]:
    # Soonest due first; tasks with no due time after those with one, oldest first: sorted and cut in
    # the database, so that past the limit the most urgent are the ones shown.
    return tasks.order_by(F("due_at").asc(nulls_last=True), "created_at", "pk")


def task_worklist(*, user: User, context: AccessContext, team_id: int | None = None) -> Worklist:
    teams = list(user.teams.select_related("agency").order_by("name").distinct())
    team = next((candidate for candidate in teams if candidate.pk == team_id), None)
    now = timezone.now()
    with transaction.atomic():
        tasks = _worklist_queryset(user=user, team=team)
        open_tasks = tasks.filter(status=TaskStatus.OPEN)
        is_screener = is_front_door_screener(user)
        to_screen = (
            _listed(
                contact_visible_queryset(user)
                .filter(Q(screening__isnull=True) | Q(screening__decided_at__isnull=True))
                .select_related("child")
                .order_by("received_at", "pk")
            )
            if is_screener
            else Listed(items=[], total=0)
        )
        worklist = Worklist(
            teams=teams,
            team=team,
            overdue=_listed(_ordered(open_tasks.filter(due_at__lt=now))),
            open=_listed(_ordered(open_tasks.filter(Q(due_at__isnull=True) | Q(due_at__gte=now)))),
            waiting=_listed(_ordered(tasks.filter(status=TaskStatus.WAITING))),
            to_screen=to_screen,
            is_screener=is_screener,
        )
        listed = [*worklist.overdue, *worklist.open, *worklist.waiting]
        shown = {str(task.child_id) for task in listed} | {str(contact.child_id) for contact in to_screen}
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
