"""The feedback loop (seed 001): what the child and family say is recorded and shown at the next MEG."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from audit.models import AccessEvent
from children.models import Carer, Child
from meetings.models import Feedback, Meeting, MeetingKind, MeetingStatus, MegSchedule
from meetings.selectors.letters import feedback_since
from meetings.services.letters import feedback_record
from meetings.services.schedule import meg_meetings_schedule


@pytest.fixture
def area(partnership):
    return partnership["megsupport.nfd"].teams.get().agency.area


@pytest.fixture
def child(partnership, area):
    child = Child.objects.filter(responsible_authority=area).order_by("reference")[0]
    risk_level_record(
        child=child, level=RiskLevel.MEDIUM, by=partnership["screener.nfd"], source=RiskLevelSource.ASSESSMENT
    )
    return child


@pytest.fixture
def previous(area):
    """The MEG held last month."""
    return Meeting.objects.create(
        kind=MeetingKind.MEG,
        area=area,
        starts_at=timezone.now() - dt.timedelta(days=30),
        status=MeetingStatus.HELD,
        held_at=timezone.now() - dt.timedelta(days=30),
    )


@pytest.fixture
def meeting(area, previous):
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10), location="Town hall")
    return meg_meetings_schedule(area=area, months=1)[0]


@pytest.fixture
def carer(partnership, child):
    return Carer.objects.create(
        child=child, name="Robin Ashdown", relationship="father", recorded_by=partnership["megsupport.nfd"]
    )


@pytest.fixture
def support(signed_in, partnership):
    return signed_in(partnership["megsupport.nfd"])


def today() -> dt.date:
    return timezone.localdate()


def date_fields(day: dt.date) -> dict[str, str]:
    return {"received_day": str(day.day), "received_month": str(day.month), "received_year": str(day.year)}


def days_from_today(days: int) -> dict[str, str]:
    """The date fields for a day relative to the test's today, filled in when the test runs."""
    return {"received_days_from_today": str(days)}


@pytest.mark.any_moment
def test_feedback_since_the_last_meeting_appears_at_the_next(support, partnership, meeting, previous, child, carer):
    url = f"/meetings/{meeting.pk}/children/{child.id}/feedback/"
    form = support.get(url).content.decode()
    assert "Robin Ashdown (father)" in form
    response = support.post(
        url, {"given_by": "child", "text": "I like my worker. I don't like the new school.", **date_fields(today())}
    )
    assert response["Location"] == f"/meetings/{meeting.pk}/voice/"
    support.post(
        url,
        {"given_by": f"carer-{carer.pk}", "text": "The visits help.", **date_fields(today() - dt.timedelta(days=5))},
    )
    feedback_record(
        child=child,
        given_by="parent",
        carer=carer,
        text="Said before the last meeting.",
        received_on=today() - dt.timedelta(days=40),
        by=partnership["megsupport.nfd"],
    )
    from_carer = Feedback.objects.get(text="The visits help.")
    assert (from_carer.given_by, from_carer.carer, from_carer.recorded_by.username) == (
        "parent",
        carer,
        "megsupport.nfd",
    )

    page = support.get(f"/meetings/{meeting.pk}/voice/").content.decode()
    assert "I like my worker. I don&#x27;t like the new school." in page
    assert "The visits help." in page
    assert "Robin Ashdown (father)" in page
    assert "Said before the last meeting." not in page
    assert f"since the last meeting on {timezone.localtime(previous.starts_at):%-d %B %Y}" in page
    event = AccessEvent.objects.order_by("-id")[0]
    assert (event.action, event.object_ids) == ("list", [str(child.id)])


def test_a_held_meeting_hears_only_what_was_said_before_it(partnership, area, child):
    held = Meeting.objects.create(
        kind=MeetingKind.MEG, area=area, starts_at=timezone.now() - dt.timedelta(days=10), status=MeetingStatus.HELD
    )
    by = partnership["megsupport.nfd"]
    for days_ago in (20, 10, 3):
        feedback_record(
            child=child,
            given_by="child",
            carer=None,
            text=f"{days_ago} days ago",
            received_on=today() - dt.timedelta(days=days_ago),
            by=by,
        )
    window_end = timezone.localtime(held.starts_at).date()
    heard = feedback_since(child_ids=[child.id], since=None, until=window_end)
    assert [f.text for f in heard] == ["20 days ago", "10 days ago"]
    assert [f.text for f in feedback_since(child_ids=[child.id], since=window_end)] == ["10 days ago", "3 days ago"]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            {"given_by": "child", "text": "Fine.", **days_from_today(1)},
            "Date received must be today or in the past",
        ),
        ({"given_by": "child", "text": " ", **days_from_today(0)}, "Enter what they said"),
        ({"text": "Fine.", **days_from_today(0)}, "Select who gave the feedback"),
        ({"given_by": "child", "text": "Fine."}, "Enter the date received"),
        ({"given_by": "carer-999999", "text": "Fine.", **days_from_today(0)}, "Select a valid choice"),
    ],
)
def test_bad_feedback_is_refused_and_nothing_saved(support, meeting, child, data, error):
    data = dict(data)
    if "received_days_from_today" in data:
        data.update(date_fields(today() + dt.timedelta(days=int(data.pop("received_days_from_today")))))
    response = support.post(f"/meetings/{meeting.pk}/children/{child.id}/feedback/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert error in page
    assert not Feedback.objects.exists()


def test_feedback_from_another_childs_carer_is_refused(partnership, area, child):
    other = Child.objects.filter(responsible_authority=area).exclude(pk=child.pk)[0]
    stranger = Carer.objects.create(
        child=other, name="Sol Pike", relationship="mother", recorded_by=partnership["megsupport.nfd"]
    )
    with pytest.raises(ValidationError, match="Select a parent or carer of this child"):
        feedback_record(
            child=child,
            given_by="parent",
            carer=stranger,
            text="Hi",
            received_on=today(),
            by=partnership["megsupport.nfd"],
        )
    assert not Feedback.objects.exists()


def test_the_voice_page_is_for_the_meg_only(signed_in, partnership, meeting, child):
    feedback_record(
        child=child,
        given_by="child",
        carer=None,
        text="Private words.",
        received_on=today(),
        by=partnership["megsupport.nfd"],
    )
    for username in ("megsupport.sdl", "socialworker.nfd", "youthworker.nfd"):
        response = signed_in(partnership[username]).get(f"/meetings/{meeting.pk}/voice/")
        assert response.status_code == 404
        assert "Private words." not in response.content.decode()
    assert "Private words." in signed_in(partnership["megchair"]).get(f"/meetings/{meeting.pk}/voice/").content.decode()
