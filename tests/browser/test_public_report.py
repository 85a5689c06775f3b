"""The public pages in a real browser, as a member of the public with no account: the signs to look
out for, the community report form with its error summary, a partial registration, and the
confirmation; axe-core finds nothing on any of them."""

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from intelligence.models import EntityKind, Submission, SubmissionSource
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_of_the_public_reports_a_partial_registration(live_server, page: Page) -> None:
    cache.clear()  # the rate limits count in the cache, which outlives other tests
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    page.goto(f"{live_server.url}/report/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Help protect children from sexual exploitation")
    expect(page.get_by_role("heading", name="Signs to look out for")).to_be_visible()
    expect(page.get_by_role("link", name="Sign out")).to_have_count(0)
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Report a concern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a concern about child sexual exploitation")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Send the report").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Describe what you saw or heard")
    assert page.title().startswith("Error: ")
    assert_no_axe_violations(page)

    page.get_by_label("What did you see or hear?").fill(
        "A silver car picks up two girls from the bus station late on Friday nights."
    )
    page.locator("#id_vehicle_1_registration").fill("AB1? C*")
    page.locator("#id_vehicle_1_make").fill("Ford")
    page.locator("#id_vehicle_1_colour").fill("Silver")
    page.get_by_label("It may be rumour or gossip").check()
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report sent")
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()
    assert_no_axe_violations(page)

    submission = Submission.objects.get()
    assert submission.source == SubmissionSource.COMMUNITY
    vehicle = submission.mentions.get(kind=EntityKind.VEHICLE)
    assert vehicle.partial
    assert vehicle.attributes == {"registration": "AB1? C*", "make": "Ford", "colour": "Silver"}
    assert errors == []
