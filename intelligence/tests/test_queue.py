"""The police queue, a professional's own submissions, and the submission record (issue 5, items 1 and
3): only police intelligence see the queue, the full record and the reporter's identity; the
professional who submitted sees what they wrote and its status; each read of children is logged."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import AgencyKind, Role, TeamKind
from audit.models import AccessAction, AccessEvent
from intelligence.inputs import OnlineAccountInput, PersonInput, SubmissionInput, VehicleInput
from intelligence.models import Submission
from intelligence.services.grading import submission_grade
from intelligence.services.submissions import submission_record
from tests.factories import AgencyFactory, ChildFactory, TeamFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def intel():
    police = AgencyFactory.create(kind=AgencyKind.POLICE, area=None, name="Example Police")
    team = TeamFactory.create(agency=police, kind=TeamKind.POLICE_INTELLIGENCE)
    return staff_user(team=team, role=Role.POLICE_INTELLIGENCE)


@pytest.fixture
def worker():
    return staff_user(team=TeamFactory.create(kind=TeamKind.SOCIAL_CARE), role=Role.SOCIAL_WORKER)


@pytest.fixture
def child(worker):
    return ChildFactory.create(holding_team=worker.teams.get(), first_name="Kayleigh", last_name="Testcase")


def shared(*, by=None, children=(), minutes_ago=0, **overrides) -> Submission:
    values: dict[str, Any] = {
        "source": "professional" if by else "community",
        "narrative": "A silver car collects two girls from the bus station most Friday nights.",
        "knowledge": "seen_or_heard",
        "children": [c.pk for c in children],
        "received_at": timezone.now() - dt.timedelta(minutes=minutes_ago),
        "persons": [
            PersonInput(
                name="Dean Example",
                nickname="Deano",
                phones=["07700 900123"],
                online_accounts=[OnlineAccountInput(platform="Snapchat", handle="deano_99")],
            )
        ],
        "vehicles": [VehicleInput(registration="AB12 CDE", make="Ford")],
    }
    values.update(overrides)
    agency = by.teams.get().agency if by else None
    submission, _ = submission_record(data=SubmissionInput(**values), by=by, agency=agency)
    return submission


def grade(submission, by, **overrides):
    values = {
        "source_evaluation": "2",
        "intelligence_assessment": "B",
        "handling_code": "P",
        "handling_conditions": "",
        "outcome": "safeguarding_referral",
        "sanitised_summary": "A vehicle of interest has been seen collecting girls near the bus station.",
    }
    values.update(overrides)
    return submission_grade(submission=submission, by=by, **values)


def test_the_queue_shows_urgent_first_then_oldest_and_graded_below(signed_in, intel, worker, child):
    older = shared(by=worker, minutes_ago=90)
    newer = shared(minutes_ago=10)
    urgent = shared(by=worker, minutes_ago=5, urgent=True, children=[child])
    graded = shared(minutes_ago=300, narrative="Graded long ago.")
    grade(graded, intel)

    body = signed_in(intel).get("/intelligence/queue/").content.decode()
    positions = [body.index(s.reference) for s in (urgent, older, newer, graded)]
    assert positions == sorted(positions)
    assert body.index("Recently graded") < body.index(graded.reference)
    assert "Urgent" in body
    assert worker.teams.get().agency.name in body
    assert "Member of the public" in body
    assert "1 person, 1 vehicle, 1 phone, 1 online account" in body
    assert f'href="/intelligence/submissions/{urgent.pk}/"' in body


def test_listing_the_queue_logs_the_children_it_concerns(signed_in, intel, worker, child):
    shared(by=worker, children=[child])
    signed_in(intel).get("/intelligence/queue/")
    event = AccessEvent.objects.get(user=intel, object_type="child")
    assert (event.action, event.object_ids) == (AccessAction.LIST, [str(child.pk)])


def test_an_empty_queue_logs_no_children(signed_in, intel):
    assert "Nothing is waiting to be graded" in signed_in(intel).get("/intelligence/queue/").content.decode()
    assert not AccessEvent.objects.filter(user=intel).exists()


def test_only_police_intelligence_see_the_queue_and_the_record(signed_in, partnership):
    submission = shared(by=partnership["teacher.nfd"], reporter_identity="")
    community = shared(reporter_identity="Pat Example, 07700 900999")
    assert signed_in(partnership["intel"]).get("/intelligence/queue/").status_code == 200
    for username in ["analyst", "megchair", "socialworker.nfd", "screener.nfd", "teacher.nfd"]:
        web = signed_in(partnership[username])
        assert web.get("/intelligence/queue/").status_code == 404, username
        assert web.get(f"/intelligence/submissions/{community.pk}/").status_code == 404, username
    for username in ["analyst", "megchair", "socialworker.nfd"]:
        assert signed_in(partnership[username]).get(f"/intelligence/submissions/{submission.pk}/").status_code == 404


def test_the_officer_sees_everything_and_the_reporters_identity_is_logged(signed_in, intel, worker, child):
    submission = shared(children=[child], reporter_identity="Pat Example, 07700 900999")
    web = signed_in(intel)
    body = web.get(f"/intelligence/submissions/{submission.pk}/").content.decode()
    assert "A silver car collects two girls" in body
    assert "Pat Example, 07700 900999" in body
    assert "Shown only to police intelligence" in body
    for text in ["Suspected offenders", "Deano", "Vehicles", "AB12CDE", "Phone numbers", "snapchat:deano_99"]:
        assert text in body, text
    vehicle = submission.mentions.get(kind="vehicle")
    assert f'href="/intelligence/entities/{vehicle.entity_id}/"' in body
    assert f'href="/children/{child.pk}/"' in body
    assert "Kayleigh Testcase" in body
    assert "Not graded yet" in body

    identity = AccessEvent.objects.get(user=intel, object_type="submission")
    assert (identity.reason, identity.object_ids) == ("reporter identity", [str(submission.pk)])
    viewed = AccessEvent.objects.get(user=intel, object_type="child")
    assert (viewed.action, viewed.object_ids) == (AccessAction.VIEW, [str(child.pk)])

    web.get(f"/intelligence/submissions/{submission.pk}/")
    assert AccessEvent.objects.filter(user=intel, reason="reporter identity").count() == 2


def test_an_anonymous_report_decrypts_nothing_and_logs_no_identity(signed_in, intel):
    submission = shared()
    body = signed_in(intel).get(f"/intelligence/submissions/{submission.pk}/").content.decode()
    assert "The reporter stayed anonymous" in body
    assert not AccessEvent.objects.filter(reason="reporter identity").exists()


def test_the_submitter_sees_what_they_wrote_and_its_status_but_not_the_grading(signed_in, intel, worker, child):
    submission = shared(by=worker, children=[child])
    web = signed_in(worker)
    body = web.get(f"/intelligence/submissions/{submission.pk}/").content.decode()
    assert "A silver car collects two girls" in body
    assert "New: waiting to be graded" in body
    assert "Deano" in body
    assert "AB12CDE" not in body  # resolution keys are police working
    assert "/intelligence/entities/" not in body
    assert "Grade this submission" not in body
    assert AccessEvent.objects.filter(user=worker, object_type="child", action=AccessAction.VIEW).exists()

    grade(
        submission,
        intel,
        handling_code="C",
        handling_conditions="Share only within the social care team.",
        outcome="crime_desk",
    )
    body = web.get(f"/intelligence/submissions/{submission.pk}/").content.decode()
    assert "A vehicle of interest has been seen collecting girls near the bus station." in body
    assert "Share only within the social care team." in body
    assert "Crime desk" not in body  # code C withholds the outcome
    assert "Grading history" not in body
    assert intel.display_name not in body


def test_my_submissions_lists_only_mine_with_the_sanitised_summary_once_graded(signed_in, intel, worker, child):
    mine = shared(by=worker, children=[child])
    waiting = shared(by=worker, narrative="Still waiting.")
    colleague = staff_user(team=worker.teams.get(), role=Role.SOCIAL_WORKER)
    theirs = shared(by=colleague)
    grade(mine, intel)

    body = signed_in(worker).get("/intelligence/my-submissions/").content.decode()
    assert mine.reference in body
    assert waiting.reference in body
    assert theirs.reference not in body
    assert "A vehicle of interest has been seen collecting girls near the bus station." in body
    assert "Safeguarding referral" in body
    assert "A silver car collects two girls" not in body  # the list shows the police's summary, not the narrative
    event = AccessEvent.objects.get(user=worker, object_type="child")
    assert (event.action, event.object_ids) == (AccessAction.LIST, [str(child.pk)])

    assert signed_in(worker).get(f"/intelligence/submissions/{theirs.pk}/").status_code == 404


def test_the_queue_is_paged_with_each_waiting_submission_on_exactly_one_page(signed_in, intel, monkeypatch):
    monkeypatch.setattr("intelligence.selectors.queue.QUEUE_PAGE", 3)
    waiting = [shared(minutes_ago=minutes, urgent=minutes % 3 == 0) for minutes in range(10, 17)]
    grade(shared(minutes_ago=300, narrative="Graded long ago."), intel)
    client = signed_in(intel)
    seen = []
    for page in (1, 2, 3):
        body = client.get(f"/intelligence/queue/?page={page}").content.decode()
        assert "Waiting to be graded (7)" in body
        waiting_part = body[body.index('id="waiting"') : body.index("Recently graded")]
        seen += [s.reference for s in waiting if s.reference in waiting_part]
        first = (page - 1) * 3 + 1
        assert f"Showing {first} to {min(first + 2, 7)} of 7 submissions waiting to be graded" in body
    assert sorted(seen) == sorted(s.reference for s in waiting)
    assert len(seen) == len(set(seen))
    first_page = client.get("/intelligence/queue/").content.decode()
    assert 'href="?page=2#waiting"' in first_page
    assert "There is no page 4" in client.get("/intelligence/queue/?page=4").content.decode()
