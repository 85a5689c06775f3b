"""Closing a child's case (decision 0024): a management decision, refused while anything in
children/closure.py stands in its way, with its reason in the chronology."""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.standing import agency_of
from children.access import MAY_NOT_CLOSE, access_child, may_close_case
from children.closure import closure_effects, closure_refusals
from children.models import Child, ChronologyKind
from children.services import chronology_entry_create

REASON_MAX = 5000


@transaction.atomic
def child_case_close(*, actor: User, child_id: uuid.UUID | str, reason: str) -> Child:
    """Close the case: only a team manager of the team that holds it, only with a reason, and only when
    no task is still to do, no contact waits, the risk is low or not assessed, the child is not missing,
    and rule 7's multi-agency route has been followed."""
    child = access_child(actor, child_id)
    if not may_close_case(actor, child):
        raise PermissionDenied(MAY_NOT_CLOSE)
    child = Child.objects.select_for_update().get(pk=child.pk)
    errors: dict[str, list[str]] = {}
    reason = reason.strip()
    if not reason:
        errors["reason"] = ["Enter why the case is being closed"]
    elif len(reason) > REASON_MAX:
        errors["reason"] = [f"The reason must be {REASON_MAX:,} characters or fewer"]
    refusals = closure_refusals(child)
    if refusals:
        errors["__all__"] = refusals
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    child.closed_at, child.closed_by, child.closure_reason = now, actor, reason
    child.save(update_fields=["closed_at", "closed_by", "closure_reason"])
    for effect in closure_effects():
        effect(child, actor)
    chronology_entry_create(
        child=child,
        recorded_by=actor,
        kind=ChronologyKind.CASE_STATUS,
        summary=f"Case closed by {actor.display_name}, team manager of {child.holding_team.name}: {reason}",
        source=child.holding_team.name,
        occurred_at=now,
        source_agency=agency_of(actor),
    )
    return child
