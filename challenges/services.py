"""Writes for professional challenge. Each one checks access, applies the rules of
challenges/escalation.py, records a ChallengeEvent and a chronology entry for the child, all in one
transaction: either everything is saved or nothing is.

None of these touches a task, an assessment or a decision: a challenge never stops or delays
an action to keep the child safe (seed 003, 2.5).
"""

import datetime as dt
import uuid
from collections.abc import Iterable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, Team, User
from accounts.standing import standing_of
from challenges.access import ChallengeAction, access_challenge
from challenges.escalation import (
    FIRST_LEVEL,
    NOT_BOUND_TO_A_FIELD,
    DecisionKind,
    Level,
    Outcome,
    Refusal,
    Status,
    escalation_refusals,
    raise_refusals,
    resolution_refusals,
    withdrawal_refusals,
)
from challenges.models import Challenge, ChallengeEvent, ChallengeEventKind, owner_display
from children.access import access_child
from children.models import Child, ChronologyEntry, ChronologyKind
from children.services import chronology_entry_create

CHRONOLOGY_SOURCE = "Professional challenge"


def _refuse(refusals: Iterable[Refusal]) -> None:
    errors: dict[str, list[str]] = {}
    for refusal in refusals:
        errors.setdefault(refusal.field or NON_FIELD_ERRORS, []).append(refusal.message)
    if errors:
        raise ValidationError(errors)


def _user_agencies(user: User) -> list[Agency]:
    return list(Agency.objects.filter(id__in=standing_of(user).agency_ids))


def _raiser_agency(user: User, chosen: Agency | None) -> tuple[Agency | None, list[Refusal]]:
    agencies = _user_agencies(user)
    if not agencies:
        message = "You are not in any team, so your agency cannot be recorded. Ask your system administrator to add you"
        return None, [Refusal(NOT_BOUND_TO_A_FIELD, message)]
    if chosen is not None:
        if chosen in agencies:
            return chosen, []
        return None, [Refusal("agency", "Select one of your own agencies")]
    if len(agencies) > 1:
        return None, [Refusal("agency", "Select the agency you are raising this challenge for")]
    return agencies[0], []


def _owner_refusals(*, owner_user: User | None, owner_team: Team | None, missing: str) -> list[Refusal]:
    if owner_user is None and owner_team is None:
        return [Refusal("owner_team", missing)]
    if owner_user is not None and not owner_user.is_active:
        return [Refusal("owner_user", f"{owner_user.display_name} no longer has an account: choose someone else")]
    return []


def _single_agency(user: User) -> Agency | None:
    agencies = _user_agencies(user)
    return agencies[0] if len(agencies) == 1 else None


def _chronology_write(
    *, child: Child, user: User, agency: Agency | None, occurred_at: dt.datetime, summary: str
) -> ChronologyEntry:
    return chronology_entry_create(
        child=child,
        recorded_by=user,
        kind=ChronologyKind.CHALLENGE,
        summary=summary,
        source=CHRONOLOGY_SOURCE,
        occurred_at=occurred_at,
        source_agency=agency,
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _level_phrase(level: int) -> str:
    known = Level(level)
    return f"level {known.value} ({known.label})"


def _decision_line(challenge: Challenge) -> str:
    kind = f" ({DecisionKind(challenge.decision_kind).label})" if challenge.decision_kind else ""
    return _sentence(f"Decision challenged{kind}: {challenge.decision_summary}")


@transaction.atomic
def challenge_raise(
    *,
    user: User,
    child_id: uuid.UUID | str,
    decision_summary: str,
    decision_kind: str,
    challenge_text: str,
    owner_user: User | None,
    owner_team: Team | None,
    agency: Agency | None = None,
) -> Challenge:
    """Record a challenge at level 1, owned by whoever made the decision. Anyone who may see the
    child may raise one; a child they may not see is not found."""
    child = access_child(user, child_id)
    decision_summary, challenge_text = decision_summary.strip(), challenge_text.strip()
    raiser_agency, agency_refusals = _raiser_agency(user, agency)
    _refuse(
        raise_refusals(decision_summary=decision_summary, challenge_text=challenge_text, decision_kind=decision_kind)
        + _owner_refusals(
            owner_user=owner_user,
            owner_team=owner_team,
            missing="Choose the team or the person who made the decision",
        )
        + agency_refusals
    )
    assert raiser_agency is not None  # no refusals means an agency was found
    now = timezone.now()
    challenge = Challenge.objects.create(
        child=child,
        decision_summary=decision_summary,
        decision_kind=decision_kind,
        challenge_text=challenge_text,
        raised_by=user,
        raised_by_agency=raiser_agency,
        raised_at=now,
        level=FIRST_LEVEL.value,
        owner_user=owner_user,
        owner_team=owner_team,
        status=Status.OPEN.value,
    )
    ChallengeEvent.objects.create(
        challenge=challenge,
        kind=ChallengeEventKind.RAISED,
        occurred_at=now,
        by=user,
        to_level=FIRST_LEVEL.value,
        reason=challenge_text,
        owner_user=owner_user,
        owner_team=owner_team,
    )
    _chronology_write(
        child=child,
        user=user,
        agency=raiser_agency,
        occurred_at=now,
        summary=(
            f"Professional challenge raised by {user.display_name} ({raiser_agency.name}) at "
            f"{_level_phrase(FIRST_LEVEL)}. {_decision_line(challenge)} "
            f"Owner: {owner_display(owner_user, owner_team)}."
        ),
    )
    return challenge


@transaction.atomic
def challenge_escalate(
    *,
    user: User,
    challenge_id: int,
    to_level: int,
    reason: str,
    owner_user: User | None,
    owner_team: Team | None,
) -> Challenge:
    """Move an open challenge up one level, to a new owner. `to_level` is the level the user
    saw offered, so that two people escalating at once cannot skip a level."""
    challenge = access_challenge(user, challenge_id, action=ChallengeAction.ESCALATE, for_update=True)
    reason = reason.strip()
    refusals = escalation_refusals(
        status=challenge.status, from_level=challenge.level, to_level=to_level, reason=reason
    )
    if not any(refusal.field == NOT_BOUND_TO_A_FIELD for refusal in refusals):
        # The escalation itself is allowed: say everything the form is missing at once.
        refusals += _owner_refusals(
            owner_user=owner_user,
            owner_team=owner_team,
            missing=f"Choose the team or the person who will own the challenge at level {to_level}",
        )
    _refuse(refusals)
    now = timezone.now()
    from_level = Level(challenge.level)
    target = Level(to_level)
    challenge.level = target.value
    challenge.owner_user = owner_user
    challenge.owner_team = owner_team
    challenge.save(update_fields=["level", "owner_user", "owner_team"])
    ChallengeEvent.objects.create(
        challenge=challenge,
        kind=ChallengeEventKind.ESCALATED,
        occurred_at=now,
        by=user,
        from_level=from_level.value,
        to_level=target.value,
        reason=reason,
        owner_user=owner_user,
        owner_team=owner_team,
    )
    _chronology_write(
        child=challenge.child,
        user=user,
        agency=_single_agency(user),
        occurred_at=now,
        summary=(
            f"Professional challenge escalated by {user.display_name} from {_level_phrase(from_level)} to "
            f"{_level_phrase(target)}. Reason: {_sentence(reason)} "
            f"New owner: {owner_display(owner_user, owner_team)}. {_decision_line(challenge)}"
        ),
    )
    return challenge


@transaction.atomic
def challenge_resolve(*, user: User, challenge_id: int, outcome: str, resolution_text: str) -> Challenge:
    """Close an open challenge with its outcome and how it was resolved. Recording "decision
    changed" does not change the decision: that is done where the decision was made."""
    challenge = access_challenge(user, challenge_id, action=ChallengeAction.RESOLVE, for_update=True)
    resolution_text = resolution_text.strip()
    _refuse(resolution_refusals(status=challenge.status, resolution_text=resolution_text, outcome=outcome))
    now = timezone.now()
    challenge.status = Status.RESOLVED.value
    challenge.outcome = outcome
    challenge.resolution_text = resolution_text
    challenge.resolved_at = now
    challenge.resolved_by = user
    challenge.save(update_fields=["status", "outcome", "resolution_text", "resolved_at", "resolved_by"])
    ChallengeEvent.objects.create(
        challenge=challenge,
        kind=ChallengeEventKind.RESOLVED,
        occurred_at=now,
        by=user,
        from_level=challenge.level,
        reason=resolution_text,
        outcome=outcome,
    )
    _chronology_write(
        child=challenge.child,
        user=user,
        agency=_single_agency(user),
        occurred_at=now,
        summary=(
            f"Professional challenge resolved by {user.display_name} at {_level_phrase(challenge.level)}: "
            f"{Outcome(outcome).label.lower()}. {_sentence(resolution_text)} {_decision_line(challenge)}"
        ),
    )
    return challenge


@transaction.atomic
def challenge_withdraw(*, user: User, challenge_id: int, reason: str) -> Challenge:
    """The person who raised an open challenge withdraws it, saying why."""
    challenge = access_challenge(user, challenge_id, action=ChallengeAction.WITHDRAW, for_update=True)
    reason = reason.strip()
    _refuse(withdrawal_refusals(status=challenge.status, reason=reason))
    now = timezone.now()
    challenge.status = Status.WITHDRAWN.value
    challenge.save(update_fields=["status"])
    ChallengeEvent.objects.create(
        challenge=challenge,
        kind=ChallengeEventKind.WITHDRAWN,
        occurred_at=now,
        by=user,
        from_level=challenge.level,
        reason=reason,
    )
    _chronology_write(
        child=challenge.child,
        user=user,
        agency=_single_agency(user),
        occurred_at=now,
        summary=(
            f"Professional challenge withdrawn by {user.display_name} at {_level_phrase(challenge.level)}. "
            f"Reason: {_sentence(reason)} {_decision_line(challenge)}"
        ),
    )
    return challenge
