"""The services: what each one records, and that a failure leaves nothing half-saved."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from challenges import services
from challenges.models import Challenge, ChallengeEvent
from challenges.services import challenge_escalate, challenge_raise, challenge_resolve, challenge_withdraw
from challenges.tests.conftest import raise_challenge
from children.models import ChronologyEntry
from tests.factories import AgencyFactory, MembershipFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def chronology(child):
    return list(ChronologyEntry.objects.filter(child=child, kind="challenge").order_by("id"))


def messages_of(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


# --- raise ------------------------------------------------------------------------------------


def test_raising_records_the_challenge_its_history_and_the_chronology(northfield):
    p = northfield
    challenge = raise_challenge(p, owner_team=p.social_team)
    assert (challenge.level, challenge.status, challenge.raised_by, challenge.raised_by_agency) == (
        1,
        "open",
        p.raiser,
        p.school,
    )
    assert (challenge.owner_user, challenge.owner_team) == (None, p.social_team)
    [event] = challenge.events.all()
    assert (event.kind, event.by, event.to_level, event.owner_team) == ("raised", p.raiser, 1, p.social_team)
    [entry] = chronology(p.child)
    assert (entry.source, entry.recorded_by, entry.source_agency, entry.get_kind_display()) == (
        "Professional challenge",
        p.raiser,
        p.school,
        "Professional challenge",
    )
    assert entry.summary.startswith(
        f"Professional challenge raised by {p.raiser.display_name} (Northfield Academy) at level 1 "
        "(practitioner to practitioner). Decision challenged (Screening or risk level): Risk level confirmed as "
        "low at screening. Owner: Social care east (Northfield Council)."
    )


def test_raising_writes_only_the_challenge_and_the_chronology(northfield):
    """A challenge never changes or blocks a task or a decision: the only rows written are the
    challenge, its event and the chronology entry; nothing is updated."""
    p = northfield
    case_status, holding_team = p.child.case_status, p.child.holding_team_id
    with CaptureQueriesContext(connection) as queries:
        raise_challenge(p)
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    tables = sorted(sql.split()[2].strip('"') for sql in writes)
    assert tables == ["challenges_challenge", "challenges_challengeevent", "children_chronologyentry"]
    p.child.refresh_from_db()
    assert (p.child.case_status, p.child.holding_team_id) == (case_status, holding_team)


def test_raising_refuses_missing_answers_with_every_message_at_once(northfield):
    p = northfield
    with pytest.raises(ValidationError) as refused:
        challenge_raise(
            user=p.raiser,
            child_id=p.child.id,
            decision_summary="  ",
            decision_kind="",
            challenge_text="",
            owner_user=None,
            owner_team=None,
        )
    assert messages_of(refused.value) == {
        "decision_summary": ["Enter what decision you are challenging"],
        "challenge_text": ["Enter why you disagree with the decision"],
        "owner_team": ["Choose the team or the person who made the decision"],
    }
    assert not Challenge.objects.exists()
    assert chronology(p.child) == []


def test_a_stranger_cannot_raise_a_challenge_about_a_child_they_cannot_see(northfield):
    p = northfield
    with pytest.raises(Http404):
        challenge_raise(
            user=p.stranger,
            child_id=p.child.id,
            decision_summary="x",
            decision_kind="",
            challenge_text="y",
            owner_user=p.decision_maker,
            owner_team=None,
        )
    assert not Challenge.objects.exists()


def test_a_raiser_in_two_agencies_says_which_one(northfield):
    p = northfield
    MembershipFactory.create(user=p.raiser, team=TeamFactory.create(agency=p.police), role=Role.LEAD_WORKER)
    with pytest.raises(ValidationError) as refused:
        raise_challenge(p)
    assert messages_of(refused.value) == {"agency": ["Select the agency you are raising this challenge for"]}
    challenge = challenge_raise(
        user=p.raiser,
        child_id=p.child.id,
        decision_summary="MEG decided no disruption plan",
        decision_kind="meg",
        challenge_text="Reason",
        owner_user=p.decision_maker,
        owner_team=None,
        agency=p.police,
    )
    assert challenge.raised_by_agency == p.police
    with pytest.raises(ValidationError, match="Select one of your own agencies"):
        challenge_raise(
            user=p.raiser,
            child_id=p.child.id,
            decision_summary="x",
            decision_kind="",
            challenge_text="y",
            owner_user=p.decision_maker,
            owner_team=None,
            agency=AgencyFactory.create(),
        )


def test_an_inactive_owner_is_refused(northfield):
    p = northfield
    gone = UserFactory.create(is_active=False, first_name="Gone", last_name="Away")
    with pytest.raises(ValidationError) as refused:
        raise_challenge(p, owner_user=gone)
    assert messages_of(refused.value) == {"owner_user": ["Gone Away no longer has an account: choose someone else"]}


# --- escalate ---------------------------------------------------------------------------------


def test_escalating_moves_up_one_level_to_a_new_owner(northfield, challenge):
    p = northfield
    challenge_escalate(
        user=p.raiser,
        challenge_id=challenge.id,
        to_level=2,
        reason="Discussed with the social worker; no change",
        owner_user=p.manager,
        owner_team=None,
    )
    challenge.refresh_from_db()
    assert (challenge.level, challenge.owner_user, challenge.owner_team, challenge.status) == (
        2,
        p.manager,
        None,
        "open",
    )
    event = challenge.events.last()
    assert event is not None
    assert (event.kind, event.from_level, event.to_level, event.owner_user, event.by) == (
        "escalated",
        1,
        2,
        p.manager,
        p.raiser,
    )
    assert event.reason == "Discussed with the social worker; no change"
    entry = chronology(p.child)[-1]
    assert entry.summary.startswith(
        f"Professional challenge escalated by {p.raiser.display_name} from level 1 (practitioner to practitioner) "
        "to level 2 (team managers or supervisors). Reason: Discussed with the social worker; no change. "
        f"New owner: {p.manager.display_name}."
    )


def test_escalating_all_the_way_to_level_4_and_no_further(northfield, challenge):
    p = northfield
    for to_level in (2, 3, 4):
        challenge_escalate(
            user=p.raiser,
            challenge_id=challenge.id,
            to_level=to_level,
            reason="r",
            owner_user=None,
            owner_team=p.police_team,
        )
    with pytest.raises(ValidationError) as refused:
        challenge_escalate(
            user=p.raiser, challenge_id=challenge.id, to_level=5, reason="r", owner_user=None, owner_team=p.police_team
        )
    assert refused.value.messages == [
        "This challenge is at level 4, the highest level, so it cannot be escalated further"
    ]
    challenge.refresh_from_db()
    assert challenge.level == 4
    assert [e.kind for e in challenge.events.all()] == ["raised", "escalated", "escalated", "escalated"]
    assert len(chronology(p.child)) == 4


def test_two_people_escalating_at_once_cannot_skip_a_level(northfield, challenge):
    p = northfield
    challenge_escalate(
        user=p.raiser, challenge_id=challenge.id, to_level=2, reason="first", owner_user=p.manager, owner_team=None
    )
    with pytest.raises(ValidationError) as refused:  # the other person saw "escalate to level 2" too
        challenge_escalate(
            user=p.manager,
            challenge_id=challenge.id,
            to_level=2,
            reason="second",
            owner_user=p.manager,
            owner_team=None,
        )
    assert refused.value.messages == ["This challenge is already at level 2: it can only be escalated to level 3"]
    challenge.refresh_from_db()
    assert challenge.level == 2


def test_escalating_needs_a_reason_and_an_owner(northfield, challenge):
    p = northfield
    with pytest.raises(ValidationError) as refused:
        challenge_escalate(
            user=p.raiser, challenge_id=challenge.id, to_level=2, reason=" ", owner_user=None, owner_team=None
        )
    assert messages_of(refused.value) == {
        "reason": ["Enter why you are escalating the challenge"],
        "owner_team": ["Choose the team or the person who will own the challenge at level 2"],
    }


# --- resolve and withdraw -----------------------------------------------------------------------


def test_resolving_records_the_outcome_and_closes_the_challenge(northfield, challenge):
    p = northfield
    challenge_resolve(
        user=p.decision_maker,
        challenge_id=challenge.id,
        outcome="decision_changed",
        resolution_text="Reassessed with the school's information: medium",
    )
    challenge.refresh_from_db()
    assert (challenge.status, challenge.outcome, challenge.resolved_by) == (
        "resolved",
        "decision_changed",
        p.decision_maker,
    )
    assert challenge.resolved_at is not None
    assert challenge.resolution_text == "Reassessed with the school's information: medium"
    assert chronology(p.child)[-1].summary.startswith(
        f"Professional challenge resolved by {p.decision_maker.display_name} at level 1 (practitioner to "
        "practitioner): decision changed. Reassessed with the school's information: medium."
    )
    for attempt in (
        lambda: challenge_resolve(user=p.raiser, challenge_id=challenge.id, outcome="other", resolution_text="again"),
        lambda: challenge_escalate(
            user=p.raiser, challenge_id=challenge.id, to_level=2, reason="r", owner_user=p.manager, owner_team=None
        ),
        lambda: challenge_withdraw(user=p.raiser, challenge_id=challenge.id, reason="r"),
    ):
        with pytest.raises(ValidationError, match="This challenge is resolved, so it cannot be"):
            attempt()
    assert len(chronology(p.child)) == 2


def test_resolving_needs_an_outcome_and_the_text(northfield, challenge):
    p = northfield
    with pytest.raises(ValidationError) as refused:
        challenge_resolve(user=p.raiser, challenge_id=challenge.id, outcome="", resolution_text="")
    assert messages_of(refused.value) == {
        "outcome": ["Select the outcome of the challenge"],
        "resolution_text": ["Enter how the challenge was resolved"],
    }
    challenge.refresh_from_db()
    assert challenge.status == "open"


def test_withdrawing_keeps_the_history(northfield, challenge):
    p = northfield
    challenge_withdraw(user=p.raiser, challenge_id=challenge.id, reason="Agreed after a conversation")
    challenge.refresh_from_db()
    assert challenge.status == "withdrawn"
    assert [e.kind for e in challenge.events.all()] == ["raised", "withdrawn"]
    assert chronology(p.child)[-1].summary.startswith(
        f"Professional challenge withdrawn by {p.raiser.display_name} at level 1 (practitioner to practitioner). "
        "Reason: Agreed after a conversation."
    )


def test_only_the_raiser_may_withdraw(northfield, challenge):
    p = northfield
    for user in (p.decision_maker, p.manager, p.screener):
        with pytest.raises(Http404):
            challenge_withdraw(user=user, challenge_id=challenge.id, reason="r")
    challenge.refresh_from_db()
    assert challenge.status == "open"


# --- nothing half-saved -----------------------------------------------------------------------


def _fail(**kwargs):
    raise RuntimeError("the chronology could not be written")


def test_a_failed_raise_leaves_nothing_behind(northfield, monkeypatch):
    monkeypatch.setattr(services, "_chronology_write", _fail)
    with pytest.raises(RuntimeError):
        raise_challenge(northfield)
    assert not Challenge.objects.exists()
    assert not ChallengeEvent.objects.exists()


@pytest.mark.parametrize(
    "step",
    [
        lambda p, c: challenge_escalate(
            user=p.raiser, challenge_id=c.id, to_level=2, reason="r", owner_user=p.manager, owner_team=None
        ),
        lambda p, c: challenge_resolve(user=p.raiser, challenge_id=c.id, outcome="other", resolution_text="t"),
        lambda p, c: challenge_withdraw(user=p.raiser, challenge_id=c.id, reason="r"),
    ],
    ids=["escalate", "resolve", "withdraw"],
)
def test_a_failed_step_leaves_the_challenge_as_it_was(northfield, challenge, monkeypatch, step):
    monkeypatch.setattr(services, "_chronology_write", _fail)
    with pytest.raises(RuntimeError):
        step(northfield, challenge)
    challenge.refresh_from_db()
    assert (challenge.level, challenge.status, challenge.owner_user, challenge.outcome) == (
        1,
        "open",
        northfield.decision_maker,
        "",
    )
    assert [e.kind for e in challenge.events.all()] == ["raised"]
    assert len(chronology(northfield.child)) == 1


def test_the_history_is_append_only(challenge):
    from core.append_only import AppendOnlyError

    event = challenge.events.get()
    event.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        ChallengeEvent.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger is PostgreSQL's")
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE challenges_challengeevent SET reason = 'rewritten' WHERE id = %s",
        "DELETE FROM challenges_challengeevent WHERE id = %s",
    ],
)
def test_the_database_refuses_to_rewrite_the_history(challenge, statement):
    from django.db import DatabaseError, transaction

    event = challenge.events.get()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [event.pk])
