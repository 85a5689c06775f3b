"""The list of meetings (decision 0026): today's, the upcoming and the past ones, filtered and paged, so
that today's meeting after its hour and last month's held meeting with approved minutes can be reached."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from accounts.models import Area
from audit.models import AccessEvent
from children.models import Child
from meetings.models import Meeting, MeetingKind, MeetingStatus
from meetings.selectors.meeting_list import MEETINGS_PAGE
from meetings.services.minutes import minutes_approve, minutes_draft_save
from meetings.services.records import meeting_chair_set, meeting_hold

LONDON = zoneinfo.ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 3, 12, 15, 30, tzinfo=LONDON)  # a Thursday afternoon


def page(response) -> str:
    assert response.status_code == 200
    return str(response.content.decode())


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def area(partnership) -> Area:
    return Area.objects.get(code__iexact="nfd")


def meg(area: Area, starts_at: dt.datetime, location: str = "") -> Meeting:
    return Meeting.objects.create(kind=MeetingKind.MEG, area=area, starts_at=starts_at, location=location)


@pytest.fixture
def this_morning(area, clock) -> Meeting:
    # Earlier today: its hour passed, and nobody has recorded it as held yet.
    return meg(area, NOW.replace(hour=10, minute=0), "Committee room 2")


@pytest.fixture
def last_month(partnership, area, clock) -> Meeting:
    """Last month's MEG, held, with minutes the chair approved."""
    support, chair = partnership["megsupport.nfd"], partnership["megchair"]
    meeting = meg(area, NOW - dt.timedelta(days=30), "Town hall")
    meeting_chair_set(meeting=meeting, chair=chair, by=support)
    meeting_hold(meeting=meeting, by=support)
    minutes = minutes_draft_save(meeting=meeting, texts={}, by=support)
    minutes_approve(minutes=minutes, by=chair)
    return meeting


@pytest.fixture
def next_month(area, clock) -> Meeting:
    return meg(area, NOW + dt.timedelta(days=27), "Library")


def test_a_meeting_earlier_today_is_listed_under_today_after_its_hour(signed_in, partnership, this_morning, next_month):
    web = signed_in(partnership["megsupport.nfd"])
    # With a meeting today, the list opens on today's.
    shown = page(web.get("/meetings/"))
    assert "Committee room 2" in shown
    assert f'href="/meetings/{this_morning.pk}/"' in shown
    assert "Library" not in shown
    assert "Today (1)" in shown
    assert "Upcoming (1)" in shown
    assert "Past (0)" in shown
    assert "Not held yet" in shown
    # The upcoming ones start on a later day; today's is not among them.
    upcoming = page(web.get("/meetings/?when=upcoming"))
    assert "Library" in upcoming
    assert "Committee room 2" not in upcoming


def test_last_months_held_meeting_with_approved_minutes_is_in_the_past_and_links_to_them(
    signed_in, partnership, last_month, next_month
):
    web = signed_in(partnership["megchair"])
    # No meeting today: the list opens on the upcoming ones, and says how many are past.
    opening = page(web.get("/meetings/"))
    assert "Library" in opening
    assert "Town hall" not in opening
    assert "Past (1)" in opening
    past = page(web.get("/meetings/?when=past"))
    assert "Town hall" in past
    assert f'href="/meetings/{last_month.pk}/minutes/"' in past
    assert "Approved" in past
    minutes = page(web.get(f"/meetings/{last_month.pk}/minutes/"))
    assert "Version 1" in minutes


def test_the_past_is_newest_first_and_paged(signed_in, partnership, area, clock):
    for days in range(1, MEETINGS_PAGE + 3):
        meg(area, NOW - dt.timedelta(days=days), f"Room {days}")
    web = signed_in(partnership["megsupport.nfd"])
    first = page(web.get("/meetings/?when=past"))
    assert first.index("Room 1<") < first.index("Room 2<") < first.index("Room 3<")
    assert f"Showing 1 to {MEETINGS_PAGE} of {MEETINGS_PAGE + 2} meetings" in first
    assert 'href="?when=past&amp;page=2#meetings"' in first
    second = page(web.get("/meetings/?when=past&page=2"))
    assert f"Room {MEETINGS_PAGE + 1}<" in second
    assert f"Room {MEETINGS_PAGE + 2}<" in second
    assert "Room 1<" not in second


def test_filters_by_kind_held_and_minutes(signed_in, partnership, area, last_month, clock):
    support = partnership["megsupport.nfd"]
    held_only = meg(area, NOW - dt.timedelta(days=2), "Held, no minutes")
    meeting_hold(meeting=held_only, by=support)
    meg(area, NOW - dt.timedelta(days=3), "Never recorded")
    web = signed_in(support)

    approved = page(web.get("/meetings/?when=past&minutes=approved"))
    assert "Town hall" in approved
    assert "Held, no minutes" not in approved
    assert "Never recorded" not in approved
    not_approved = page(web.get("/meetings/?when=past&minutes=not_approved"))
    assert "Town hall" not in not_approved
    assert "Held, no minutes" in not_approved
    assert "Never recorded" in not_approved
    not_held = page(web.get("/meetings/?when=past&held=no"))
    assert "Never recorded" in not_held
    assert "Held, no minutes" not in not_held
    assert "Town hall" not in not_held
    held = page(web.get("/meetings/?when=past&held=yes&kind=meg"))
    assert "Town hall" in held
    assert "Held, no minutes" in held
    assert "Never recorded" not in held
    assert "No past meetings match" in page(web.get("/meetings/?when=past&kind=strategy"))
    # The other parts of the calendar keep the filters.
    assert 'href="?when=today&amp;kind=meg&amp;held=yes"' in held


def test_an_unknown_filter_value_is_refused_with_a_clear_error(signed_in, partnership, last_month):
    shown = page(signed_in(partnership["megsupport.nfd"]).get("/meetings/?kind=picnic"))
    assert "There is a problem" in shown
    assert "Select a kind of meeting from the list" in shown
    assert "Town hall" not in shown


def test_a_draft_awaiting_approval_says_so(signed_in, partnership, area, clock):
    support = partnership["megsupport.nfd"]
    meeting = meg(area, NOW - dt.timedelta(days=1), "Draft room")
    meeting_chair_set(meeting=meeting, chair=partnership["megchair"], by=support)
    meeting_hold(meeting=meeting, by=support)
    minutes_draft_save(meeting=meeting, texts={}, by=support)
    shown = page(signed_in(support).get("/meetings/?when=past"))
    assert "a draft awaits the chair" in shown


def test_the_list_shows_only_what_the_user_may_see_and_logs_the_children_it_names(
    signed_in, partnership, last_month, clock
):
    social_worker = partnership["socialworker.nfd"]
    child = Child.objects.filter(holding_team__memberships__user=social_worker).first()
    assert child is not None
    Meeting.objects.create(
        kind=MeetingKind.STRATEGY,
        area=child.responsible_authority,
        child=child,
        starts_at=NOW - dt.timedelta(days=5),
        location="Strategy room",
        status=MeetingStatus.HELD,
    )
    shown = page(signed_in(social_worker).get("/meetings/?when=past"))
    assert "Strategy room" in shown
    assert child.full_name in shown
    assert "Town hall" not in shown  # the MEG is for its business support and chairs
    assert AccessEvent.objects.latest("id").object_ids == [str(child.id)]
    assert "Strategy room" not in page(signed_in(partnership["megsupport.sdl"]).get("/meetings/?when=past"))


def test_the_api_takes_the_same_filters_and_pages(signed_in, partnership, area, last_month, this_morning, next_month):
    client = signed_in(partnership["megsupport.nfd"])
    everything = client.get("/api/v1/meetings/").json()
    assert [item["id"] for item in everything] == [last_month.pk, this_morning.pk, next_month.pk]
    assert [item["id"] for item in client.get("/api/v1/meetings/?when=today").json()] == [this_morning.pk]
    past = client.get("/api/v1/meetings/?when=past&minutes_approved=true").json()
    assert [item["id"] for item in past] == [last_month.pk]
    assert client.get("/api/v1/meetings/?held=false&when=past").json() == []
    assert client.get("/api/v1/meetings/?page=2").json() == []
    refused = client.get("/api/v1/meetings/?when=yesterday")
    assert refused.status_code == 400
    assert "when" in refused.json()["errors"]


def test_the_schema_documents_the_filters(signed_in, partnership):
    schema = signed_in(partnership["megsupport.nfd"]).get("/api/schema/", HTTP_ACCEPT="application/json").json()
    parameters = {parameter["name"] for parameter in schema["paths"]["/api/v1/meetings/"]["get"]["parameters"]}
    assert {"when", "kind", "held", "minutes_approved", "page"} <= parameters
