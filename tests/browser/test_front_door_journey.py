"""The front door in a real headless Chromium (issue 3, "Done when"): a screener records a contact with
a linked second child, screens it, confirms a level other than the tool's with a reason, and the tasks
land on the right teams' worklists. Every page is checked with axe-core under the real CSP, and the
journey must raise no console errors (CSP violations are reported there) and no page errors."""

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Locator, Page, expect

from accounts.models import User
from demo.generator import DEMO_PASSWORD
from tests.browser.axe import assert_no_axe_violations
from tests.otp_codes import current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHILD = "Tamsin Quillfeather"
LINKED_CHILD = "Jody Brackenridge"


class Browsers:
    """Pages in browsers of their own (fresh contexts: no shared cookies), one for each person. Every
    console error (CSP violations are reported as such) and uncaught page error is kept in `problems`."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.contexts: list[BrowserContext] = []
        self.problems: list[str] = []

    def open(self) -> Page:
        context = self.browser.new_context(locale="en-GB", timezone_id="Europe/London")
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                self.problems.append(f"{page.url}: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: {error}"))
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsers(browser: Browser) -> Iterator[Browsers]:
    opened = Browsers(browser)
    yield opened
    opened.close()


def sign_in(page: Page, base_url: str, user: User) -> None:
    """Sign in through the real pages: password, then the authenticator app's code."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    page.goto(f"{base_url}/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Security code").fill(current_code(device))
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base_url}/")


def group(page: Page, legend: str) -> Locator:
    """A fieldset, found by its legend."""
    return page.get_by_role("group", name=legend, exact=True)


def fill_date(page: Page, legend: str, date: dt.date) -> None:
    fieldset = group(page, legend)
    fieldset.get_by_label("Day").fill(str(date.day))
    fieldset.get_by_label("Month").fill(str(date.month))
    fieldset.get_by_label("Year").fill(str(date.year))


def error_summary(page: Page) -> Locator:
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    return summary


def row(table: Locator, text: str) -> Locator:
    return table.get_by_role("row").filter(has_text=text)


def test_screener_records_screens_and_routes_a_contact_to_the_right_worklists(
    live_server, browsers: Browsers, partnership, assessment_tool
) -> None:
    base = live_server.url
    today = timezone.localdate()
    page = browsers.open()
    sign_in(page, base, partnership["screener.nfd"])

    # --- Record a contact about a child new to CSE Hub ---------------------------------------------
    page.goto(f"{base}/contacts/new/")  # typed: no page links to it yet (only "Record a contact" for a known child)
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a contact")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Save contact").click()
    summary = error_summary(page)
    expect(summary).to_contain_text("Enter the child's first name")
    expect(summary).to_contain_text("Enter the concern, in the reporter's words")
    expect(summary).to_contain_text("Select whether any other children or young people are involved")
    assert_no_axe_violations(page)

    first, last = CHILD.split()
    page.get_by_label("First name", exact=True).fill(first)
    page.get_by_label("Last name", exact=True).fill(last)
    fill_date(page, "Date of birth (optional)", today.replace(year=today.year - 14) - dt.timedelta(days=30))
    group(page, "Gender").get_by_label("Female", exact=True).check()
    group(page, "Does the child have a learning disability?").get_by_label("No", exact=True).check()
    fill_date(page, "Date received", today - dt.timedelta(days=1))
    page.get_by_label("Time received").fill("14:30")
    group(page, "Who reported the concern?").get_by_label("Professional", exact=True).check()
    page.get_by_label("Their name (optional)").fill("Sam Okafor")
    page.get_by_label("Their job title (optional)").fill("Designated safeguarding lead")
    page.get_by_label("Their agency, if a partner agency").select_option(label="Northfield Academy")
    page.get_by_label("What is the concern?").fill(
        "Tamsin has been collected from school by a man in his twenties she calls her boyfriend. "
        "She has been out all night twice this month and gets messages from numbers nobody knows."
    )
    group(page, "Is the child at immediate risk?").get_by_label("No", exact=True).check()
    signs = group(page, "Warning signs seen")
    for sign in ("Going missing from home", "Associating with, or in a sexual relationship", "Odd calls or messages"):
        signs.get_by_label(sign).check()
    group(page, "Vulnerability factors known").get_by_label("Low self-esteem").check()
    group(page, "Grooming model, if known").get_by_label("The 'boyfriend' or pimp model").check()
    group(page, "Grooming stage, if known").get_by_label("Befriending", exact=True).check()
    group(page, "Where is it happening?").get_by_label("Both online and in person").check()
    page.get_by_label("Apps, sites or games named (optional)").fill("Snapchat, Instagram")
    other_children = "Are any other children or young people involved, as victims or perpetrators?"
    group(page, other_children).get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Save contact").click()

    # --- Name the other child ----------------------------------------------------------------------
    expect(page).to_have_url(re.compile(r"/contacts/\d+/linked-children/add/$"))
    contact_url = page.url.removesuffix("linked-children/add/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Name another child who may be involved")
    assert_no_axe_violations(page)

    linked_first, linked_last = LINKED_CHILD.split()
    page.get_by_label("First name", exact=True).fill(linked_first)
    page.get_by_label("Last name", exact=True).fill(linked_last)
    group(page, "Gender").get_by_label("Female", exact=True).check()
    group(page, "Does the child have a learning disability?").get_by_label("Not known", exact=True).check()
    group(page, "How may they be involved?").get_by_label("May also be a victim or at risk").check()
    page.get_by_role("button", name="Add child").click()

    # --- The contact page: cause for concern, and the linked child ---------------------------------
    expect(page).to_have_url(contact_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Concern about {CHILD}")
    cause = page.locator("#cause-for-concern")
    expect(cause.get_by_role("heading", name="Cause for concern")).to_be_visible()
    expect(cause).to_contain_text("3 warning signs were seen")
    linked = page.get_by_role("table", name="Other children named in this contact")
    expect(row(linked, LINKED_CHILD)).to_contain_text("May also be a victim or at risk")
    expect(linked.get_by_role("button", name=f"Screen {LINKED_CHILD}")).to_be_visible()
    assert_no_axe_violations(page)

    # --- Screen it: a new case; the contact's warning signs are already ticked ---------------------
    page.get_by_role("link", name="Screen this contact").click()
    expect(page).to_have_url(f"{contact_url}screen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Screen the contact")
    expect(page.get_by_label("Associating with, or in a sexual relationship with, older men or women")).to_be_checked()
    group(page, "What is the case status?").get_by_label("New case", exact=True).check()
    group(page, "3. Education").get_by_label("Picked up outside school by older people").check()
    page.get_by_label("Notes on education (optional)").fill("Seen by the school's gate staff on 3 occasions.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Continue").click()

    # --- Confirm a different level: the reason is required -----------------------------------------
    expect(page).to_have_url(re.compile(r"/screenings/\d+/confirm/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm the level of risk")
    suggestion = page.locator("#suggestion")
    expect(suggestion).to_contain_text("The tool suggests medium risk.")
    expect(suggestion.get_by_role("listitem").first).to_be_visible()
    levels = group(page, "What level of risk do you confirm?")
    # The practitioner chooses: nothing is pre-selected.
    expect(levels.get_by_label("Medium", exact=True)).not_to_be_checked()
    levels.get_by_label("High", exact=True).check()
    review_on = today + dt.timedelta(days=90)
    fill_date(page, "When should this assessment be reviewed?", review_on)
    page.get_by_role("button", name="Confirm and route").click()

    summary = error_summary(page)
    reason_error = summary.get_by_role("link", name="Enter why you confirm high when the tool suggests medium")
    expect(reason_error).to_have_attribute("href", "#id_reason")
    expect(levels.get_by_label("High", exact=True)).to_be_checked()  # what was entered is kept
    assert_no_axe_violations(page)

    reason = "She is being collected by an adult she calls her boyfriend: the control stage may have begun."
    page.get_by_label("Your reason").fill(reason)
    page.get_by_role("button", name="Confirm and route").click()

    # --- The decision and its tasks ----------------------------------------------------------------
    expect(page).to_have_url(re.compile(r"/screenings/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening decision")
    expect(page.get_by_text("High risk", exact=True)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("New case")
    expect(page.get_by_text(reason)).to_be_visible()
    tasks = page.get_by_role("table", name="Tasks from this screening")
    for title, team in (
        ("Transfer to the Children's First Response Team", "Children's Access Point"),
        ("Decide on a strategy meeting or a multi-agency meeting", "Children's First Response Team"),
        ("Refer to the Children and Families Assessment Team", "Children's First Response Team"),
        ("Refer to the Designated CSE worker", "Children and Families Assessment Team"),
        ("Refer to the Missing and Exploited Group (MEG)", "Children and Families Assessment Team"),
    ):
        expect(row(tasks, title)).to_contain_text(team)
    assert_no_axe_violations(page)

    # --- The linked child is screened in turn: a contact of their own ------------------------------
    page.goto(contact_url)
    page.get_by_role("button", name=f"Screen {LINKED_CHILD}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Concern about {LINKED_CHILD}")
    assert page.url != contact_url
    expect(page.get_by_role("link", name="Screen this contact")).to_be_visible()
    assert_no_axe_violations(page)

    # --- The screener's worklist: the transfer to do, and the linked child's contact to screen -----
    page.goto(f"{base}/tasks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your tasks")
    to_do = page.get_by_role("table", name="Tasks to do")
    expect(row(to_do, "Transfer to the Children's First Response Team")).to_contain_text(CHILD)
    to_screen = page.get_by_role("table", name="Contacts waiting to be screened, most urgent first")
    expect(to_screen).to_contain_text(LINKED_CHILD)
    expect(to_screen).not_to_contain_text(CHILD)  # screened
    assert_no_axe_violations(page)

    # The linked child, new to CSE Hub with no date of birth and nothing found: low risk, to Early Help.
    row(to_screen, LINKED_CHILD).get_by_role("link").click()
    page.get_by_role("link", name="Screen this contact").click()
    group(page, "What is the case status?").get_by_label("New case", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#suggestion")).to_contain_text("The tool suggests low risk.")
    group(page, "What level of risk do you confirm?").get_by_label("Low", exact=True).check()
    fill_date(page, "When should this assessment be reviewed?", review_on)
    page.get_by_label("The child's age, as best you know it").fill("15")  # asked for: no date of birth
    page.get_by_role("button", name="Confirm and route").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening decision")
    expect(page.get_by_text("Low risk", exact=True)).to_be_visible()
    tasks = page.get_by_role("table", name="Tasks from this screening")
    expect(row(tasks, "Complete an Early Help Assessment")).to_contain_text("Early Help Team")
    assert_no_axe_violations(page)

    # --- The Children's First Response Team: the meeting decision, and what waits on it -------------
    page = browsers.open()
    sign_in(page, base, partnership["firstresponse.nfd"])
    page.goto(f"{base}/tasks/")
    to_do = page.get_by_role("table", name="Tasks to do")
    expect(row(to_do, "Decide on a strategy meeting or a multi-agency meeting")).to_contain_text(CHILD)
    waiting = page.get_by_role("table", name="Tasks waiting for a finding")
    expect(row(waiting, "Refer to the Children and Families Assessment Team")).to_contain_text(
        "if the meeting confirms medium or high risk"
    )
    expect(page.get_by_role("main")).not_to_contain_text("Transfer to the Children's First Response Team")
    expect(page.get_by_role("main")).not_to_contain_text(LINKED_CHILD)  # low risk: Early Help's
    assert_no_axe_violations(page)

    page.get_by_role("navigation", name="Worklists").get_by_role("link", name="Children's First Response Team").click()
    expect(page).to_have_url(re.compile(r"/tasks/\?team=\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Children's First Response Team: tasks")
    expect(row(page.get_by_role("table", name="Tasks to do"), "Decide on a strategy meeting")).to_contain_text(CHILD)
    assert_no_axe_violations(page)

    # --- Early Help: the low-risk linked child is theirs; the high-risk new case is not ---------------
    page = browsers.open()
    sign_in(page, base, partnership["earlyhelp.nfd"])
    page.goto(f"{base}/tasks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your tasks")
    expect(row(page.get_by_role("table", name="Tasks to do"), "Complete an Early Help Assessment")).to_contain_text(
        LINKED_CHILD
    )
    expect(page.get_by_role("main")).not_to_contain_text(CHILD)
    assert_no_axe_violations(page)

    assert browsers.problems == [], "console or page errors during the journey:\n" + "\n".join(browsers.problems)
