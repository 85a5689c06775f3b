"""The access gate for child records: the one place that decides who may see which child.

Need to know (docs/security.md):
- members of the team that holds the case, in a case role;
- front door screeners, for every child held by their own agency (they screen every contact);
- any worker with an open allocation to the child, from any agency;
- members, in a case role, of a team that has a task to do for the child now (a routing decision
  gave their team work on the case before it was transferred to them);
- nobody else: not analysts (aggregates only), not system administrators without a case role.

A child that does not exist and a child the user may not see get the same answer: not found.
"""

import uuid

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Membership, Role, User
from children.models import CaseAllocation, Child

# Roles whose members see the cases their team holds.
CASE_ROLES = frozenset(
    {Role.SCREENER, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.LEAD_WORKER, Role.DESIGNATED_CSE_WORKER}
)


def child_visible_queryset(user: User | AnonymousUser) -> QuerySet[Child]:
    if not user.is_authenticated or not user.is_active:
        return Child.objects.none()
    memberships = Membership.objects.filter(user=user)
    case_team_ids = memberships.filter(role__in=CASE_ROLES).values("team_id")
    front_door_agency_ids = memberships.filter(role=Role.SCREENER).values("team__agency_id")
    allocated_child_ids = CaseAllocation.objects.filter(user=user, ended_at__isnull=True).values("child_id")
    # Imported here because tasks are the front door's, downstream of the child record.
    from frontdoor.models import Task, TaskStatus

    tasked_child_ids = Task.objects.filter(team_id__in=case_team_ids, status=TaskStatus.OPEN).values("child_id")
    return Child.objects.filter(
        Q(holding_team_id__in=case_team_ids)
        | Q(holding_team__agency_id__in=front_door_agency_ids)
        | Q(id__in=allocated_child_ids)
        | Q(id__in=tasked_child_ids)
    )


def access_child(user: User | AnonymousUser, child_id: uuid.UUID | str) -> Child:
    """Return the child if the user may see it; otherwise raise Http404, whether or not it exists."""
    try:
        return (
            child_visible_queryset(user)
            .select_related("holding_team__agency", "home_authority", "responsible_authority")
            .get(id=child_id)
        )
    except (Child.DoesNotExist, ValidationError, ValueError, TypeError) as missing:
        raise Http404("No child found.") from missing
