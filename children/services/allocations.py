"""Allocating workers to a child's case and ending allocations (decision 0030).

An open allocation lets the worker see the child (children/access.py, `allocation_grant`) and puts the
child on their caseload; ending it takes both away. A child has one case-holding social worker at a
time: allocating a new one ends the old one in the same transaction. Each change is a line in the
chronology.
"""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from accounts.standing import agency_of, standing_of
from children.access import (
    ALLOCATABLE_ROLES,
    access_allocation,
    access_child,
    may_manage_allocation,
)
from children.models import CaseAllocation, Child, ChronologyKind
from children.selectors.allocations import designated_cse_worker_list
from children.services import chronology_entry_create

ONLY_MANAGERS = (
    "Only a team manager of the team that holds the case, or the worker's own team manager, can change "
    "who is allocated."
)


def _role_label(role: str) -> str:
    return Role(role).label


def _close(*, allocation: CaseAllocation, by: User, reason: str) -> CaseAllocation:
    allocation.ended_at = max(timezone.now(), allocation.started_at)
    allocation.ended_by = by
    allocation.end_reason = reason
    allocation.save(update_fields=["ended_at", "ended_by", "end_reason"])
    chronology_entry_create(
        child=allocation.child,
        recorded_by=by,
        kind=ChronologyKind.ALLOCATION,
        summary=f"Allocation ended: {allocation.user.display_name} ({_role_label(allocation.role)}). {reason}".strip(),
        source=by.display_name,
        source_agency=agency_of(by),
    )
    return allocation


def allocation_open(*, child: Child, worker: User, role: str, by: User, note: str = "") -> CaseAllocation:
    """Allocate the worker; a new case-holding social worker ends the old one. A building block: the
    caller has checked its actor (`allocation_start`, or completing the referral to the Designated CSE
    worker) and holds the transaction."""
    Child.objects.select_for_update().filter(pk=child.pk).first()  # one allocation change at a time per child
    if role not in ALLOCATABLE_ROLES:
        raise ValidationError({"role": "Choose a social worker, lead worker or Designated CSE worker role"})
    if not worker.is_active or not standing_of(worker).has(Role(role)):
        raise ValidationError({"user_id": f"{worker.display_name} is not a {_role_label(role).lower()} in any team"})
    open_allocations = CaseAllocation.objects.filter(child=child, ended_at__isnull=True).select_related("user")
    if open_allocations.filter(user=worker, role=role).exists():
        raise ValidationError({"user_id": f"{worker.display_name} is already allocated as {_role_label(role).lower()}"})
    if role == Role.SOCIAL_WORKER:
        for previous in open_allocations.filter(role=Role.SOCIAL_WORKER):
            previous.child = child
            _close(
                allocation=previous,
                by=by,
                reason=f"{worker.display_name} is now the case-holding social worker.",
            )
    allocation = CaseAllocation.objects.create(child=child, user=worker, role=role, allocated_by=by)
    chronology_entry_create(
        child=child,
        recorded_by=by,
        kind=ChronologyKind.ALLOCATION,
        summary=f"Allocated: {worker.display_name} ({_role_label(role)}). {note}".strip(),
        source=by.display_name,
        source_agency=agency_of(by),
    )
    return allocation


@transaction.atomic
def allocation_start(*, actor: User, child_id: uuid.UUID | str, user_id: int, role: str) -> CaseAllocation:
    """Allocate a worker to the child's case: a team manager of the holding team, or the worker's own
    team manager (decision 0030). A child the actor may not see is not found."""
    child = access_child(actor, child_id)
    if role not in ALLOCATABLE_ROLES:
        raise ValidationError({"role": "Choose a social worker, lead worker or Designated CSE worker role"})
    worker = User.objects.filter(pk=user_id, is_active=True).first()
    if worker is None:
        raise ValidationError({"user_id": "Choose a worker to allocate"})
    if not may_manage_allocation(actor, child=child, worker=worker, role=role):
        raise PermissionDenied(ONLY_MANAGERS)
    return allocation_open(child=child, worker=worker, role=role, by=actor)


@transaction.atomic
def allocation_end(*, actor: User, allocation_id: int, reason: str) -> CaseAllocation:
    """End an allocation, saying why: the same managers who may make it. The worker no longer sees the
    child through it."""
    allocation = access_allocation(actor, allocation_id)
    if not may_manage_allocation(actor, child=allocation.child, worker=allocation.user, role=allocation.role):
        raise PermissionDenied(ONLY_MANAGERS)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the allocation ends"})
    Child.objects.select_for_update().filter(pk=allocation.child_id).first()
    allocation = CaseAllocation.objects.select_related("child", "user").get(pk=allocation.pk)
    if allocation.ended_at is not None:
        raise ValidationError("This allocation has already ended.")
    return _close(allocation=allocation, by=actor, reason=reason.strip())


def designated_cse_worker_allocate(*, child: Child, by: User, worker_id: int | None) -> CaseAllocation | None:
    """The referral to the Designated CSE worker, done (decision 0030): allocate the area's Designated
    CSE worker; where the service has several, the one the referrer chose. Nobody new when one is
    allocated already; nobody, said in the chronology, when the area has none. A building block:
    `task_complete` has checked that its actor may complete the referral."""
    if CaseAllocation.objects.filter(child=child, role=Role.DESIGNATED_CSE_WORKER, ended_at__isnull=True).exists():
        return None
    workers = designated_cse_worker_list(child=child)
    if worker_id is None and len(workers) > 1:
        raise ValidationError(
            {"designated_cse_worker_id": "Choose which Designated CSE worker the child is referred to"}
        )
    if worker_id is not None:
        chosen = [worker for worker in workers if worker.pk == worker_id]
        if not chosen:
            raise ValidationError(
                {"designated_cse_worker_id": "Choose one of the Designated CSE workers of the child's area"}
            )
        workers = chosen
    if not workers:
        chronology_entry_create(
            child=child,
            recorded_by=by,
            kind=ChronologyKind.ALLOCATION,
            summary="Referred to the Designated CSE worker service, which has no worker in the system to allocate.",
            source=by.display_name,
            source_agency=agency_of(by),
        )
        return None
    return allocation_open(
        child=child, worker=workers[0], role=Role.DESIGNATED_CSE_WORKER, by=by, note="Referred by the case holder."
    )
