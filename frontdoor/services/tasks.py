"""Creating tasks from a routing decision, completing them, and what completion sets in motion."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Team, TeamKind, User
from assessments.levels import RiskLevel
from assessments.models import Assessment, AssessmentStatus, RiskLevelSource
from assessments.selectors import child_risk_level_current
from assessments.services import risk_level_record
from children.case_status import CaseStatus
from children.learning_disability import LearningDisability
from children.models import Child, ChronologyKind
from children.services import child_case_status_set, child_transfer, chronology_entry_create
from children.services.allocations import designated_cse_worker_allocate
from frontdoor.access import may_act_on_task
from frontdoor.models import Contact, EarlyHelpSupportPeriod, Screening, Task, TaskStatus
from frontdoor.routing import (
    UNDER_13,
    Condition,
    Owner,
    RoutingInput,
    RoutingInputError,
    TaskCode,
    meeting_outcome_tasks,
)
from frontdoor.routing import Task as PlannedTask
from frontdoor.routing import Team as TeamKindCode
from frontdoor.services.contacts import is_front_door_screener
from frontdoor.task_release import SETTLED_BY, SETTLED_BY_THE_MEETING, Outcome, OutcomeError, findings
from frontdoor.task_text import CONDITION_TEXT, task_title

# A case open to children's social care is held by a social care team, or by the Children and Families
# Assessment Team that the front door's referral moved it to: either is the case-holding social
# worker's team, so the social care tasks (a review's step-down, the new concerns for the team
# manager) go to the team that holds the case, not to the first social care team of the area.
HOLDS_A_SOCIAL_CARE_CASE = frozenset({TeamKindCode.SOCIAL_CARE, TeamKindCode.FAMILIES_ASSESSMENT})


def team_of_kind(*, child: Child, kind: TeamKindCode) -> Team:
    """The team of this kind that serves the child's area; the holding team itself when it is of that kind
    (for social care, when it is one of the teams that hold a social care case)."""
    if child.holding_team.kind == kind or (
        kind == TeamKindCode.SOCIAL_CARE and child.holding_team.kind in HOLDS_A_SOCIAL_CARE_CASE
    ):
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


def _carry_out(*, task: Task, by: User, outcome: Outcome, designated_cse_worker_id: int | None = None) -> None:
    """What completing some tasks changes on the case: who holds it, who works it, its status, step-down
    support."""
    child = task.child
    code = TaskCode(task.code)
    if code == TaskCode.REFER_TO_DESIGNATED_CSE_WORKER:
        # Decision 0030: the referral allocates the area's Designated CSE worker (the one chosen, if several).
        designated_cse_worker_allocate(child=child, by=by, worker_id=designated_cse_worker_id)
    # The transfer to First Response happens when the screening routes the case there, so that the team
    # sees the child at once; completing the front door's transfer task records the handover.
    if code == TaskCode.REFER_TO_CHILDREN_AND_FAMILIES_ASSESSMENT_TEAM:
        child_transfer(
            child=child, to_team=team_of_kind(child=child, kind=TeamKindCode.FAMILIES_ASSESSMENT), by=by, reason=""
        )
        child_case_status_set(child=child, case_status=CaseStatus.OPEN_SOCIAL_CARE, by=by, source=by.display_name)
    elif code == TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING and outcome.confirmed_level is not None:
        # No meeting is held: the level the decision confirms is the child's from now on, and routes the
        # case as a meeting's level would (the waiting tasks it settles were settled above).
        risk_level_determined_apply(
            child=child, level=RiskLevel(outcome.confirmed_level), by=by, reason=outcome.describe(), settle=False
        )
    elif code == TaskCode.EARLY_HELP_ASSESSMENT:
        child_case_status_set(child=child, case_status=CaseStatus.OPEN_EARLY_HELP, by=by, source=by.display_name)
    elif code == TaskCode.STEP_DOWN_TO_EARLY_HELP:
        early_help = team_of_kind(child=child, kind=TeamKindCode.EARLY_HELP)
        starts = timezone.localdate()
        months = task.support_months or 3
        ends = _add_months(starts, months)
        EarlyHelpSupportPeriod.objects.create(
            child=child,
            task=task,
            early_help_team=early_help,
            stepped_down=bool(outcome.stepped_down),
            starts_on=starts,
            ends_on=ends,
        )
        # The end of the support period is followed up: a task due the day it ends, which the reminders
        # chase like any other (due soon, then overdue).
        Task.objects.create(
            child=child,
            screening=task.screening,
            code=TaskCode.REVIEW_END_OF_EARLY_HELP_SUPPORT,
            owner=Owner.LEAD_WORKER,
            team=early_help,
            status=TaskStatus.OPEN,
            reason=f"The up to {months} months of low-level Early Help support after the step-down end on "
            f"{ends:%d %B %Y}: review whether the risk stays low, and refer any new or escalating risk to the "
            "front door (procedure 2.2 and 2.4).",
            due_at=timezone.make_aware(dt.datetime.combine(ends, dt.time(9))),
        )
        if outcome.stepped_down:
            child_transfer(child=child, to_team=early_help, by=by, reason="Stepped down to Early Help.")
            child_case_status_set(child=child, case_status=CaseStatus.OPEN_EARLY_HELP, by=by, source=by.display_name)


def _known_age(child: Child) -> int:
    """The age the routing reads: from the date of birth, else the front door's latest estimate, else
    under 13, the cautious reading (any new concern goes back to the front door, procedure 2.2 note)."""
    if child.age_years is not None:
        return child.age_years
    estimate = (
        Screening.objects.filter(child=child, decided_at__isnull=False)
        .order_by("-decided_at")
        .values_list("routing_input__age_years", flat=True)
        .first()
    )
    return estimate if isinstance(estimate, int) else UNDER_13 - 1


def risk_level_determined_apply(*, child: Child, level: RiskLevel, by: User, reason: str, settle: bool = True) -> None:
    """A strategy or multi-agency meeting determined the child's level (or the decision that none is held
    confirmed it): it becomes the child's level, with its source, releases or cancels the tasks that
    waited for it, and routes what the level sets in motion (routing.meeting_outcome_tasks). A building
    block: the service that calls it has checked its actor."""
    previous = child_risk_level_current(child_id=child.pk)
    try:
        facts = RoutingInput(
            case_status=CaseStatus(child.case_status),
            risk_level=level,
            previous_risk_level=previous,
            age_years=_known_age(child),
            learning_disability=LearningDisability(child.learning_disability),
            immediate_risk=False,
        )
    except RoutingInputError as error:
        raise ValidationError(str(error)) from error
    risk_level_record(child=child, level=level, by=by, source=RiskLevelSource.MEETING, reason=reason)
    if settle:
        now = timezone.now()
        waiting = Task.objects.filter(
            child=child, status=TaskStatus.WAITING, condition=Condition.MEETING_CONFIRMS_MEDIUM_OR_HIGH
        )
        for dependant in waiting:
            if level.is_medium_or_high:
                dependant.status, dependant.released_at = TaskStatus.OPEN, now
            else:
                dependant.status, dependant.completed_at, dependant.completed_by = TaskStatus.CANCELLED, now, by
                dependant.outcome_note = "Not needed: the meeting determined low risk."
            dependant.save()
    if facts.case_status == CaseStatus.NEW_CASE and level == RiskLevel.LOW:
        # Process map 3 at low risk: the case goes to Early Help for an Early Help Assessment.
        early_help = team_of_kind(child=child, kind=TeamKindCode.EARLY_HELP)
        if child.holding_team_id != early_help.pk:
            child_transfer(child=child, to_team=early_help, by=by, reason="Low risk: Early Help Assessment.")
    tasks_create(child=child, planned=meeting_outcome_tasks(facts))


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last_day in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _assessed_level_since(task: Task) -> RiskLevel | None:
    """The level of the newest risk assessment of the child completed after the task was set, other than
    a front door screening's: the social worker's assessment that the task asks for (procedure 2.2)."""
    assessment = (
        Assessment.objects.filter(
            child=task.child_id,
            status=AssessmentStatus.COMPLETE,
            completed_at__gt=task.created_at,
            screening__isnull=True,
        )
        .order_by("-completed_at", "-id")
        .first()
    )
    return RiskLevel(assessment.confirmed_level) if assessment is not None else None


def _may_act(user: User, task: Task) -> None:
    if not may_act_on_task(user, task):
        raise PermissionDenied("Only the task's team, or the person it is assigned to, can close it.")


@transaction.atomic
def task_complete(
    *, task: Task, by: User, outcome: Outcome, note: str = "", designated_cse_worker_id: int | None = None
) -> Task:
    """Mark a task done, record its outcome, and release or cancel the tasks that waited for it.
    `designated_cse_worker_id`: for the referral to the Designated CSE worker, whom it allocates when
    the area has several (decision 0030)."""
    task = Task.objects.select_for_update(of=("self",)).select_related("child__holding_team", "team").get(pk=task.pk)
    _may_act(by, task)
    if task.status == TaskStatus.DONE or task.status == TaskStatus.CANCELLED:
        raise ValidationError("This task is already closed.")
    if task.status == TaskStatus.WAITING and Condition(task.condition) in SETTLED_BY:
        settled_by = task_title(SETTLED_BY[Condition(task.condition)])
        if Condition(task.condition) in SETTLED_BY_THE_MEETING:
            raise ValidationError(
                f"This task waits for the meeting's outcome, or for '{settled_by}' to decide that no meeting is held."
            )
        raise ValidationError(f"This task waits for '{settled_by}' to be done first.")
    if task.code == TaskCode.COMPLETE_RISK_ASSESSMENT:
        outcome = replace(outcome, assessed_level=_assessed_level_since(task))
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
    _carry_out(task=task, by=by, outcome=outcome, designated_cse_worker_id=designated_cse_worker_id)
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
