"""The access gate for professional challenges: the one place that decides who may see a challenge
and who may act on it (docs/decisions/0009-professional-challenge.md).

- See a challenge and its history: anyone who may see the child (children.access), and the
  challenge's parties, even when they cannot see the rest of the child's record.
- The parties: the person who raised it; its current owner (the owner person, every member of the
  owner team); and, to cover absence, the team managers of any team the owner person belongs to.
- Escalate and resolve: the parties.
- Withdraw: the person who raised it, and nobody else.
- A challenge that does not exist and one the user may not see or act on get the same answer:
  not found.

Raising a challenge about a child needs only sight of the child: `access_child`.
"""

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from accounts.models import Role, User
from accounts.standing import standing_of, user_ids_in_teams
from challenges.models import Challenge
from children.access import child_visible_ids, child_visible_queryset
from core.refusals import not_found, refused


class ChallengeAction(StrEnum):
    VIEW = "view"
    ESCALATE = "escalate"
    RESOLVE = "resolve"
    WITHDRAW = "withdraw"


# Who may read the partnership report: aggregates only, no child in it.
REPORT_ROLES = frozenset({Role.PARTNERSHIP_ANALYST, Role.TEAM_MANAGER})


def _is_active(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def challenge_party_filter(user: User) -> Q:
    """Challenges the user raised, owns (as the person, or through a team), or oversees as the
    team manager of the owner person."""
    standing = standing_of(user)
    team_ids = standing.team_ids
    managed_user_ids = user_ids_in_teams(standing.managed_team_ids)
    return (
        Q(raised_by=user) | Q(owner_user=user) | Q(owner_team_id__in=team_ids) | Q(owner_user_id__in=managed_user_ids)
    )


def challenge_visible_queryset(user: User | AnonymousUser) -> QuerySet[Challenge]:
    if not isinstance(user, User) or not _is_active(user):
        return Challenge.objects.none()
    return Challenge.objects.filter(Q(child_id__in=child_visible_ids(user)) | challenge_party_filter(user))


def challenge_permissions(user: User | AnonymousUser, challenge: Challenge) -> frozenset[ChallengeAction]:
    """What the user may do with the challenge. Whether the challenge is still open is a rule
    (challenges/escalation.py), not a permission."""
    if not isinstance(user, User) or not _is_active(user):
        return frozenset()
    is_party = Challenge.objects.filter(pk=challenge.pk).filter(challenge_party_filter(user)).exists()
    allowed: set[ChallengeAction] = set()
    if is_party or child_visible_queryset(user).filter(id=challenge.child_id).exists():
        allowed.add(ChallengeAction.VIEW)
    if is_party:
        allowed |= {ChallengeAction.ESCALATE, ChallengeAction.RESOLVE}
    if challenge.raised_by_id == user.pk:
        allowed.add(ChallengeAction.WITHDRAW)
    return frozenset(allowed)


def access_challenge(
    user: User | AnonymousUser,
    challenge_id: int | str,
    *,
    action: ChallengeAction = ChallengeAction.VIEW,
    for_update: bool = False,
) -> Challenge:
    """Return the challenge if the user may do `action` with it; otherwise raise Http404, whether
    or not it exists. `for_update` locks the row (call it inside a transaction)."""
    queryset = challenge_visible_queryset(user).select_related(
        "child", "raised_by", "raised_by_agency", "owner_user", "owner_team__agency", "resolved_by"
    )
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    try:
        challenge = queryset.get(pk=challenge_id)
    except (Challenge.DoesNotExist, ValueError, TypeError) as missing:
        raise not_found(Challenge, challenge_id, "No challenge found.") from missing
    if action not in challenge_permissions(user, challenge):
        raise refused(challenge, "No challenge found.")
    return challenge


def may_read_challenge_report(user: User | AnonymousUser) -> bool:
    if not isinstance(user, User) or not _is_active(user):
        return False
    return standing_of(user).has(*REPORT_ROLES)


def challenge_report_access_check(user: User | AnonymousUser) -> None:
    if not may_read_challenge_report(user):
        raise PermissionDenied("The challenge report is for partnership analysts and team managers.")
