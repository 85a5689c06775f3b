"""A user's standing: the one answer to "what roles does this user hold, in which teams, agencies
and areas?", from which every gate, every write check and the menu decide.

Nothing outside this module reads memberships to answer a permission question. A standing is
computed from two queries at most (the memberships; every area, for a MEG chair). During a request
it is computed once and kept on the request's user (`StandingMiddleware`); elsewhere (commands,
services called directly, tests) it is computed afresh at each call, so a membership added a moment
ago is never missed.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from accounts.models import Agency, Area, Membership, Role, TeamKind, User

# Roles whose members see the cases their team holds.
CASE_ROLES = frozenset(
    {Role.SCREENER, Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.LEAD_WORKER, Role.DESIGNATED_CSE_WORKER}
)

_KEPT = "_cse_hub_standing"
_KEEP = object()  # the mark of a request's user: keep the standing once computed
_MEMO = "_cse_hub_request_memo"
T = TypeVar("T")


@dataclass(frozen=True)
class Place:
    """One membership: a role in a team, of an agency, perhaps of an area."""

    role: Role
    team_id: int
    team_kind: TeamKind
    agency_id: int
    area_id: int | None

    @property
    def is_front_door_screener(self) -> bool:
        return self.role == Role.SCREENER and self.team_kind == TeamKind.FRONT_DOOR


@dataclass(frozen=True)
class Standing:
    user_id: int | None  # None for someone not signed in, or no longer active
    places: tuple[Place, ...] = ()  # in the order the memberships were made
    every_area_id: frozenset[int] = frozenset()  # filled only for a MEG chair

    @property
    def active(self) -> bool:
        return self.user_id is not None

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(place.role for place in self.places)

    def has(self, *roles: Role) -> bool:
        return any(place.role in roles for place in self.places)

    @property
    def team_ids(self) -> frozenset[int]:
        return frozenset(place.team_id for place in self.places)

    @property
    def case_team_ids(self) -> frozenset[int]:
        """Teams whose cases the user sees: those they hold a case role in."""
        return frozenset(place.team_id for place in self.places if place.role in CASE_ROLES)

    @property
    def managed_team_ids(self) -> frozenset[int]:
        return frozenset(place.team_id for place in self.places if place.role == Role.TEAM_MANAGER)

    @property
    def agency_ids(self) -> frozenset[int]:
        return frozenset(place.agency_id for place in self.places)

    @property
    def first_agency_id(self) -> int | None:
        """The agency recorded as the user's when they act for one (their oldest membership's)."""
        return self.places[0].agency_id if self.places else None

    @property
    def screener_team_ids(self) -> tuple[int, ...]:
        """Front door teams the user screens for: a screener's role in a front door team."""
        return tuple(
            place.team_id
            for place in self.places
            if place.role == Role.SCREENER and place.team_kind == TeamKind.FRONT_DOOR
        )

    @property
    def screener_agency_ids(self) -> frozenset[int]:
        return frozenset(place.agency_id for place in self.places if place.is_front_door_screener)

    @property
    def is_screener(self) -> bool:
        return bool(self.screener_team_ids)

    @property
    def is_meg_chair(self) -> bool:
        return self.has(Role.MEG_CHAIR)

    @property
    def is_meg_business_support(self) -> bool:
        return bool(self.meg_support_area_ids)

    @property
    def meg_support_area_ids(self) -> frozenset[int]:
        return frozenset(
            place.area_id
            for place in self.places
            if place.role == Role.MEG_BUSINESS_SUPPORT and place.area_id is not None
        )

    @property
    def meg_area_ids(self) -> frozenset[int]:
        """The areas whose MEG the user works with: every area's as a chair, because the police
        safeguarding lead chairs the MEG for the partnership; their own area's as business support.
        Business support in an agency that serves no one area has none (and so no MEG pages)."""
        return self.every_area_id if self.is_meg_chair else self.meg_support_area_ids

    @property
    def is_meg_member(self) -> bool:
        return bool(self.meg_area_ids)

    @property
    def is_intelligence_officer(self) -> bool:
        return self.has(Role.POLICE_INTELLIGENCE)

    @property
    def is_partnership_analyst(self) -> bool:
        return self.has(Role.PARTNERSHIP_ANALYST)


NOBODY = Standing(user_id=None)


def standing_compute(user: User | AnonymousUser) -> Standing:
    if not user.is_authenticated or not user.is_active or not isinstance(user, User):
        return NOBODY
    memberships = Membership.objects.filter(user=user).select_related("team__agency").order_by("id")
    places = tuple(
        Place(
            role=Role(membership.role),
            team_id=membership.team_id,
            team_kind=TeamKind(membership.team.kind),
            agency_id=membership.team.agency_id,
            area_id=membership.team.agency.area_id,
        )
        for membership in memberships
    )
    every_area: frozenset[int] = frozenset()
    if any(place.role == Role.MEG_CHAIR for place in places):
        every_area = frozenset(Area.objects.values_list("id", flat=True))
    return Standing(user_id=user.pk, places=places, every_area_id=every_area)


def standing_of(user: User | AnonymousUser) -> Standing:
    """The user's standing: the one kept for this request, or computed now."""
    kept = getattr(user, _KEPT, None)
    if isinstance(kept, Standing):
        return kept
    standing = standing_compute(user)
    if kept is _KEEP:
        setattr(user, _KEPT, standing)
    return standing


def kept_for_request(user: User | AnonymousUser, key: str, compute: Callable[[], T]) -> T:
    """What `compute` gives for this user: worked out once per request for a request's user (the gates
    build the same conditions for every list a page shows), afresh every time for anyone else (a
    service called from a command or a test, whose records may change between calls)."""
    if getattr(user, _KEPT, None) is None:
        return compute()
    memo: dict[str, object] = user.__dict__.setdefault(_MEMO, {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[return-value]


class StandingMiddleware:
    """Lets each signed-in user's standing be kept for the rest of their request, once first asked,
    so that the gates, the write checks and the menu ask the database once."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and isinstance(user, User):
            setattr(user, _KEPT, _KEEP)
        return self.get_response(request)


def agency_of(user: User, *, role: Role | None = None) -> Agency | None:
    """The agency the user acts for when a record must name one (a submission, a referral, a
    grading): their oldest membership's, or their oldest in this role."""
    places = [place for place in standing_of(user).places if role is None or place.role == role]
    return Agency.objects.filter(pk=places[0].agency_id).first() if places else None


def user_ids_in_teams(team_ids: Iterable[int]) -> QuerySet[Membership, int]:
    """The members of these teams, as a subquery: whom a team manager stands in for."""
    return Membership.objects.filter(team_id__in=list(team_ids)).values_list("user_id", flat=True)
