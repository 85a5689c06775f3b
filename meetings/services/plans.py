"""Writes for plans and actions: a safeguarding plan for each child, a disruption plan for each
contextual item, and the actions each agency agreed to take, with their update history.

The MEG (business support and chair) agrees actions; only the agency that owns an action updates it.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, User
from accounts.standing import standing_of
from children.models import Child
from meetings.access import may_plan_for_area, may_update_action
from meetings.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    ContextualItem,
    Meeting,
    MeetingKind,
    Plan,
    PlanKind,
    Tactic,
)
from meetings.models.plans import OPEN_ACTION_STATUSES

# Which tactics fit which plan: support for a child and family under a safeguarding plan; the police
# and partners' disruption tactics against a person, place, vehicle or peer group.
TACTICS_FOR: dict[str, tuple[Tactic, ...]] = {
    PlanKind.SAFEGUARDING: (Tactic.SUPPORT, Tactic.OTHER),
    PlanKind.DISRUPTION: (
        Tactic.ABDUCTION_NOTICE,
        Tactic.LICENSING_CHECK,
        Tactic.HOTEL_VISIT,
        Tactic.TAXI_VISIT,
        Tactic.WARNING,
        Tactic.ARREST,
        Tactic.OTHER,
    ),
}

FINISHED = (ActionStatus.DONE, ActionStatus.CANCELLED)


def _refuse_unless_planner(*, by: User, plan_area_id: int) -> None:
    if not may_plan_for_area(by, plan_area_id):
        raise PermissionDenied("Only the MEG's business support officers and chair agree plans and actions.")


@transaction.atomic
def plan_for_child_get_or_create(*, child: Child, by: User) -> Plan:
    """The child's one safeguarding plan, started the first time the MEG agrees something for them."""
    _refuse_unless_planner(by=by, plan_area_id=child.responsible_authority_id)
    existing = Plan.objects.filter(child=child).first()
    if existing is not None:
        return existing
    plan, _ = Plan.objects.get_or_create(
        child=child,
        defaults={"kind": PlanKind.SAFEGUARDING, "area_id": child.responsible_authority_id, "created_by": by},
    )
    return plan


@transaction.atomic
def plan_for_contextual_item_get_or_create(*, item: ContextualItem, by: User) -> Plan:
    """The item's one disruption plan."""
    _refuse_unless_planner(by=by, plan_area_id=item.area_id)
    existing = Plan.objects.filter(contextual_item=item).first()
    if existing is not None:
        return existing
    if item.closed_at is not None:
        raise ValidationError("This item is closed: start no new plan for it.")
    plan, _ = Plan.objects.get_or_create(
        contextual_item=item,
        defaults={"kind": PlanKind.DISRUPTION, "area_id": item.area_id, "created_by": by},
    )
    return plan


def _action_errors(
    *,
    plan: Plan,
    description: str,
    tactic: str,
    owning_agency: Agency | None,
    owner: User | None,
    due_on: dt.date | None,
    meeting: Meeting | None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = "Describe the action"
    if tactic not in TACTICS_FOR[plan.kind]:
        errors["tactic"] = f"Select a tactic that fits a {PlanKind(plan.kind).label.lower()}"
    if owning_agency is None:
        errors["owning_agency"] = "Select the agency that will do this"
    elif owner is not None and owning_agency.pk not in standing_of(owner).agency_ids:
        errors["owner"] = f"The person who owns the action must work for {owning_agency.name}"
    if due_on is None:
        errors["due_on"] = "Enter the date the action is due"
    elif due_on < timezone.localdate():
        errors["due_on"] = "The date the action is due must be today or in the future"
    if meeting is not None and (meeting.kind != MeetingKind.MEG or meeting.area_id != plan.area_id):
        errors["meeting"] = "Select a MEG meeting of the plan's area"
    return errors


@transaction.atomic
def action_create(
    *,
    plan: Plan,
    by: User,
    description: str,
    tactic: str,
    owning_agency: Agency | None,
    due_on: dt.date | None,
    owner: User | None = None,
    meeting: Meeting | None = None,
) -> Action:
    """An action the MEG agreed: what one agency will do, who owns it, and by when."""
    _refuse_unless_planner(by=by, plan_area_id=plan.area_id)
    if plan.contextual_item is not None and plan.contextual_item.closed_at is not None:
        raise ValidationError("This item is closed: agree no new actions for it.")
    errors = _action_errors(
        plan=plan,
        description=description,
        tactic=tactic,
        owning_agency=owning_agency,
        owner=owner,
        due_on=due_on,
        meeting=meeting,
    )
    if errors:
        raise ValidationError(errors)
    assert owning_agency is not None  # checked above
    assert due_on is not None
    action: Action = Action.objects.create(
        plan=plan,
        meeting=meeting,
        description=description.strip(),
        tactic=tactic,
        owning_agency=owning_agency,
        owner=owner,
        due_on=due_on,
        created_by=by,
    )
    return action


@transaction.atomic
def action_update_record(*, action: Action, by: User, note: str, status: str) -> ActionUpdate:
    """Add to the action's history and set its status. Only the owning agency updates its actions;
    a done or cancelled action is finished: the MEG agrees a new one if more is needed."""
    if not may_update_action(by, action):
        raise PermissionDenied("Only the agency that owns an action can update it.")
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if locked.status in FINISHED:
        raise ValidationError(
            f"This action is {ActionStatus(locked.status).label.lower()}: it cannot be updated. "
            "If more needs doing, ask the MEG to agree a new action."
        )
    errors: dict[str, str] = {}
    if status not in ActionStatus.values:
        errors["status"] = "Select the status of the action"
    if not note.strip():
        errors["note"] = "Say what has been done"
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    update: ActionUpdate = ActionUpdate.objects.create(
        action=locked, note=note.strip(), status=status, recorded_at=now, recorded_by=by
    )
    locked.status = status
    locked.completed_at = None if status in OPEN_ACTION_STATUSES else now
    locked.save(update_fields=["status", "completed_at"])
    action.status, action.completed_at = locked.status, locked.completed_at
    return update
