"""The access gate for child records: the one place that decides who may see which child.

Need to know (docs/security.md):
- members of the team that holds the case, in a case role;
- front door screeners, for every child held by their own agency (they screen every contact);
- any worker with an open allocation to the child, from any agency;
- members, in a case role, of a team that has a task to do for the child now (a routing decision
  gave their team work on the case before it was transferred to them);
- the MEG's business support officers, for the children on their area's MEG agenda, and MEG chairs
  for the children on every area's agenda (rule 9: the MEG oversees every medium and high risk case);
- those named as invited to a MEG, for the children on its agenda, until the area's next MEG is held
  (seed 003, 2.4: the invited agencies implement the plans agreed; decision 0035);
- police intelligence officers and analysts, for the children that information shared with the
  police concerns (rule 10: they link what partners and the public report);
- nobody else: not analysts (aggregates only), not system administrators without a case role.

A child that does not exist and a child the user may not see get the same answer: not found.
"""

import uuid
from collections.abc import Callable, Iterable
from functools import cache

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import EmptyResultSet, PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.module_loading import import_string

from accounts.models import Role, User
from accounts.standing import Standing, kept_for_request, standing_of
from children.models import CaseAllocation, Child, MissingEpisode
from core.refusals import not_found

# A grant names the children one reason lets a user see, or None when the reason does not apply.
Grant = Callable[[User, Standing], Q | None]


def holding_team_grant(user: User, standing: Standing) -> Q | None:
    return Q(holding_team_id__in=standing.case_team_ids) if standing.case_team_ids else None


def front_door_grant(user: User, standing: Standing) -> Q | None:
    agencies = standing.screener_agency_ids
    return Q(holding_team__agency_id__in=agencies) if agencies else None


def allocation_grant(user: User, standing: Standing) -> Q | None:
    return Q(id__in=CaseAllocation.objects.filter(user=user, ended_at__isnull=True).values("child_id"))


# Need to know, in one list (docs/security.md): a child is visible when any grant names it; a new
# reason is a new line here, nowhere else. The grants that rest on records the child record comes
# before (tasks, the MEG agenda, intelligence) live in the apps that own those records, and are
# named here by path, as Django names its authentication backends, so that this app never imports
# them (the layers in pyproject.toml).
NEED_TO_KNOW = (
    "children.access.holding_team_grant",  # the team that holds the case, in a case role
    "children.access.front_door_grant",  # front door screeners, for their agency's children
    "children.access.allocation_grant",  # an open allocation to the child, from any agency
    "frontdoor.grants.open_task_grant",  # a case team with a task to do for the child now
    "meetings.grants.meg_agenda_grant",  # MEG business support and chairs, while on the agenda
    "meetings.grants.meg_invited_grant",  # those invited to a MEG, for its agenda, while invited
    "intelligence.grants.submission_grant",  # police intelligence, for children named in a submission
)


# Who works the case, and so may write to the child's record (a case note, a correction of the child's
# details; decision 0025): the reasons of need to know that rest on work on the case. Not the MEG's
# business support and chairs, who see the child while it is on the agenda, nor those invited to a MEG,
# who read what it agreed (decision 0035), and not police
# intelligence, who see it because a submission names it: they may read the record, not write to it.
WORKS_THE_CASE = (
    "children.access.holding_team_grant",
    "children.access.front_door_grant",
    "children.access.allocation_grant",
    "frontdoor.grants.open_task_grant",
)

WRITE_REFUSAL = "Only those who work the child's case (the team that holds it, the front door, allocated workers) write to the child's record."  # noqa: E501


@cache
def need_to_know_grants() -> tuple[Grant, ...]:
    return tuple(import_string(path) for path in NEED_TO_KNOW)


@cache
def works_the_case_grants() -> tuple[Grant, ...]:
    return tuple(import_string(path) for path in WORKS_THE_CASE)


def _granted(user: User | AnonymousUser, grants: tuple[Grant, ...], *, name: str) -> QuerySet[Child]:
    """The children any of these grants names, as a query built once per request (a page asks the gate
    for several lists; building its conditions took milliseconds each time) and cloned for each use."""

    def build() -> QuerySet[Child]:
        standing = standing_of(user)
        if not standing.active or not isinstance(user, User):
            return Child.objects.none()
        visible = Q(pk__in=[])
        for grant in grants:
            granted = grant(user, standing)
            if granted is not None:
                visible |= granted
        return Child.objects.filter(visible)

    return kept_for_request(user, f"child gate: {name}", build).all()


def child_visible_queryset(user: User | AnonymousUser) -> QuerySet[Child]:
    return _granted(user, need_to_know_grants(), name="need to know")


def child_visible_ids(user: User | AnonymousUser) -> RawSQL | list[uuid.UUID]:
    """The ids of the children the user may see, for another record's gate (`child__in=…`): the same
    subquery as `child_visible_queryset(user).values("pk")`, turned into SQL once per request. Django
    compiled the gate's many conditions again for each query that named it, which took more of a
    MEG chair's home page than the database did (docs/performance.md). Uncorrelated, so the SQL reads
    the same wherever it is placed. An empty list when the user may see no child."""

    def compile_sql() -> tuple[str, tuple[object, ...]] | None:
        try:
            sql, params = child_visible_queryset(user).values("pk").query.sql_with_params()
        except EmptyResultSet:
            return None
        return sql, tuple(params)

    compiled = kept_for_request(user, "child gate: need to know, as SQL", compile_sql)
    # Django compiled this SQL from the gate itself, with every value a parameter: nothing of the request in it.
    return [] if compiled is None else RawSQL(*compiled)  # noqa: S611


def may_write_to_child(user: User | AnonymousUser, child: Child) -> bool:
    """Whether the user works the child's case (WORKS_THE_CASE), and so may write to its record."""
    return _granted(user, works_the_case_grants(), name="works the case").filter(pk=child.pk).exists()


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
        raise not_found(Child, child_id, "No child found.") from missing


# --- Allocations (decision 0030) -------------------------------------------------------------------

# The roles a worker is allocated to a child in: the case-holding social worker, a lead worker (Early
# Help, school, health, voluntary sector) and the Designated CSE worker.
ALLOCATABLE_ROLES = (Role.SOCIAL_WORKER, Role.LEAD_WORKER, Role.DESIGNATED_CSE_WORKER)


def may_manage_allocation(user: User | AnonymousUser, *, child: Child, worker: User, role: str) -> bool:
    """Allocate this worker to the child in this role, or end that allocation (decision 0030): a team
    manager of the team that holds the case, for any worker; or the worker's own team manager (a
    manager of a team in which the worker holds that role: the Designated CSE worker's manager, a
    school's or a health service's manager for their lead worker), for a child they may see. The
    caller has passed the child gate."""
    standing = standing_of(user)
    if not standing.active or not standing.managed_team_ids:
        return False
    if child.holding_team_id in standing.managed_team_ids:
        return True
    worker_standing = standing_of(worker)
    return any(place.role == role and place.team_id in standing.managed_team_ids for place in worker_standing.places)


def may_allocate_on(user: User | AnonymousUser, *, child: Child) -> bool:
    """Whether the allocations page offers this user its forms: a team manager who may see the child.
    Each allocation is still checked by `may_manage_allocation`."""
    return bool(standing_of(user).managed_team_ids) and bool(child_ids_visible(user, [child.pk]))


def access_allocation(user: User | AnonymousUser, allocation_id: int) -> CaseAllocation:
    """An allocation of a child the user may see; otherwise not found, whether or not it exists."""
    try:
        allocation: CaseAllocation = (
            CaseAllocation.objects.filter(child__in=child_visible_ids(user))
            .select_related("child__holding_team__agency", "user")
            .get(pk=allocation_id)
        )
    except (CaseAllocation.DoesNotExist, ValueError, TypeError) as missing:
        raise not_found(CaseAllocation, allocation_id, "No allocation found.") from missing
    return allocation


def access_missing_episode(user: User | AnonymousUser, episode_id: int, *, for_update: bool = False) -> MissingEpisode:
    """A missing episode of a child the user may see, with that child; otherwise not found, whether or not
    it exists. `for_update` locks the episode's row, for a write."""
    episodes = MissingEpisode.objects.select_for_update() if for_update else MissingEpisode.objects.all()
    try:
        episode: MissingEpisode = episodes.filter(child__in=child_visible_ids(user)).get(pk=episode_id)
    except (MissingEpisode.DoesNotExist, ValueError, TypeError) as missing:
        raise not_found(MissingEpisode, episode_id, "No missing episode found.") from missing
    episode.child = access_child(user, episode.child_id)
    return episode


MAY_NOT_CLOSE = "Only a team manager of the team that holds the case may close it"


def may_close_case(user: User | AnonymousUser, child: Child) -> bool:
    """Closing a case is a management decision: a team manager of the team that holds it (decision 0024)."""
    return child.holding_team_id in standing_of(user).managed_team_ids


def access_child_to_write(user: User | AnonymousUser, child_id: uuid.UUID | str) -> Child:
    """The child, for a write to its record: Http404 for a child the user may not see (or that does
    not exist), PermissionDenied for one they may see but whose case they do not work."""
    child = access_child(user, child_id)
    if not may_write_to_child(user, child):
        raise PermissionDenied(WRITE_REFUSAL)
    return child
