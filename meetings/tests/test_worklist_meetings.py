"""The worklist (decision 0026): the chair sees the minutes awaiting their approval; MEG business
support sees the meetings to record. Each section is bounded, and says how many there are in all."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from accounts.models import Area
from children.models import Child
from frontdoor.selectors.tasks import WORKLIST_LIMIT
from meetings.models import Meeting, MeetingKind
from meetings.services.minutes import minutes_approve, minutes_correction_start, minutes_draft_save
from meetings.services.records import meeting_chair_set, meeting_hold

NOW = dt.datetime(2026, 3, 12, 15, 30, tzinfo=zoneinfo.ZoneInfo("Europe/London"))


def page(response) -> str:
    assert response.status_code == 200
    return str(response.content.decode())


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def area(partnership) -> Area:
    return Area.objects.get(code__iexact="nfd")


def meg(area: Area, starts_at: dt.datetime, location: str) -> Meeting:
    return Meeting.objects.create(kind=MeetingKind.MEG, area=area, starts_at=starts_at, location=location)


def held_meg(partnership, area: Area, days_ago: int, location: str) -> Meeting:
    support = partnership["megsupport.nfd"]
    meeting = meg(area, NOW - dt.timedelta(days=days_ago), location)
    meeting_chair_set(meeting=meeting, chair=partnership["megchair"], by=support)
    return meeting_hold(meeting=meeting, by=support)


def test_the_chair_sees_the_minutes_awaiting_their_approval(signed_in, partnership, area):
    support, chair = partnership["megsupport.nfd"], partnership["megchair"]
    drafted = held_meg(partnership, area, 20, "Drafted")
    minutes_draft_save(meeting=drafted, texts={}, by=support)
    approved = held_meg(partnership, area, 50, "Approved")
    minutes_approve(minutes=minutes_draft_save(meeting=approved, texts={}, by=support), by=chair)
    corrected = held_meg(partnership, area, 80, "Corrected")
    minutes_approve(minutes=minutes_draft_save(meeting=corrected, texts={}, by=support), by=chair)
    minutes_correction_start(meeting=corrected, reason="A name was misspelt.", by=support)
    held_meg(partnership, area, 10, "No minutes yet")

    shown = page(signed_in(chair).get("/tasks/"))
    assert "Minutes awaiting your approval (2)" in shown
    section = shown[shown.index('id="minutes-to-approve"') :]
    assert f'href="/meetings/{corrected.pk}/minutes/approve/"' in section
    assert f'href="/meetings/{drafted.pk}/minutes/approve/"' in section
    assert section.index(f"/meetings/{corrected.pk}/minutes/approve/") < section.index(
        f"/meetings/{drafted.pk}/minutes/approve/"
    )  # the longest waiting first
    assert f"/meetings/{approved.pk}/minutes/approve/" not in shown
    # The approval link leads to the draft the chair approves.
    assert page(signed_in(chair).get(f"/meetings/{drafted.pk}/minutes/approve/"))
    # The home page points to it.
    assert "2 sets of minutes awaiting your approval" in page(signed_in(chair).get("/"))
    # Business support wrote the minutes but does not approve them.
    assert "Minutes awaiting your approval" not in page(signed_in(support).get("/tasks/"))


def test_business_support_sees_the_meetings_to_record(signed_in, partnership, area):
    support = partnership["megsupport.nfd"]
    this_morning = meg(area, NOW.replace(hour=10, minute=0), "This morning")
    never_held = meg(area, NOW - dt.timedelta(days=40), "Never recorded")
    held = held_meg(partnership, area, 5, "Held, no minutes")
    with_draft = held_meg(partnership, area, 7, "Draft written")
    minutes_draft_save(meeting=with_draft, texts={}, by=support)
    meg(area, NOW.replace(hour=18, minute=0), "This evening")
    meg(area, NOW + dt.timedelta(days=20), "Next month")

    shown = page(signed_in(support).get("/tasks/"))
    assert "Meetings to record (3)" in shown
    section = shown[shown.index('id="meetings-to-record"') :]
    assert f'href="/meetings/{never_held.pk}/hold/"' in section
    assert f'href="/meetings/{this_morning.pk}/hold/"' in section
    assert f'href="/meetings/{held.pk}/minutes/edit/"' in section
    assert section.index(f"/meetings/{never_held.pk}/") < section.index(f"/meetings/{held.pk}/")
    assert section.index(f"/meetings/{held.pk}/") < section.index(f"/meetings/{this_morning.pk}/")
    assert f"/meetings/{with_draft.pk}/" not in section
    assert "This evening" not in shown
    assert "Next month" not in shown
    assert "3 meetings to record" in page(signed_in(support).get("/"))
    # Another area's business support has nothing to record here, and a social worker sees neither.
    assert "Meetings to record" not in page(signed_in(partnership["megsupport.sdl"]).get("/tasks/"))
    social_worker = page(signed_in(partnership["socialworker.nfd"]).get("/tasks/"))
    assert "Meetings to record" not in social_worker
    assert "Minutes awaiting your approval" not in social_worker


def test_each_section_is_bounded_and_says_how_many(signed_in, partnership, area):
    for days in range(1, WORKLIST_LIMIT + 4):
        meg(area, NOW - dt.timedelta(days=days), f"Room {days}")
    shown = page(signed_in(partnership["megsupport.nfd"]).get("/tasks/"))
    assert f"Meetings to record ({WORKLIST_LIMIT + 3})" in shown
    assert f"Showing the {WORKLIST_LIMIT} oldest of {WORKLIST_LIMIT + 3}" in shown
    section = shown[shown.index('id="meetings-to-record"') :]
    assert section.count("Record it as held") == WORKLIST_LIMIT


def test_a_chairs_strategy_meeting_names_its_child_through_the_gate_and_is_logged(signed_in, partnership):
    from audit.models import AccessEvent

    social_worker = partnership["socialworker.nfd"]
    child = Child.objects.filter(holding_team__memberships__user=social_worker).first()
    assert child is not None
    meeting = Meeting.objects.create(
        kind=MeetingKind.STRATEGY,
        area=child.responsible_authority,
        child=child,
        starts_at=NOW - dt.timedelta(days=2),
        chair=social_worker,
    )
    meeting_hold(meeting=meeting, by=social_worker)
    minutes_draft_save(meeting=meeting, texts={}, by=social_worker)
    shown = page(signed_in(social_worker).get("/tasks/"))
    assert "Minutes awaiting your approval (1)" in shown
    assert child.full_name in shown[shown.index('id="minutes-to-approve"') :]
    # The worklist's last read is the meetings': one event naming the child the page names.
    assert AccessEvent.objects.filter(user=social_worker).latest("id").object_ids == [str(child.id)]
