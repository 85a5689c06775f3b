"""Professional challenge in a real headless Chromium, with axe-core on every page under the real
Content Security Policy: raise (with its errors), the challenge, escalate, resolve, the lists and
the partnership report. Skipped where there is no Chromium, as tests/browser is."""

import re

import pytest
from playwright.sync_api import Page, expect

from challenges.models import Challenge
from tests.browser.axe import assert_no_axe_violations
from tests.browser.session import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_raise_escalate_and_resolve_a_challenge(live_server, page: Page, northfield) -> None:
    p = northfield
    base = live_server.url
    sign_in(page, base, p.raiser)

    page.goto(f"{base}/challenges/child/{p.child.id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Professional challenges")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Raise a challenge").click()
    expect(page.get_by_text("Raising a challenge does not stop or delay any action")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Raise the challenge").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter what decision you are challenging")
    expect(page).to_have_title(re.compile(r"^Error: Raise a professional challenge"))
    assert_no_axe_violations(page)

    page.get_by_label("What decision are you challenging?").fill("Risk level confirmed as low at screening")
    page.get_by_label("Screening or risk level").check()
    page.get_by_label("Why do you disagree with the decision?").fill("Three warning signs seen at school.")
    page.get_by_label("Team that made the decision").select_option(label="Social care east (Northfield Council)")
    page.get_by_role("button", name="Raise the challenge").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Challenge raised")
    assert_no_axe_violations(page)
    challenge = Challenge.objects.get()

    page.get_by_role("button", name="Escalate to level 2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Escalate the challenge to level 2")
    assert_no_axe_violations(page)
    page.get_by_label("Why are you escalating the challenge?").fill("No agreement at level 1.")
    page.get_by_label("Person who will own the challenge").select_option(value=str(p.manager.id))
    page.get_by_role("button", name="Escalate to level 2").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Challenge escalated to level 2")

    page.goto(f"{base}/challenges/{challenge.id}/resolve/")
    page.get_by_role("button", name="Resolve the challenge").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter how the challenge was resolved")
    assert_no_axe_violations(page)
    page.get_by_label("Decision changed").check()
    page.get_by_label("How was the challenge resolved?").fill("Reassessed as medium with the school.")
    page.get_by_role("button", name="Resolve the challenge").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Challenge resolved")
    assert_no_axe_violations(page)

    page.goto(f"{base}/challenges/")
    expect(page.get_by_role("cell", name="You raised it")).to_be_visible()
    assert_no_axe_violations(page)

    sign_in(page, base, p.manager)
    page.goto(f"{base}/challenges/report/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Professional challenge: partnership report")
    expect(page.get_by_text("Zephyrine")).to_have_count(0)
    assert_no_axe_violations(page)
