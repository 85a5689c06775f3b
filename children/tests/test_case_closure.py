"""Closing a child's case, through the page and the API: who may, and what stands in the way."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Role, TeamKind
from children.models import Child, ChronologyEntry, ChronologyKind
from frontdoor.models import Contact, ReporterRelationship, Task, TaskStatus
from frontdoor.routing import Owner, TaskCode
from meetings.models import Meeting, MeetingKind, MeetingStatus
from tests.factories import ChildFactory, MissingEpisodeFactory, TeamFactory, staff_user

pytestmark = pytest.mark.django_db

REASON = "Kayla is settled at home and in school; Early Help support ended as agreed."


@pytest.fixture
def team():
    return TeamFactory.create(kind=TeamKind.SOCIAL_CARE)


@pytest.fixture
def manager(team):
    return staff_user(team=team, role=Role.TEAM_MANAGER)


@pytest.fixture
def worker(team):
    return staff_user(team=team, role=Role.SOCIAL_WORKER)


@pytest.fixture
def child(team):
    return ChildFactory.create(holding_team=team, first_name="Kayla", last_name="Example", learning_disability="no")


def _contact(child: Child, *, received_at: dt.datetime, screened: bool) -> Contact:
    return Contact.objects.create(
        reference=f"C-{Contact.objects.count() + 1}",
        child=child,
        received_at=received_at,
        recorded_by=child.created_by,
        reporter_relationship=ReporterRelationship.PROFESSIONAL,
        concern="Seen getting into cars with older men.",
        immediate_risk=False,
        screened_at=received_at + dt.timedelta(hours=2) if screened else None,
    )


def _not_closed(child: Child) -> None:
    child.refresh_from_db()
    assert child.closed_at is None
    assert not ChronologyEntry.objects.filter(child=child, kind=ChronologyKind.CASE_STATUS).exists()


def test_the_team_manager_closes_the_case_with_a_reason(signed_in, manager, child):
    client = signed_in(manager)
    page = client.get(f"/children/{child.id}/").content.decode()
    assert f'href="/children/{child.id}/close"' in page
    assert "cannot be closed yet" not in client.get(f"/children/{child.id}/close").content.decode()

    response = client.post(f"/children/{child.id}/close", {"reason": REASON})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.closed_at is not None
    assert child.closed_by == manager
    assert child.closure_reason == REASON
    entry = ChronologyEntry.objects.get(child=child, kind=ChronologyKind.CASE_STATUS)
    assert entry.summary.endswith(f"team manager of {child.holding_team.name}: {REASON}")
    assert entry.recorded_by == manager

    page = client.get(f"/children/{child.id}/").content.decode()
    assert "The case was closed on" in page
    assert f'href="/children/{child.id}/close"' not in page
    again = client.post(f"/children/{child.id}/close", {"reason": REASON}).content.decode()
    assert "The case was already closed on" in again


def test_a_reason_is_needed(signed_in, manager, child):
    response = signed_in(manager).post(f"/children/{child.id}/close", {"reason": "  "})
    assert "Enter why the case is being closed" in response.content.decode()
    _not_closed(child)


def test_the_case_holding_social_worker_may_not_close(signed_in, worker, child):
    client = signed_in(worker)
    assert f'href="/children/{child.id}/close"' not in client.get(f"/children/{child.id}/").content.decode()
    assert client.get(f"/children/{child.id}/close").status_code == 403
    assert client.post(f"/children/{child.id}/close", {"reason": REASON}).status_code == 403
    api = client.post(f"/api/v1/children/{child.id}/closure", {"reason": REASON}, content_type="application/json")
    assert api.status_code == 403
    _not_closed(child)


def test_a_manager_of_another_team_gets_not_found(signed_in, child):
    other = staff_user(role=Role.TEAM_MANAGER)
    assert signed_in(other).post(f"/children/{child.id}/close", {"reason": REASON}).status_code == 404
    _not_closed(child)


def test_closing_is_refused_while_tasks_are_still_to_do_and_says_which(signed_in, manager, child):
    Task.objects.create(
        child=child,
        code=TaskCode.COMPLETE_RISK_ASSESSMENT,
        owner=Owner.CASE_HOLDING_SOCIAL_WORKER,
        team=child.holding_team,
        status=TaskStatus.OPEN,
        reason="Open to Social Care.",
    )
    Task.objects.create(
        child=child,
        code=TaskCode.REFER_TO_MEG,
        owner=Owner.CASE_HOLDING_SOCIAL_WORKER,
        team=child.holding_team,
        status=TaskStatus.DONE,
        reason="Done already.",
    )
    client = signed_in(manager)
    shown = client.get(f"/children/{child.id}/close").content.decode()
    assert "The case cannot be closed yet" in shown
    assert f"1 task is still to do: Complete the CSE risk assessment ({child.holding_team.name})" in shown
    response = client.post(f"/children/{child.id}/close", {"reason": REASON})
    assert "There is a problem" in response.content.decode()
    assert "1 task is still to do" in response.content.decode()
    _not_closed(child)


def test_the_standing_referral_to_the_front_door_does_not_hold_the_closure_and_is_settled_by_it(
    signed_in, manager, child
):
    """A low-risk case keeps a referral back to the front door that waits for any new concern
    (decision 0028): it is not work still to do, so the case closes, and the closure settles it."""
    standing = Task.objects.create(
        child=child,
        code=TaskCode.REFER_TO_FRONT_DOOR,
        owner=Owner.LEAD_WORKER,
        team=child.holding_team,
        status=TaskStatus.WAITING,
        condition="any_new_concern",
        reason="Low risk: any new concern goes back to the front door.",
    )
    client = signed_in(manager)
    assert "The case cannot be closed yet" not in client.get(f"/children/{child.id}/close").content.decode()
    response = client.post(f"/children/{child.id}/close", {"reason": REASON})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.closed_at is not None
    standing.refresh_from_db()
    assert standing.status == TaskStatus.CANCELLED
    assert standing.completed_by == manager
    assert standing.outcome_note.startswith("Not needed: the case was closed")


def test_closing_is_refused_at_medium_or_high_risk_and_while_the_child_is_missing(signed_in, manager, child):
    Child.objects.filter(pk=child.pk).update(risk_level="high")
    MissingEpisodeFactory.create(child=child, ended_at=None, where_found="")
    api = signed_in(manager).post(
        f"/api/v1/children/{child.id}/closure", {"reason": REASON}, content_type="application/json"
    )
    assert api.status_code == 400
    refusals = api.json()["errors"]["non_field_errors"]
    assert any("level of risk is high" in refusal for refusal in refusals)
    assert any("is recorded as missing now" in refusal for refusal in refusals)
    _not_closed(child)


def test_rule_7_a_child_under_13_is_not_closed_without_the_front_door_and_a_multi_agency_meeting(
    signed_in, manager, child
):
    """Seed 003 2.2: "where a child is under the age of 13 years, and/or has learning disability" a CSE
    concern must be referred to the front door, and can never be closed by a single agency."""
    Child.objects.filter(pk=child.pk).update(date_of_birth=timezone.localdate() - dt.timedelta(days=11 * 365))
    client = signed_in(manager)

    first = client.post(f"/children/{child.id}/close", {"reason": REASON}).content.decode()
    assert "Kayla is under 13: a CSE concern must be referred to the front door" in first
    _not_closed(child)

    received = timezone.now() - dt.timedelta(days=20)
    _contact(child, received_at=received, screened=True)
    second = client.post(f"/children/{child.id}/close", {"reason": REASON}).content.decode()
    assert "Hold a strategy or multi-agency meeting about the newest concern" in second
    _not_closed(child)

    Meeting.objects.create(
        kind=MeetingKind.MULTI_AGENCY,
        area=child.responsible_authority,
        child=child,
        starts_at=received - dt.timedelta(days=5),  # before the newest concern: it does not count
        status=MeetingStatus.HELD,
    )
    assert (
        "Hold a strategy or multi-agency meeting"
        in client.post(f"/children/{child.id}/close", {"reason": REASON}).content.decode()
    )
    _not_closed(child)

    Meeting.objects.create(
        kind=MeetingKind.STRATEGY,
        area=child.responsible_authority,
        child=child,
        starts_at=received + dt.timedelta(days=3),
        status=MeetingStatus.HELD,
    )
    assert client.post(f"/children/{child.id}/close", {"reason": REASON}).status_code == 302
    child.refresh_from_db()
    assert child.closed_at is not None


def test_rule_7_a_learning_disability_and_a_contact_waiting_at_the_front_door(signed_in, manager, child):
    Child.objects.filter(pk=child.pk).update(learning_disability="yes")
    _contact(child, received_at=timezone.now() - dt.timedelta(days=2), screened=False)
    refusals = (
        signed_in(manager)
        .post(f"/api/v1/children/{child.id}/closure", {"reason": REASON}, content_type="application/json")
        .json()["errors"]["non_field_errors"]
    )
    assert any("1 contact about Kayla is waiting to be screened by the front door" in r for r in refusals)
    assert any(
        "Kayla has a learning disability: a CSE concern must be referred to the front door" in r for r in refusals
    )
    _not_closed(child)


def test_the_api_closes_the_case(signed_in, manager, child):
    response = signed_in(manager).post(
        f"/api/v1/children/{child.id}/closure", {"reason": REASON}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["closure_reason"] == REASON
    assert body["closed_by"] == manager.display_name
    assert body["closed_at"] is not None
    child.refresh_from_db()
    assert child.closed_at is not None


def test_a_closed_case_reopens_when_the_front_door_sets_its_status(signed_in, manager, child):
    """A new concern about a closed case goes to the front door; its screening's status reopens the case."""
    from children.case_status import CaseStatus
    from children.services import child_case_status_set

    assert signed_in(manager).post(f"/children/{child.id}/close", {"reason": REASON}).status_code == 302
    child.refresh_from_db()
    child_case_status_set(child=child, case_status=CaseStatus(child.case_status), by=manager, source="Front door")
    child.refresh_from_db()
    assert child.closed_at is None
    assert child.closure_reason == ""
    assert ChronologyEntry.objects.filter(child=child, summary__startswith="Case reopened").count() == 1
    page = signed_in(manager).get(f"/children/{child.id}/").content.decode()
    assert "The case was closed on" not in page
