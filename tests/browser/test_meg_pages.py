"""The MEG pages in a real browser, with axe-core: the meetings, the agenda, taking a child off."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from children.models import Child
from meetings.models import MegSchedule
from meetings.services.schedule import meg_meetings_schedule
from tests.browser.axe import assert_no_axe_violations
from tests.browser.session import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_business_support_takes_a_child_off_the_agenda(live_server, page: Page, partnership) -> None:
    support = partnership["megsupport.nfd"]
    area = support.teams.get().agency.area
    child = Child.objects.filter(responsible_authority=area).order_by("reference").first()
    assert child is not None
    risk_level_record(child=child, level=RiskLevel.HIGH, by=support, source=RiskLevelSource.ASSESSMENT)
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10), location="Civic Centre")
    meg_meetings_schedule(area=area, months=2)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    sign_in(page, live_server.url, support)
    page.goto(f"{live_server.url}/meetings/")
    assert_no_axe_violations(page)
    page.locator("table").get_by_role("link").first.click()  # the next meeting
    expect(page.get_by_role("heading", level=1)).to_contain_text("MEG")
    expect(page.get_by_role("link", name=child.full_name, exact=True)).to_be_visible()
    assert_no_axe_violations(page)

    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=child.full_name, exact=True))
    row.get_by_role("link", name="Take off the agenda").click()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select why the child comes off the agenda")
    assert_no_axe_violations(page)
    page.get_by_label("Moved away").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("No child of this area is at medium or high risk.")).to_be_visible()
    assert errors == []
