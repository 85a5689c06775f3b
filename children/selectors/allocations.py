"""Reads of a child's allocations: who works the case now, who did before (decision 0030)."""

import uuid
from dataclasses import dataclass

from django.db import transaction

from accounts.models import Membership, Role, TeamKind, User
from accounts.selectors import members_in_roles_list
from accounts.standing import standing_of
from audit.models import AccessAction
from audit.services import access_event_record
from children.access import ALLOCATABLE_ROLES, access_allocation, access_child, may_allocate_on
from children.models import CaseAllocation, Child
from core.request_context import AccessContext


@dataclass(frozen=True)
class Candidate:
    """A worker the manager may choose, in one role."""

    user: User
    role: str
    team_name: str

    @property
    def value(self) -> str:
        return f"{self.user.pk}:{self.role}"

    @property
    def label(self) -> str:
        return f"{self.user.display_name}, {Role(self.role).label.lower()} ({self.team_name})"


@dataclass(frozen=True)
class ChildAllocations:
    child: Child
    current: list[CaseAllocation]
    past: list[CaseAllocation]
    may_allocate: bool
    candidates: list[Candidate]


def _candidates(*, user: User, child: Child) -> list[Candidate]:
    """The workers the user may allocate: those holding an allocatable role in the teams they manage;
    and, for a manager of the team that holds the case, in any team of the child's area."""
    managed = standing_of(user).managed_team_ids
    area_id = child.responsible_authority_id if child.holding_team_id in managed else None
    memberships: list[Membership] = members_in_roles_list(roles=ALLOCATABLE_ROLES, team_ids=managed, area_id=area_id)
    seen: set[tuple[int, str]] = set()
    found = []
    for membership in memberships:
        key = (membership.user_id, membership.role)
        if key in seen:
            continue
        seen.add(key)
        found.append(Candidate(user=membership.user, role=membership.role, team_name=membership.team.name))
    return found


def child_allocations_read(*, user: User, child_id: uuid.UUID | str, context: AccessContext) -> ChildAllocations:
    """The child's current and past allocations, and whom the user may allocate. One access event."""
    with transaction.atomic():
        child = access_child(user, child_id)
        allocations = list(
            CaseAllocation.objects.filter(child=child).select_related("user", "allocated_by", "ended_by")
        )
        may_allocate = may_allocate_on(user, child=child)
        access_event_record(
            user=user, action=AccessAction.VIEW, object_type="child", object_ids=[child.id], context=context
        )
    return ChildAllocations(
        child=child,
        current=[allocation for allocation in allocations if allocation.ended_at is None],
        past=[allocation for allocation in allocations if allocation.ended_at is not None],
        may_allocate=may_allocate,
        candidates=_candidates(user=user, child=child) if may_allocate else [],
    )


def allocation_detail_read(*, user: User, allocation_id: int, context: AccessContext) -> CaseAllocation:
    """One allocation of a child the user may see, with its child. One access event."""
    with transaction.atomic():
        allocation = access_allocation(user, allocation_id)
        access_event_record(
            user=user,
            action=AccessAction.VIEW,
            object_type="child",
            object_ids=[allocation.child_id],
            context=context,
        )
    return allocation


def designated_cse_worker_list(*, child: Child) -> list[User]:
    """The Designated CSE workers of the child's area: the members, in that role, of its Designated CSE
    worker service (a team of that kind in an agency of the child's responsible authority)."""
    memberships = members_in_roles_list(roles=[Role.DESIGNATED_CSE_WORKER], area_id=child.responsible_authority_id)
    workers: dict[int, User] = {}
    for membership in memberships:
        if membership.team.kind == TeamKind.DESIGNATED_CSE:
            workers.setdefault(membership.user_id, membership.user)
    return list(workers.values())


def designated_cse_worker_choices(*, child: Child) -> list[User]:
    """Whom the referral to the Designated CSE worker asks the referrer to choose from: the area's
    Designated CSE workers, or nobody when one is allocated to the child already."""
    if CaseAllocation.objects.filter(child=child, role=Role.DESIGNATED_CSE_WORKER, ended_at__isnull=True).exists():
        return []
    return designated_cse_worker_list(child=child)
