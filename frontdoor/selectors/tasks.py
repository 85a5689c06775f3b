"""Worklists: each team's and each worker's open tasks, overdue first."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from accounts.models import Team, User
from audit.models import AccessAction
from audit.services import access_event_record
from children.access import child_ids_visible
from core.request_context import AccessContext
from frontdoor.access import (
    access_task,
    contact_screening_candidates,
    referrals_to_match_candidates,
    task_worklist_candidates,
)
from frontdoor.models import Task, TaskStatus
from frontdoor.selectors.missing_prompt import missing_prompt_rows, missing_prompts_read, missing_rule_current
from frontdoor.services.contacts import is_front_door_screener

WORKLIST_LIMIT = 50  # rows a section shows: the most urgent, and how many more there are


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
    to_match: Listed  # for front door screeners: referrals not yet matched to a child (decision 0031)
    is_screener: bool
    now: dt.datetime
    # For front door screeners: children the missing-episodes prompt finds (decision 0033).
    missing_prompts: Listed = Listed(items=[], total=0)
    missing_rule: str = ""  # the rule, in words  # the moment the worklist was read: what is due before it is overdue


def _ordered(tasks: QuerySet[Task]) -> QuerySet[Task]:
    # Soonest due first; tasks with no due time after those with one, oldest first: sorted in the
    # database, so that past the limit the most urgent are the ones shown.
    return tasks.order_by(F("due_at").asc(nulls_last=True), "created_at", "pk")


def _sections(*, user: User, team: Team | None, now: dt.datetime) -> tuple[Listed, Listed, Listed]:
    """Overdue, open and waiting. The user's tasks are read in order as (id, child, status, due) rows;
    the child gate is asked once, for their children only (not every child the user may see, which
    at county scale is tens of thousands); then the shown tasks are read whole."""
    tasks = task_worklist_candidates(user).filter(status__in=[TaskStatus.OPEN, TaskStatus.WAITING])
    if team is not None:
        tasks = tasks.filter(team=team)
    rows = list(_ordered(tasks).values_list("pk", "child_id", "status", "due_at"))
    visible = child_ids_visible(user, {child_id for _, child_id, _, _ in rows})
    sections: dict[str, list[int]] = {"overdue": [], "open": [], "waiting": []}
    for pk, child_id, status, due_at in rows:
        if child_id not in visible:
            continue
        if status == TaskStatus.WAITING:
            sections["waiting"].append(pk)
        else:
            sections["overdue" if due_at is not None and due_at < now else "open"].append(pk)
    shown = [pk for ids in sections.values() for pk in ids[:WORKLIST_LIMIT]]
    read = Task.objects.select_related("child", "team", "assigned_to", "contact").in_bulk(shown)
    overdue, open_, waiting = (
        Listed(items=[read[pk] for pk in ids[:WORKLIST_LIMIT]], total=len(ids)) for ids in sections.values()
    )
    return overdue, open_, waiting


def _to_screen(user: User) -> Listed:
    """The contacts waiting to be screened: immediate risk first, then soonest due, then oldest
    (decision 0027), sorted in the database. The queue is short (index contact_to_screen), so its
    (id, child) rows are read in that order first and the child gate asked about their children only:
    joined to the gate, the database would gather every child the screener may see (50,000 at a
    county's size) to keep a handful of contacts. Then the first WORKLIST_LIMIT are read whole, with
    their children and their soonest due time, in one query: three queries, however long the queue."""
    rows = list(contact_screening_candidates().values_list("pk", "child_id"))
    visible = child_ids_visible(user, {child_id for _, child_id in rows})
    ids = [pk for pk, child_id in rows if child_id in visible]
    shown = ids[:WORKLIST_LIMIT]
    read = contact_screening_candidates().select_related("child").in_bulk(shown)
    return Listed(items=[read[pk] for pk in shown], total=len(ids))


def referrals_to_match(*, user: User) -> Listed:
    """The referrals waiting at the user's front doors, immediate risk first, then oldest: the first
    WORKLIST_LIMIT, and how many in all, both in SQL. They name no child record, so no gate is asked
    and nothing is logged: the referral page logs its reading."""
    candidates = referrals_to_match_candidates(user)
    shown = list(candidates.select_related("referrer_agency")[:WORKLIST_LIMIT])
    total = len(shown) if len(shown) < WORKLIST_LIMIT else candidates.count()
    return Listed(items=shown, total=total)


def task_worklist(*, user: User, context: AccessContext, team_id: int | None = None) -> Worklist:
    teams = list(user.teams.select_related("agency").order_by("name").distinct())
    team = next((candidate for candidate in teams if candidate.pk == team_id), None)
    now = timezone.now()
    with transaction.atomic():
        is_screener = is_front_door_screener(user)
        to_screen = _to_screen(user) if is_screener else Listed(items=[], total=0)
        prompt_rows = missing_prompt_rows(user=user, now=now) if is_screener else []
        prompts = Listed(items=missing_prompts_read(rows=prompt_rows[:WORKLIST_LIMIT]), total=len(prompt_rows))
        to_match = referrals_to_match(user=user) if is_screener else Listed(items=[], total=0)
        overdue, open_, waiting = _sections(user=user, team=team, now=now)
        worklist = Worklist(
            teams=teams,
            team=team,
            overdue=overdue,
            open=open_,
            waiting=waiting,
            to_screen=to_screen,
            to_match=to_match,
            is_screener=is_screener,
            now=now,
            missing_prompts=prompts,
            missing_rule=missing_rule_current().in_words() if is_screener else "",
        )
        listed = [*worklist.overdue, *worklist.open, *worklist.waiting]
        shown = (
            {str(task.child_id) for task in listed}
            | {str(contact.child_id) for contact in to_screen}
            | {str(prompt.child.id) for prompt in prompts}
        )
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
