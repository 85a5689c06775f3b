"""Creating tasks from a routing decision, completing them, and what completion sets in motion."""

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Team, TeamKind, User
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from children.case_status import CaseStatus
from children.models import Child, ChronologyKind
from children.services import child_case_status_set, child_transfer, chronology_entry_create
from frontdoor.access import may_act_on_task
from frontdoor.models import Contact, EarlyHelpSupportPeriod, Screening, Task, TaskStatus
from frontdoor.routing import Condition, Owner, TaskCode
from frontdoor.routing import Task as PlannedTask
from frontdoor.routing import Team as TeamKindCode
from frontdoor.services.contacts import is_front_door_screener
from frontdoor.task_release import SETTLED_BY, Outcome, OutcomeError, findings
from frontdoor.task_text import CONDITION_TEXT, task_title


def team_of_kind(*, child: Child, kind: TeamKindCode) -> Team:
    """The team of this kind that serves the child's area; the holding team itself when it is of that kind."""
    if child.holding_team.kind == kind:
        return child.holding_team
    team = Team.objects.filter(kind=kind, agency__area=child.responsible_authority_id).order_by("name", "id").first()
    if team is None:
        raise ValidationError(f"{child.responsible_authority} has no {TeamKind(kind).label} team to give this task to.")
    return team


def _task_owner(
    *, child: Child, contact: Contact | None, team: TeamKindCode | None, owner: Owner
) -> tuple[Team, User | None]:
    if owner == Owner.CONTACT_RECORDER and contact is not None:
        return team_of_kind(child=child, kind=TeamKindCode.FRONT_DOOR), contact.recorded_by
    # Another authority's tasks are tracked by our front door, which chases them.
    return team_of_kind(child=child, kind=team or TeamKindCode.FRONT_DOOR), None


@transaction.atomic
def tasks_create(
    *,
    child: Child,
    planned: Sequence[PlannedTask],
    screening: Screening | None = None,
    contact: Contact | None = None,
) -> list[Task]:
    """Put planned tasks on the owners' worklists; a task already open for the child is not made twice."""
    now = timezone.now()
    created = []
    for plan in planned:
        duplicate = Task.objects.filter(child=child, code=plan.code).exclude(
            status__in=[TaskStatus.DONE, TaskStatus.CANCELLED]
        )
        if contact is not None and plan.code == TaskCode.CONTACT_POLICE_999:
            duplicate = Task.objects.filter(contact=contact, code=plan.code)
        if duplicate.exists():
            continue  # already on someone's worklist: one task, not two
        team, assignee = _task_owner(child=child, contact=contact, team=plan.team, owner=plan.owner)
        created.append(
            Task.objects.create(
                child=child,
                contact=contact,
                screening=screening,
                code=plan.code,
                owner=plan.owner,
                team=team,
                assigned_to=assignee,
                status=TaskStatus.WAITING if plan.condition else TaskStatus.OPEN,
                condition=plan.condition or "",
                reason=plan.reason,
                due_at=now + dt.timedelta(hours=plan.due_hours) if plan.due_hours is not None else None,
                due_by=plan.due_by or "",
                support_months=plan.support_months,
            )
        )
    return created


def _settle(*, task: Task, settled: dict[Condition, bool], by: User) -> None:
    now = timezone.now()
    waiting = Task.objects.filter(child=task.child, screening=task.screening, status=TaskStatus.WAITING)
    for condition, happened in settled.items():
        for dependant in waiting.filter(condition=condition):
            if happened:
                dependant.status = TaskStatus.OPEN
                dependant.released_at = now
            else:
                dependant.status = TaskStatus.CANCELLED
                dependant.completed_at = now
                dependant.completed_by = by
                dependant.outcome_note = f"Not needed: it was due {CONDITION_TEXT[condition]}, and that did not happen."
            dependant.save()


def _carry_out(*, task: Task, by: User, outcome: Outcome) -> None:
    """What completing some tasks changes on the case: who holds it, its status, step-down support."""
    child = task.child
    code = TaskCode(task.code)
    # The transfer to First Response happens when the screening routes the case there, so that the team
    # sees the child at once; completing the front door's transfer task records the handover.
    if code == TaskCode.REFER_TO_CHILDREN_AND_FAMILIES_ASSESSMENT_TEAM:
        child_transfer(
            child=child, to_team=team_of_kind(child=child, kind=TeamKindCode.FAMILIES_ASSESSMENT), by=by, reason=""
        )
        child_case_status_set(child=child, case_status=CaseStatus.OPEN_SOCIAL_CARE, by=by, source=by.display_name)
    elif code == TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING and outcome.confirmed_level is not None:
        # The level the meeting decision confirms is the child's level from now on (the MEG agenda reads it).
        risk_level_record(
            child=child,
            level=outcome.confirmed_level,
            by=by,
            source=RiskLevelSource.MEETING,
            reason=outcome.describe(),
        )
    elif code == TaskCode.EARLY_HELP_ASSESSMENT:
        child_case_status_set(child=child, case_status=CaseStatus.OPEN_EARLY_HELP, by=by, source=by.display_name)
    elif code == TaskCode.STEP_DOWN_TO_EARLY_HELP:
        early_help = team_of_kind(child=child, kind=TeamKindCode.EARLY_HELP)
        starts = timezone.localdate()
        months = task.support_months or 3
        EarlyHelpSupportPeriod.objects.create(
            child=child,
            task=task,
            early_help_team=early_help,
            stepped_down=bool(outcome.stepped_down),
            starts_on=starts,
            ends_on=_add_months(starts, months),
        )
        if outcome.stepped_down:
            child_transfer(child=child, to_team=early_help, by=by, reason="Stepped down to Early Help.")
            child_case_status_set(child=child, case_status=CaseStatus.OPEN_EARLY_HELP, by=by, source=by.display_name)


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last_day in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _may_act(user: User, task: Task) -> None:
    if not may_act_on_task(user, task):
        raise PermissionDenied("Only the task's team, or the person it is assigned to, can close it.")


@transaction.atomic
def task_complete(*, task: Task, by: User, outcome: Outcome, note: str = "") -> Task:
    """Mark a task done, record its outcome, and release or cancel the tasks that waited for it."""
    task = Task.objects.select_for_update(of=("self",)).select_related("child__holding_team", "team").get(pk=task.pk)
    _may_act(by, task)
    if task.status == TaskStatus.DONE or task.status == TaskStatus.CANCELLED:
        raise ValidationError("This task is already closed.")
    if task.status == TaskStatus.WAITING and Condition(task.condition) in SETTLED_BY:
        settled_by = task_title(SETTLED_BY[Condition(task.condition)])
        raise ValidationError(f"This task waits for '{settled_by}' to be done first.")
    try:
        settled = findings(TaskCode(task.code), outcome)
    except OutcomeError as error:
        raise ValidationError({"outcome": str(error)}) from error
    task.status = TaskStatus.DONE
    task.completed_at = timezone.now()
    task.completed_by = by
    task.outcome = outcome.as_json()
    task.outcome_note = note.strip()
    task.save()
    _settle(task=task, settled=settled, by=by)
    _carry_out(task=task, by=by, outcome=outcome)
    chronology_entry_create(
        child=task.child,
        recorded_by=by,
        kind=ChronologyKind.TASK,
        summary=f"Done: {task_title(task.code)}. {outcome.describe()} {note.strip()}".strip(),
        source=task.team.name if task.team else by.display_name,
        source_agency=task.team.agency if task.team else None,
    )
    return task


@transaction.atomic
def task_cancel(*, task: Task, by: User, reason: str) -> Task:
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the task is not needed"})
    task = Task.objects.select_for_update(of=("self",)).select_related("child", "team").get(pk=task.pk)
    # The front door may also close a task as not needed: it is where rule 7 sends such decisions.
    if not is_front_door_screener(by):
        _may_act(by, task)
    if task.status in (TaskStatus.DONE, TaskStatus.CANCELLED):
        raise ValidationError("This task is already closed.")
    if task.code == TaskCode.CONTACT_POLICE_999:
        raise ValidationError("Contacting the police about immediate risk cannot be cancelled.")
    child = task.child
    if child.front_door_referral_required and not is_front_door_screener(by):
        # Rule 7: such a concern is never closed by a single agency.
        raise ValidationError(
            "A concern about a child under 13 or with a learning disability (or where it is not known whether "
            "they have one) cannot be closed without the front door (procedure 2.2, note). Refer it to the "
            "front door instead."
        )
    task.status = TaskStatus.CANCELLED
    task.completed_at = timezone.now()
    task.completed_by = by
    task.outcome_note = reason.strip()
    task.save()
    chronology_entry_create(
        child=task.child,
        recorded_by=by,
        kind=ChronologyKind.TASK,
        summary=f"Not needed: {task_title(task.code)}. {reason.strip()}",
        source=by.display_name,
    )
    return task
