"""The access gate for child records: the one place that decides who may see which child.

Need to know (docs/security.md):
- members of the team that holds the case, in a case role;
- front door screeners, for every child held by their own agency (they screen every contact);
- any worker with an open allocation to the child, from any agency;
- members, in a case role, of a team that has a task to do for the child now (a routing decision
  gave their team work on the case before it was transferred to them);
- the MEG's business support officers, for the children on their area's MEG agenda, and MEG chairs
  for the children on every area's agenda (rule 9: the MEG oversees every medium and high risk case);
- police intelligence officers and analysts, for the children that information shared with the
  police concerns (rule 10: they link what partners and the public report);
- nobody else: not analysts (aggregates only), not system administrators without a case role.

A child that does not exist and a child the user may not see get the same answer: not found.
"""

import uuid
from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Area, Membership, Role, User
from children.models import CaseAllocation, Child

# Roles whose members see the cases their team holds.
CASE_ROLES = frozenset(
    {Role.SCREENER, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.LEAD_WORKER, Role.DESIGNATED_CSE_WORKER}
)


def _holding_team(user: User, memberships: "QuerySet[Membership]") -> Q | None:
    return Q(holding_team_id__in=memberships.filter(role__in=CASE_ROLES).values("team_id"))


def _front_door(user: User, memberships: "QuerySet[Membership]") -> Q | None:
    return Q(holding_team__agency_id__in=memberships.filter(role=Role.SCREENER).values("team__agency_id"))


def _allocation(user: User, memberships: "QuerySet[Membership]") -> Q | None:
    return Q(id__in=CaseAllocation.objects.filter(user=user, ended_at__isnull=True).values("child_id"))


def _open_task(user: User, memberships: "QuerySet[Membership]") -> Q | None:
    from frontdoor.models import Task, TaskStatus  # downstream of the child record, like every grant below

    case_team_ids = memberships.filter(role__in=CASE_ROLES).values("team_id")
    return Q(id__in=Task.objects.filter(team_id__in=case_team_ids, status=TaskStatus.OPEN).values("child_id"))


def _meg_agenda(user: User, memberships: "QuerySet[Membership]") -> Q | None:
    from meetings.selectors.agenda import meg_agenda_child_ids

    areas = meg_area_ids(memberships)
    return Q(id__in=meg_agenda_child_ids(area_ids=areas)) if areas else None


def _intelligence(user: User, memberships: "QuerySet[Membership]") -> Q | None:
    from intelligence.models import SubmissionChild

    if not memberships.filter(role=Role.POLICE_INTELLIGENCE).exists():
        return None
    return Q(id__in=SubmissionChild.objects.values("child_id"))


# Need to know, in one list (docs/security.md): each grant names the children one reason lets a user
# see. A child is visible when any grant names it; a new reason is a new grant here, nowhere else.
NEED_TO_KNOW = (_holding_team, _front_door, _allocation, _open_task, _meg_agenda, _intelligence)


def child_visible_queryset(user: User | AnonymousUser) -> QuerySet[Child]:
    if not user.is_authenticated or not user.is_active:
        return Child.objects.none()
    assert isinstance(user, User)
    memberships = Membership.objects.filter(user=user)
    visible = Q(pk__in=[])
    for grant in NEED_TO_KNOW:
        granted = grant(user, memberships)
        if granted is not None:
            visible |= granted
    return Child.objects.filter(visible)


def meg_area_ids(memberships: "QuerySet[Membership]") -> list[int]:
    """The areas whose MEG agenda the user works with: their own area's as business support; every
    area's as a chair, because the police safeguarding lead chairs the MEG for the partnership."""
    roles = set(memberships.values_list("role", flat=True))
    if Role.MEG_CHAIR in roles:
        return list(Area.objects.values_list("id", flat=True))
    if Role.MEG_BUSINESS_SUPPORT in roles:
        support = memberships.filter(role=Role.MEG_BUSINESS_SUPPORT, team__agency__area__isnull=False)
        return list(support.values_list("team__agency__area_id", flat=True))
    return []


def child_ids_visible(user: User | AnonymousUser, child_ids: Iterable[uuid.UUID | None]) -> set[uuid.UUID]:
    """Which of these children the user may see: a page about another record (an action, a task, a
    plan) names its child only when the child's gate says yes."""
    wanted = {child_id for child_id in child_ids if child_id is not None}
    if not wanted:
        return set()
    return set(child_visible_queryset(user).filter(pk__in=wanted).values_list("pk", flat=True))


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
