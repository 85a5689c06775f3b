"""The list of meetings in a real browser (decision 0026), at every awkward moment of the calendar: today's,
the upcoming and the past meetings each reached from the list, the filters and the pages, with no
accessibility violation on any of them."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from children.models import Child
from meetings.models import Meeting, MeetingKind
from meetings.selectors.agenda import start_of_day
from meetings.selectors.meeting_list import MEETINGS_PAGE
from meetings.services.minutes import minutes_approve, minutes_draft_save
from meetings.services.records import meeting_chair_set, meeting_hold
from tests.browser.axe import assert_no_axe_violations
from tests.browser.session import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UPCOMING = MEETINGS_PAGE + 1  # one more than a page holds: the last is on the second page


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _rows(page: Page):
    return page.locator("table.govuk-table tbody tr")


def _filter(page: Page, *, kind: str = "Any", held: str = "Any", minutes: str = "Any") -> None:
    page.get_by_label("Kind of meeting").select_option(label=kind)
    page.get_by_label("Held", exact=True).select_option(label=held)
    page.get_by_label("Minutes", exact=True).select_option(label=minutes)
    page.get_by_role("button", name="Filter meetings").click()


@pytest.mark.any_moment
def test_todays_upcoming_and_past_meetings_are_each_reached_filtered_and_paged(
    live_server, page: Page, partnership
) -> None:
    support, chair, worker = partnership["megsupport.nfd"], partnership["megchair"], partnership["socialworker.nfd"]
    area = support.teams.get().agency.area
    now = timezone.now()
    today = timezone.localdate(now)
    day_starts = start_of_day(now)
    next_day_starts = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min))

    def meg(starts_at: dt.datetime, location: str) -> Meeting:
        return Meeting.objects.create(kind=MeetingKind.MEG, area=area, starts_at=starts_at, location=location)

    # Today: one earlier, recorded as held; one later, whatever the hour of "now" (past midnight, before
    # the clocks change, ten minutes before the new year).
    earlier = meg(day_starts + (now - day_starts) / 2, "Earlier today room")
    meeting_chair_set(meeting=earlier, chair=chair, by=support)
    meeting_hold(meeting=earlier, by=support)
    meg(now + (next_day_starts - now) / 2, "Later today room")
    # Upcoming: more than a page, from tomorrow.
    Meeting.objects.bulk_create(
        Meeting(
            kind=MeetingKind.MEG, area=area, starts_at=_at(today + dt.timedelta(days=day), 10), location=f"Room {day}"
        )
        for day in range(1, UPCOMING + 1)
    )
    # Past: a MEG with approved minutes, one never recorded as held, and a strategy meeting about a high
    # risk child of the area, whom business support sees while the child is on the MEG's agenda.
    approved = meg(_at(today - dt.timedelta(days=30), 10), "Town hall")
    meeting_chair_set(meeting=approved, chair=chair, by=support)
    meeting_hold(meeting=approved, by=support)
    minutes_approve(minutes=minutes_draft_save(meeting=approved, texts={}, by=support), by=chair)
    meg(_at(today - dt.timedelta(days=40), 10), "Old library")
    child = Child.objects.filter(holding_team__memberships__user=worker).order_by("reference").first()
    assert child is not None
    risk_level_record(child=child, level=RiskLevel.HIGH, by=worker, source=RiskLevelSource.ASSESSMENT)
    strategy = Meeting.objects.create(
        kind=MeetingKind.STRATEGY,
        area=child.responsible_authority,
        child=child,
        starts_at=_at(today - dt.timedelta(days=3), 14),
        location="Room 4",
    )
    meeting_hold(meeting=strategy, by=worker)

    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    base = live_server.url
    sign_in(page, base, support)

    # With meetings today, the list opens on them, and offers the other two parts with how many each holds.
    page.goto(f"{base}/meetings/")
    expect(page.get_by_role("heading", level=2, name="Today (2)")).to_be_visible()
    expect(page.get_by_role("link", name=f"Upcoming ({UPCOMING})")).to_be_visible()
    expect(page.get_by_role("link", name="Past (3)")).to_be_visible()
    expect(_rows(page)).to_have_count(2)
    expect(_rows(page).nth(0)).to_contain_text("Earlier today room")
    expect(_rows(page).nth(0)).to_contain_text("Held")
    expect(_rows(page).nth(1)).to_contain_text("Later today room")
    expect(_rows(page).nth(1)).to_contain_text("Not held yet")
    assert_no_axe_violations(page)
    _rows(page).nth(1).get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("MEG")
    page.go_back()

    # Upcoming: soonest first, a page at a time.
    page.get_by_role("link", name=f"Upcoming ({UPCOMING})").click()
    expect(page.get_by_role("heading", level=2, name=f"Upcoming ({UPCOMING})")).to_be_visible()
    expect(_rows(page)).to_have_count(MEETINGS_PAGE)
    expect(_rows(page).nth(0)).to_contain_text("Room 1")
    expect(page.get_by_text(f"Showing 1 to {MEETINGS_PAGE} of {UPCOMING} meetings.")).to_be_visible()
    expect(page.get_by_text("Later today room")).to_have_count(0)
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile(r"^Next")).click()
    expect(page.get_by_text(f"Showing {UPCOMING} to {UPCOMING} of {UPCOMING} meetings.")).to_be_visible()
    expect(_rows(page)).to_have_count(1)
    expect(_rows(page).nth(0)).to_contain_text(f"Room {UPCOMING}")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile(r"^Previous")).click()
    expect(_rows(page).nth(0)).to_contain_text("Room 1")

    # Past: newest first, and every filter narrows it.
    page.get_by_role("link", name="Past (3)").click()
    expect(page.get_by_role("heading", level=2, name="Past (3)")).to_be_visible()
    expect(_rows(page)).to_have_count(3)
    for position, location in enumerate(["Room 4", "Town hall", "Old library"]):
        expect(_rows(page).nth(position)).to_contain_text(location)
    assert_no_axe_violations(page)

    _filter(page, kind="Strategy meeting")
    expect(page.get_by_role("heading", level=2, name="Past (1)")).to_be_visible()
    expect(_rows(page)).to_have_count(1)
    expect(_rows(page).nth(0)).to_contain_text(f"Strategy meeting: {child.full_name}")
    expect(page.get_by_text("Today (0)")).to_be_visible()  # today's are MEGs: the counts take the filter too
    assert_no_axe_violations(page)

    _filter(page, held="Not held yet")
    expect(_rows(page)).to_have_count(1)
    expect(_rows(page).nth(0)).to_contain_text("Old library")

    _filter(page, minutes="Approved")
    expect(_rows(page)).to_have_count(1)
    expect(_rows(page).nth(0)).to_contain_text("Town hall")
    # The other parts of the calendar keep the filters: today's held meeting has no minutes approved.
    page.get_by_role("link", name="Today (0)").click()
    expect(page.get_by_text("No today meetings match.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Past (1)").click()
    _rows(page).nth(0).get_by_role("link", name=re.compile(r"^Approved")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Minutes")
    assert_no_axe_violations(page)

    # The pages keep the filters too.
    page.goto(f"{base}/meetings/?when=upcoming")
    _filter(page, kind="Missing and Exploited Group (MEG)", held="Not held yet")
    expect(page.get_by_role("heading", level=2, name=f"Upcoming ({UPCOMING})")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Next")).click()
    expect(_rows(page)).to_have_count(1)
    assert "kind=meg" in page.url
    assert "held=no" in page.url
    assert errors == []
