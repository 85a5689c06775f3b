"""Intelligence end to end in a real browser (issue 5): a member of the public reports a partial
registration with no account; a police intelligence officer grades the report, finds the vehicle by a
different partial pattern, and opens it on the link chart, which draws with no console error."""

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from intelligence.models import Grading, Submission
from tests.browser.axe import assert_no_axe_violations
from tests.browser.session import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_community_report_is_graded_found_by_another_pattern_and_charted(
    live_server, page: Page, partnership
) -> None:
    cache.clear()  # the public form's rate limits count in the cache
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    base = live_server.url

    # A member of the public, with no account.
    page.goto(f"{base}/report/")
    page.get_by_role("button", name="Report a concern").click()
    page.get_by_label("What did you see or hear?").fill(
        "A silver car waits outside the takeaway on Station Road and two girls get in most Fridays."
    )
    page.locator("#id_vehicle_1_registration").fill("AB12 C?E")
    page.locator("#id_vehicle_1_colour").fill("Silver")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report sent")
    submission = Submission.objects.get()

    # The police intelligence officer grades it from the queue.
    sign_in(page, base, partnership["intel"])
    page.goto(f"{base}/intelligence/queue/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=submission.reference).click()
    page.get_by_role("link", name="Grade this submission").click()
    page.get_by_label("2: Untested").check()
    page.get_by_label("C: Known indirectly to the source", exact=True).check()
    page.get_by_label("P: Lawful sharing permitted", exact=True).check()
    page.get_by_label("Intelligence log").check()
    page.get_by_label("Sanitised summary for partners").fill("A report of a car collecting girls at a takeaway.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save the grade").click()
    expect(page.get_by_text("2C P").first).to_be_visible()
    assert Grading.objects.get().code == "2C P"

    # A different partial pattern finds the same vehicle, with where it came from and its grade.
    page.goto(f"{base}/intelligence/search/")
    page.get_by_label("Search for").fill("A?12CD*")
    page.get_by_role("button", name="Search").click()
    results = page.locator("table").filter(has_text=submission.reference)
    expect(results).to_contain_text("2C P")
    assert_no_axe_violations(page)
    results.get_by_role("link", name="Open on the link chart").first.click()

    # The link chart draws the partial registration and what it was reported with.
    expect(page.get_by_role("heading", level=1)).to_contain_text("AB12 C?E")
    expect(page.locator("[data-link-chart][data-ready='true'] canvas").first).to_be_attached()
    assert_no_axe_violations(page)
    assert errors == []
