"""The pages in a real headless Chromium: the sign-in journey with its second factor, the home page,
child search, the child page and the error page, each checked with axe-core under the real CSP."""

import re
import uuid
from typing import cast

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import ConsoleMessage, Locator, Page, expect

from accounts.models import User
from children.models import Child
from tests.browser.axe import assert_no_axe_violations
from tests.factories import (
    TEST_PASSWORD,
    CaseAllocationFactory,
    ChildFactory,
    ChronologyEntryFactory,
    MissingEpisodeFactory,
    UserFactory,
    staff_user,
)
from tests.otp_codes import current_code, wrong_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def enter_password(page: Page, username: str, password: str) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()


def error_summary(page: Page) -> Locator:
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    return summary


def test_sign_in_with_security_code_then_find_and_open_a_child(live_server, page: Page) -> None:
    user = staff_user()
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    child = cast(Child, ChildFactory())
    CaseAllocationFactory(child=child, user=user)
    ChronologyEntryFactory(child=child, summary="Seen getting into a car with an older male after school.")
    MissingEpisodeFactory(child=child, where_found="Bus station")

    # Signed out, the home page sends you to sign in.
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to CSE Hub")
    assert_no_axe_violations(page)

    # A wrong password: one message that does not say which of the two was wrong.
    enter_password(page, user.username, "not-the-password")
    expect(error_summary(page)).to_contain_text("Enter a correct username and password")
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    assert_no_axe_violations(page)

    # The right password leads to the security code page.
    enter_password(page, user.username, TEST_PASSWORD)
    expect(page).to_have_url(re.compile(r"/sign-in/security-code/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    assert_no_axe_violations(page)

    # A wrong code is refused with an error linked to the field.
    page.get_by_label("Security code").fill(wrong_code(device))
    page.get_by_role("button", name="Sign in").click()
    summary = error_summary(page)
    expect(summary.get_by_role("link")).to_have_text(re.compile("The security code is not correct"))
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_code")
    assert_no_axe_violations(page)

    # django-otp throttles a device for a second after a wrong code (OTP_TOTP_THROTTLE_FACTOR = 1).
    page.wait_for_timeout(1100)
    page.get_by_label("Security code").fill(current_code(device))
    page.get_by_role("button", name="Sign in").click()

    # Home: the user's work, with the child allocated to them.
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
    allocated = page.get_by_role("table", name="Children allocated to you")
    expect(allocated.get_by_role("link", name=child.full_name)).to_be_visible()
    assert_no_axe_violations(page)

    # Find the child by last name.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Find a child").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a child")
    page.get_by_role("button", name="Search").click()
    expect(error_summary(page)).to_contain_text("Enter a name, a date of birth or a reference")
    assert_no_axe_violations(page)
    page.get_by_label("Name", exact=True).fill(child.last_name)
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 child found")).to_be_visible()
    results = page.get_by_role("table", name="Search results")
    expect(results).to_contain_text(child.reference)
    assert_no_axe_violations(page)

    # The child page shows the chronology and the missing episode.
    results.get_by_role("link", name=child.full_name).click()
    expect(page).to_have_url(f"{live_server.url}/children/{child.id}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(child.full_name)
    expect(page.get_by_role("table", name="Chronology, most recent first")).to_contain_text(
        "Seen getting into a car with an older male after school."
    )
    expect(page.get_by_role("table", name="Missing episodes")).to_contain_text("Bus station")
    assert_no_axe_violations(page)

    # A child that does not exist (or that the user may not see): the not found page, which leaks nothing.
    response = page.goto(f"{live_server.url}/children/{uuid.uuid4()}/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_no_axe_violations(page)


def test_first_sign_in_sets_up_the_authenticator_app(live_server, page: Page) -> None:
    user = cast(User, UserFactory())  # no authenticator app yet

    page.goto(f"{live_server.url}/sign-in/")
    enter_password(page, user.username, TEST_PASSWORD)
    expect(page).to_have_url(re.compile(r"/sign-in/set-up-authenticator/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_no_axe_violations(page)

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page.get_by_label("Security code").fill(current_code(device))
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
    device.refresh_from_db()
    assert device.confirmed

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    assert_no_axe_violations(page)


def test_content_security_policy_forbids_inline_script_and_pages_raise_no_errors(live_server, page: Page) -> None:
    user = staff_user()
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    problems: list[str] = []  # CSP violations are reported as console errors too

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))

    sign_in = page.goto(f"{live_server.url}/sign-in/")
    assert sign_in is not None
    enter_password(page, user.username, TEST_PASSWORD)
    page.get_by_label("Security code").fill(current_code(device))
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Sign in").click()
    home = navigation.value
    assert home.url == f"{live_server.url}/"
    not_found = page.request.get(f"{live_server.url}/children/{uuid.uuid4()}/")
    assert not_found.status == 404

    for policy in (
        sign_in.header_value("content-security-policy"),
        home.header_value("content-security-policy"),
        not_found.headers.get("content-security-policy"),
    ):
        assert policy, "a page has no Content-Security-Policy header"
        directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
        assert directives.get("script-src") == ["'self'"], policy
        assert "'unsafe-inline'" not in policy, policy
        assert "'unsafe-eval'" not in policy, policy

    # GOV.UK Frontend's script ran under the policy (it marks the body as supported).
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    page.reload(wait_until="networkidle")
    assert problems == [], "console errors while signing in or on the home page:\n" + "\n".join(problems)
