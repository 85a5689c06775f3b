"""Reads of referrals (decision 0031; the front door's list of those to match is the worklist's, in
tasks.py). A referral names no child record: it is read through its own gate (its referrer, its front
door's screeners) and logged; the children it may be about are found through the child search, which
asks the child gate and logs what it shows."""

from dataclasses import dataclass

from django.db import transaction

from accounts.models import Area, TeamKind, User
from audit.models import AccessAction
from audit.services import access_event_record
from children.models import Child
from children.selectors import ChildSearchQuery, child_search
from core.request_context import AccessContext
from frontdoor.access import (
    access_referral,
    may_match_referral,
    referral_visible_queryset,
)
from frontdoor.models import Referral
from frontdoor.selectors.tasks import WORKLIST_LIMIT, Listed

NOT_A_SURNAME = frozenset({"", "unknown", "not known"})


@dataclass(frozen=True)
class ReferralRecord:
    referral: Referral
    may_match: bool  # a screener of its front door: sees the possible matches and matches it
    possible_matches: list[Child]


def referral_area_choices() -> list[tuple[int, str]]:
    """The areas a referral can be sent to: those with a front door."""
    return list(
        Area.objects.filter(agencies__teams__kind=TeamKind.FRONT_DOOR)
        .distinct()
        .order_by("name")
        .values_list("id", "name")
    )


def referrals_made(*, user: User) -> Listed:
    """The user's own referrals, newest first."""
    mine = referral_visible_queryset(user).filter(referred_by=user).order_by("-referred_at", "-pk")
    shown = list(mine[:WORKLIST_LIMIT])
    total = len(shown) if len(shown) < WORKLIST_LIMIT else mine.count()
    return Listed(items=shown, total=total)


def _possible_matches(*, user: User, referral: Referral, context: AccessContext) -> list[Child]:
    """Children the screener may see with the referral's surname or its date of birth (at most the
    search's limit of each), each search
    through the child gate and logged by it."""
    found: dict[object, Child] = {}
    if referral.last_name.strip().lower() not in NOT_A_SURNAME:
        # Every child the search shows is shown here (and logged by it): a name that only contains the
        # surname is shown too, rather than logged unseen.
        for child in child_search(user=user, query=ChildSearchQuery(name=referral.last_name), context=context):
            found.setdefault(child.pk, child)
    if referral.date_of_birth is not None:
        for child in child_search(
            user=user, query=ChildSearchQuery(date_of_birth=referral.date_of_birth), context=context
        ):
            found.setdefault(child.pk, child)
    return list(found.values())


def referral_detail_read(*, user: User, referral_id: int, context: AccessContext) -> ReferralRecord:
    with transaction.atomic():
        referral = access_referral(user, referral_id)
        may_match = may_match_referral(user, referral)
        access_event_record(
            user=user, action=AccessAction.VIEW, object_type="referral", object_ids=[referral.pk], context=context
        )
        matches = (
            _possible_matches(user=user, referral=referral, context=context)
            if may_match and not referral.is_matched
            else []
        )
    return ReferralRecord(referral=referral, may_match=may_match, possible_matches=matches)
