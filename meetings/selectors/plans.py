"""Reads for plans and actions. An action of a safeguarding plan names its child: every read that
shows one writes an access event in the same transaction."""

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, Q, QuerySet, Value, When
from django.utils import timezone

from accounts.models import Agency, Area, User
from audit.models import AccessAction
from audit.services import children_access_record
from children.access import child_ids_visible
from core.paging import Page
from core.request_context import AccessContext
from meetings.access import (
    ActionAccess,
    access_action,
    access_plan,
    action_visible_queryset,
    agency_ids_of,
    may_plan_for_area,
)
from meetings.actions_due import is_overdue, overdue_first
from meetings.models import Action, ActionUpdate, Meeting, MeetingKind, Plan
from meetings.models.plans import OPEN_ACTION_STATUSES

ACTIONS_PAGE = 50  # rows a page of actions shows; the rest are on the next pages, never cut
MEETINGS_BACK = dt.timedelta(days=62)
MEETINGS_AHEAD = dt.timedelta(days=45)


@dataclass(frozen=True)
class ActionRow:
    action: Action
    overdue: bool
    # False when the action's plan is a child's and the reader may not see that child: the page shows
    # the action without the child's identity (an agency acts on its actions; sight of the child is
    # need to know).
    child_shown: bool = True


@dataclass(frozen=True)
class AgencyActions:
    agency: Agency
    rows: list[ActionRow]


ActionList = Page[ActionRow]  # one page of a list of actions


@dataclass(frozen=True)
class MeetingActions:
    open: ActionList  # the open actions of the plans the meeting reviews, overdue first
    agreed: ActionList  # the actions agreed at this meeting, whatever their status


def children_read_record(
    *, user: User, context: AccessContext, action: AccessAction, child_ids: Iterable[uuid.UUID | None]
) -> None:
    """One access event for the children a page names, when it names any (in id order)."""
    named = sorted({str(child_id) for child_id in child_ids if child_id is not None})
    children_access_record(user=user, action=action, child_ids=named, context=context)


def action_rows(
    actions: Iterable[Action],
    *,
    user: User,
    context: AccessContext,
    today: dt.date | None = None,
    also_named: Iterable[uuid.UUID | None] = (),
    read: AccessAction = AccessAction.LIST,
    in_given_order: bool = False,
) -> list[ActionRow]:
    """The actions with their overdue flag, overdue first and then soonest due (or in the order given,
    for a page the database sorted); each names its child only when the reader may see the child. One
    access event for the children named: those, and the `also_named` children that the same page lists."""
    actions = list(actions)
    today = today or timezone.localdate()
    shown = child_ids_visible(user, (action.plan.child_id for action in actions))
    children_read_record(user=user, context=context, action=read, child_ids=[*also_named, *shown])
    rows = [
        ActionRow(
            action=action,
            overdue=is_overdue(status=action.status, due_on=action.due_on, today=today),
            child_shown=action.plan.child_id is None or action.plan.child_id in shown,
        )
        for action in actions
    ]
    if in_given_order:
        return rows
    return overdue_first(rows, overdue=lambda row: row.overdue, due_on=lambda row: row.action.due_on)


def _with_details(actions: QuerySet[Action]) -> QuerySet[Action]:
    return actions.select_related("plan__child", "plan__contextual_item", "owning_agency", "owner", "meeting")


def _overdue_first(actions: QuerySet[Action], *, today: dt.date) -> QuerySet[Action]:
    """Overdue first (meetings/actions_due.py), then soonest due, in the database."""
    overdue = Q(status__in=OPEN_ACTION_STATUSES, due_on__lt=today)
    return actions.order_by(Case(When(overdue, then=Value(0)), default=Value(1)), "due_on", "id")


def _page_of(
    actions: QuerySet[Action], *, page: int, per_page: int, user: User, context: AccessContext, today: dt.date
) -> ActionList:
    """The page'th page of the actions, from 1, in the order given (sorted in the database, so that
    every action is on exactly one page); a page past the last is empty."""
    total = actions.count()
    start = (max(page, 1) - 1) * per_page
    shown = list(_with_details(actions)[start : start + per_page]) if start < total else []
    rows = action_rows(shown, user=user, context=context, today=today, in_given_order=True)
    return ActionList(rows=rows, total=total, page=max(page, 1), per_page=per_page)


def plan_actions_by_agency(*, plan: Plan, user: User, context: AccessContext) -> list[AgencyActions]:
    """The plan's actions the user may see, grouped by the agency that owns them."""
    with transaction.atomic():
        actions = list(_with_details(action_visible_queryset(user).filter(plan=plan)))
        rows = action_rows(actions, user=user, context=context, also_named=[plan.child_id], read=AccessAction.VIEW)
    groups: dict[int, AgencyActions] = {}
    for row in rows:
        agency = row.action.owning_agency
        groups.setdefault(agency.pk, AgencyActions(agency=agency, rows=[])).rows.append(row)
    return sorted(groups.values(), key=lambda group: group.agency.name)


@dataclass(frozen=True)
class ActionRead:
    action: Action
    child_shown: bool  # see ActionRow


def action_detail_read(
    *, user: User, action_id: int, context: AccessContext, to: ActionAccess = ActionAccess.SEE
) -> ActionRead:
    """One action (404 unless the user may see it; 403 unless they may do `to` with it), naming its
    child only to a reader who may see the child, whose read is logged in the same transaction."""
    with transaction.atomic():
        action = access_action(user, action_id, to=to)
        child_id = action.plan.child_id
        shown = child_ids_visible(user, [child_id])
        children_read_record(user=user, context=context, action=AccessAction.VIEW, child_ids=shown)
    return ActionRead(action=action, child_shown=child_id is None or child_id in shown)


def action_record_read(*, user: User, action_id: int, context: AccessContext) -> Action:
    """One action for the API (404 unless the user may see it), with its plan's child logged as read."""
    with transaction.atomic():
        action = access_action(user, action_id)
        children_read_record(user=user, context=context, action=AccessAction.VIEW, child_ids=[action.plan.child_id])
    return action


def action_created_read(*, user: User, plan: Plan, action: Action, context: AccessContext) -> Action:
    """The action just agreed under the plan, as the API hands it back: its plan's child logged as read."""
    children_read_record(user=user, context=context, action=AccessAction.VIEW, child_ids=[plan.child_id])
    return action


def plan_for_new_action_read(*, user: User, plan_id: int, context: AccessContext) -> Plan:
    """The plan an action is being agreed under: through the plan gate, for the MEG's business support
    officers and chair only (403 for anyone else), with its child logged as read."""
    with transaction.atomic():
        plan = access_plan(user, plan_id)
        if not may_plan_for_area(user, plan.area_id):
            raise PermissionDenied("Only the MEG's business support officers and chair agree actions.")
        children_read_record(user=user, context=context, action=AccessAction.VIEW, child_ids=[plan.child_id])
    return plan


def action_history(*, action: Action) -> list[ActionUpdate]:
    return list(action.updates.select_related("recorded_by").order_by("recorded_at", "id"))


def agency_open_actions(
    *, user: User, context: AccessContext, page: int = 1, per_page: int = ACTIONS_PAGE
) -> ActionList:
    """The open actions of the user's agencies, a page at a time: what they have to do for the MEG,
    overdue first (an open action is overdue once its due date has passed, so soonest due is overdue
    first)."""
    actions = Action.objects.filter(owning_agency_id__in=agency_ids_of(user), status__in=OPEN_ACTION_STATUSES)
    with transaction.atomic():
        return _page_of(
            actions.order_by("due_on", "id"),
            page=page,
            per_page=per_page,
            user=user,
            context=context,
            today=timezone.localdate(),
        )


def agency_overdue_actions(
    *, user: User, context: AccessContext, page: int = 1, per_page: int = ACTIONS_PAGE
) -> ActionList:
    """The user's agencies' overdue actions for the worklist, a page at a time: those the user owns
    first, then the longest overdue."""
    today = timezone.localdate()
    actions = Action.objects.filter(
        owning_agency_id__in=agency_ids_of(user), status__in=OPEN_ACTION_STATUSES, due_on__lt=today
    )
    theirs_first = Case(When(owner_id=user.pk, then=Value(0)), default=Value(1))
    with transaction.atomic():
        return _page_of(
            actions.order_by(theirs_first, "due_on", "id"),
            page=page,
            per_page=per_page,
            user=user,
            context=context,
            today=today,
        )


def meeting_actions(
    *, meeting: Meeting, user: User, context: AccessContext, open_page: int = 1, agreed_page: int = 1
) -> MeetingActions:
    """What a meeting reviews, a page of each at a time: the open actions of its area's plans (a MEG)
    or of its child's plan (a strategy or multi-agency meeting), overdue first, and the actions agreed
    at it."""
    reviewed = Q(plan__area_id=meeting.area_id) if meeting.kind == MeetingKind.MEG else Q(plan__child=meeting.child_id)
    visible = action_visible_queryset(user)
    today = timezone.localdate()
    with transaction.atomic():
        return MeetingActions(
            open=_page_of(
                visible.filter(reviewed, status__in=OPEN_ACTION_STATUSES).order_by("due_on", "id"),
                page=open_page,
                per_page=ACTIONS_PAGE,
                user=user,
                context=context,
                today=today,
            ),
            agreed=_page_of(
                _overdue_first(visible.filter(meeting=meeting), today=today),
                page=agreed_page,
                per_page=ACTIONS_PAGE,
                user=user,
                context=context,
                today=today,
            ),
        )


def agencies_serving(*, area: Area) -> QuerySet[Agency]:
    """The agencies that can own an action in the area: its own and the partnership-wide ones."""
    return Agency.objects.filter(Q(area=area) | Q(area__isnull=True)).order_by("name")


def owners_serving(*, area: Area) -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, memberships__team__agency__in=agencies_serving(area=area))
        .distinct()
        .order_by("last_name", "first_name", "id")
    )


def meetings_to_agree_at(*, area: Area) -> QuerySet[Meeting]:
    """The area's recent and next MEG meetings, one of which an action was agreed at."""
    now = timezone.now()
    return Meeting.objects.filter(
        kind=MeetingKind.MEG, area=area, starts_at__gte=now - MEETINGS_BACK, starts_at__lte=now + MEETINGS_AHEAD
    ).order_by("-starts_at")
