"""Reads for professional challenge. Each read that shows a child writes one access event in the
same transaction: object type "child" for pages about a child (its challenges, raising one), and
"challenge" for pages about challenges (one challenge, the user's list). A challenge's child never
changes, so "who has seen this child" is the child's events plus the events of its challenges."""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When

from accounts.models import Agency, Team, User
from accounts.standing import standing_of
from audit.models import AccessAction
from audit.services import access_event_record
from challenges.access import (
    ChallengeAction,
    access_challenge,
    challenge_party_filter,
    challenge_permissions,
    challenge_report_access_check,
)
from challenges.escalation import DecisionKind, Level, Status
from challenges.models import Challenge, ChallengeEvent
from challenges.report import ChallengeReport, ChallengeRow, challenge_report_build
from children.access import access_child, child_visible_queryset
from children.models import Child
from core.request_context import AccessContext

LIST_LIMIT = 200
SECONDS_PER_DAY = 86_400

_RELATED = ("child", "raised_by", "raised_by_agency", "owner_user", "owner_team__agency", "resolved_by")


@dataclass(frozen=True)
class ChallengeRecord:
    challenge: Challenge
    events: list[ChallengeEvent]
    permissions: frozenset[ChallengeAction]
    may_see_child: bool


@dataclass(frozen=True)
class ChildChallenges:
    child: Child
    challenges: list[Challenge]


@dataclass(frozen=True)
class ChallengeListItem:
    challenge: Challenge
    your_part: str


def _open_first(queryset: QuerySet[Challenge]) -> QuerySet[Challenge]:
    return queryset.annotate(
        closed=Case(When(status=Status.OPEN.value, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("closed", "-raised_at", "-id")


def challenge_raise_form_read(*, user: User, child_id: uuid.UUID | str, context: AccessContext) -> Child:
    """The child a challenge is being raised about, for the form that names them."""
    with transaction.atomic():
        child = access_child(user, child_id)
        access_event_record(
            user=user, action=AccessAction.VIEW, object_type="child", object_ids=[child.id], context=context
        )
    return child


def child_challenge_list(*, user: User, child_id: uuid.UUID | str, context: AccessContext) -> ChildChallenges:
    """Every challenge about a child, for anyone who may see the child."""
    with transaction.atomic():
        child = access_child(user, child_id)
        challenges = list(_open_first(child.challenges.select_related(*_RELATED)))
        access_event_record(
            user=user, action=AccessAction.VIEW, object_type="child", object_ids=[child.id], context=context
        )
    return ChildChallenges(child=child, challenges=challenges)


def challenge_detail_read(*, user: User, challenge_id: int, context: AccessContext) -> ChallengeRecord:
    with transaction.atomic():
        challenge = access_challenge(user, challenge_id)
        record = ChallengeRecord(
            challenge=challenge,
            events=list(challenge.events.select_related("by", "owner_user", "owner_team__agency")),
            permissions=challenge_permissions(user, challenge),
            may_see_child=child_visible_queryset(user).filter(id=challenge.child_id).exists(),
        )
        access_event_record(
            user=user, action=AccessAction.VIEW, object_type="challenge", object_ids=[challenge.id], context=context
        )
    return record


def challenge_action_read(
    *, user: User, challenge_id: int, action: ChallengeAction, context: AccessContext
) -> Challenge:
    """The challenge for an escalate, resolve or withdraw page: only for those who may do that."""
    with transaction.atomic():
        challenge = access_challenge(user, challenge_id, action=action)
        access_event_record(
            user=user, action=AccessAction.VIEW, object_type="challenge", object_ids=[challenge.id], context=context
        )
    return challenge


def _your_part(user: User, challenge: Challenge, team_ids: set[int]) -> str:
    parts = []
    if challenge.raised_by_id == user.pk:
        parts.append("You raised it")
    if challenge.owner_user_id == user.pk:
        parts.append("You own it")
    if challenge.owner_team_id in team_ids:
        parts.append("Your team owns it")
    return ", ".join(parts) or "Owned by someone in a team you manage"


def challenge_my_list(*, user: User, context: AccessContext) -> list[ChallengeListItem]:
    """The challenges the user raised or owns, or oversees as a team manager: open ones first.
    Writes one event naming every challenge listed; an empty list shows no child and writes none."""
    with transaction.atomic():
        challenges = list(
            _open_first(Challenge.objects.filter(challenge_party_filter(user)).select_related(*_RELATED))[:LIST_LIMIT]
        )
        if challenges:
            access_event_record(
                user=user,
                action=AccessAction.LIST,
                object_type="challenge",
                object_ids=[challenge.id for challenge in challenges],
                context=context,
            )
    team_ids = set(standing_of(user).team_ids)
    return [ChallengeListItem(challenge, _your_part(user, challenge, team_ids)) for challenge in challenges]


def challenge_owner_teams() -> QuerySet[Team]:
    return Team.objects.select_related("agency").order_by("agency__name", "name")


def challenge_owner_users() -> QuerySet[User]:
    """People who can own a challenge: active staff in at least one team."""
    return (
        User.objects.filter(is_active=True, memberships__isnull=False)
        .distinct()
        .prefetch_related("memberships__team__agency")
        .order_by("last_name", "first_name", "username")
    )


def challenge_user_agencies(*, user: User) -> QuerySet[Agency]:
    return Agency.objects.filter(id__in=standing_of(user).agency_ids)


def challenge_report_read(*, user: User) -> ChallengeReport:
    """Aggregates across the partnership, for partnership analysts and team managers.

    No access event: the report holds no child-identifiable data (counts by status, level, kind
    of decision and the raiser's agency, with small numbers suppressed, and a median)."""
    challenge_report_access_check(user)
    rows = [
        ChallengeRow(
            status=Status(status),
            level=Level(level),
            decision_kind=DecisionKind(kind) if kind else None,
            raiser_agency=agency,
            days_to_resolve=(resolved_at - raised_at).total_seconds() / SECONDS_PER_DAY if resolved_at else None,
        )
        for status, level, kind, agency, raised_at, resolved_at in Challenge.objects.values_list(
            "status", "level", "decision_kind", "raised_by_agency__name", "raised_at", "resolved_at"
        )
    ]
    return challenge_report_build(rows=rows, agencies=Agency.objects.values_list("name", flat=True))
