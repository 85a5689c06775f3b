"""One child's case, walked through the pages in a real headless Chromium (the issue's "Done when"): a
teacher's referral, the front door's match and screening, the allocation of a social worker, a missing
episode, a case note, a strategy meeting that determines medium risk, the referrals it releases, the
MEG, a review that finds low risk, the step-down to Early Help, the end of the support, and the
closure. Each step is done by the person whose step it is, in a browser of their own, and after each
step the next person's page shows them the child or the task. Every page visited is checked with
axe-core under the real CSP, and the walk must raise no console or page errors."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect
from time_machine import TimeMachineFixture

from accounts.models import User
from meetings.models import MegSchedule
from meetings.services.schedule import meg_meetings_schedule
from tests.browser.axe import assert_no_axe_violations
from tests.browser.session import sign_in
from tests.browser.test_front_door_journey import Browsers, browsers, error_summary, fill_date, group, row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

__all__ = ["browsers"]  # the fixture, imported for this module's test

CHILD = "Shona Threlkeld"
FIRST_NAME, LAST_NAME = CHILD.split()
CONCERN = (
    "Shona has been picked up from the school gate three times this month by a man in his twenties in a "
    "grey car. She has a new phone she will not explain and was absent on Monday morning."
)


def _heading(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def _visit(page: Page, url: str) -> None:
    page.goto(url)
    assert_no_axe_violations(page)


def _open_task(page: Page, base: str, title: str) -> str:
    """Open a task from the worker's own worklist; return the task page's address."""
    _visit(page, f"{base}/tasks/")
    expect(_heading(page)).to_have_text("Your tasks")
    to_do = page.get_by_role("table", name="Tasks to do")
    expect(row(to_do, title)).to_contain_text(CHILD)
    row(to_do, title).get_by_role("link", name=title).click()
    expect(_heading(page)).to_have_text(title)
    assert_no_axe_violations(page)
    return page.url


def _mark_done(page: Page, base: str) -> None:
    page.get_by_role("button", name="Mark as done").click()
    expect(page).to_have_url(f"{base}/tasks/")
    assert_no_axe_violations(page)


def _open_child(page: Page, link_in: Locator) -> str:
    link_in.get_by_role("link", name=CHILD, exact=True).click()
    expect(_heading(page)).to_contain_text(CHILD)
    assert_no_axe_violations(page)
    return page.url


def _section_textarea(page: Page, heading_text: str, nth: int) -> Locator:
    """The nth text box (1: discussion, 2: decisions) under an agenda item's heading in the minutes."""
    heading = page.get_by_role("heading", level=2).filter(has_text=heading_text)
    return heading.locator(f"xpath=following-sibling::div[contains(@class, 'govuk-form-group')][{nth}]//textarea")


def test_one_childs_case_from_a_teachers_referral_to_its_closure(
    live_server, browsers: Browsers, partnership, assessment_tool, time_machine: TimeMachineFixture
) -> None:
    base = live_server.url
    today = timezone.localdate()
    teacher, screener = partnership["teacher.nfd"], partnership["screener.nfd"]
    first_response, assessment = partnership["firstresponse.nfd"], partnership["assessment.nfd"]
    cse_worker, early_help = partnership["cseworker.nfd"], partnership["earlyhelp.nfd"]
    meg_support, meg_chair = partnership["megsupport.nfd"], partnership["megchair"]
    first_response_manager, early_help_manager = partnership["frtmanager.nfd"], partnership["ehmanager.nfd"]
    people: dict[int, Page] = {}

    def as_(user: User) -> Page:
        """The person's own browser, signed in: each person keeps theirs through the walk."""
        if user.pk not in people:
            people[user.pk] = browsers.open()
            sign_in(people[user.pk], base, user)
        return people[user.pk]

    def clock_moves_to(moment: dt.datetime) -> None:
        """Time passes: the sessions have long timed out, so everyone signs in again."""
        time_machine.move_to(moment, tick=True)
        people.clear()

    # The area's MEG sits on the first Tuesday of the month (set up as the MEG journey does).
    area = meg_support.teams.get().agency.area
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10), location="Civic Centre")
    meg = meg_meetings_schedule(area=area, months=2)[0]

    # --- 1. The teacher refers a child the school is worried about ----------------------------------
    page = as_(teacher)
    _visit(page, f"{base}/referrals/new/")
    expect(_heading(page)).to_have_text("Refer a child to the front door")
    page.get_by_label("First name", exact=True).fill(FIRST_NAME)
    page.get_by_label("Last name", exact=True).fill(LAST_NAME)
    fill_date(page, "Date of birth (optional)", today.replace(year=today.year - 14) - dt.timedelta(days=40))
    group(page, "Gender").get_by_label("Female", exact=True).check()
    page.get_by_label("School or college (optional)").fill("Northfield Academy")
    page.get_by_label("What is your concern?").fill(CONCERN)
    group(page, "Is the child at immediate risk?").get_by_label("No", exact=True).check()
    signs = group(page, "Warning signs seen")
    for sign in ("Going missing from home", "Associating with, or in a sexual relationship", "Odd calls or messages"):
        signs.get_by_label(sign).check()
    page.get_by_role("button", name="Send referral").click()
    expect(page.get_by_role("heading", name="Referral sent")).to_be_visible()
    reference = page.locator(".govuk-panel__body strong").inner_text()
    assert_no_axe_violations(page)
    _visit(page, f"{base}/referrals/")
    expect(row(page.get_by_role("table", name="Referrals you made, newest first"), reference)).to_contain_text(
        "Waiting for the front door"
    )

    # --- 2. The front door matches it to a new record, and screens it: a new case at medium risk ----
    page = as_(screener)
    _visit(page, f"{base}/tasks/")
    to_match = page.get_by_role("table", name="Referrals to match to a child, immediate risk first, then oldest")
    expect(row(to_match, reference)).to_contain_text(CHILD)
    row(to_match, reference).get_by_role("link", name=reference).click()
    expect(_heading(page)).to_have_text(reference)
    assert_no_axe_violations(page)
    group(page, "Which child is this referral about?").get_by_label(
        "A child not yet recorded: make a new record from the referral"
    ).check()
    page.get_by_role("button", name="Record the contact").click()
    expect(page).to_have_url(re.compile(r"/contacts/\d+/$"))
    expect(_heading(page)).to_have_text(f"Concern about {CHILD}")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Screen this contact").click()
    expect(_heading(page)).to_have_text("Screen the contact")
    group(page, "What is the case status?").get_by_label("New case", exact=True).check()
    group(page, "3. Education").get_by_label("Picked up outside school by older people").check()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Continue").click()
    expect(_heading(page)).to_have_text("Confirm the level of risk")
    expect(page.locator("#suggestion")).to_contain_text("The tool suggests medium risk.")
    assert_no_axe_violations(page)
    group(page, "What level of risk do you confirm?").get_by_label("Medium", exact=True).check()
    fill_date(page, "When should this assessment be reviewed?", today + dt.timedelta(days=90))
    page.get_by_role("button", name="Confirm and route").click()
    expect(_heading(page)).to_have_text("Screening decision")
    tasks = page.get_by_role("table", name="Tasks from this screening")
    expect(row(tasks, "Transfer to the Children's First Response Team")).to_contain_text("Children's Access Point")
    expect(row(tasks, "Decide on a strategy meeting or a multi-agency meeting")).to_contain_text(
        "Children's First Response Team"
    )
    assert_no_axe_violations(page)

    # The front door hands the case over: its transfer task is done.
    _open_task(page, base, "Transfer to the Children's First Response Team")
    _mark_done(page, base)
    expect(page.get_by_role("main")).not_to_contain_text("Transfer to the Children's First Response Team")

    # The teacher sees that the front door has it, and nothing about the record it was matched to.
    page = as_(teacher)
    _visit(page, f"{base}/referrals/")
    expect(row(page.get_by_role("table", name="Referrals you made, newest first"), reference)).to_contain_text(
        "Recorded by the front door"
    )

    # --- 3. The First Response Team's manager allocates a social worker -----------------------------
    page = as_(first_response_manager)
    _visit(page, f"{base}/caseload/team/")
    child_url = _open_child(page, page.get_by_role("main"))
    page.get_by_role("link", name=f"Allocations of {FIRST_NAME}").click()
    expect(_heading(page)).to_have_text("Allocations")
    expect(page.locator("#no-current-allocation")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Worker to allocate").select_option(
        label=f"{first_response.display_name}, social worker (Children's First Response Team)"
    )
    page.get_by_role("button", name="Allocate").click()
    current = page.get_by_role("table", name="Workers allocated now")
    expect(current).to_contain_text(first_response.display_name)
    assert_no_axe_violations(page)

    # --- 4. The allocated social worker records a missing episode, and a case note ------------------
    page = as_(first_response)
    _visit(page, f"{base}/")
    caseload = page.get_by_role("table", name="Children allocated to you")
    assert _open_child(page, caseload) == child_url
    page.get_by_role("link", name="Record a missing episode").click()
    expect(_heading(page)).to_have_text("Record a missing episode")
    assert_no_axe_violations(page)
    went, back = today - dt.timedelta(days=3), today - dt.timedelta(days=2)
    fill_date(page, "Date they went missing", went)
    page.get_by_label("Time they went missing").fill("21:30")
    group(page, "Who reported the child missing?").get_by_label("Parent or carer").check()
    page.get_by_label("Their name or role (optional unless someone else)").fill("Mother")
    fill_date(page, "Date they came back", back)
    page.get_by_label("Time they came back").fill("07:15")
    page.get_by_label("Where were they found? (if they have come back)").fill("Northfield bus station")
    page.get_by_role("button", name="Record the missing episode").click()
    expect(_heading(page)).to_contain_text(CHILD)
    expect(page.get_by_role("main")).to_contain_text("Northfield bus station")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Add a case note").click()
    expect(_heading(page)).to_have_text("Add a case note")
    fill_date(page, "Date it happened", today - dt.timedelta(days=1))
    page.get_by_label("Time it happened").fill("16:00")
    group(page, "Who gave the information?").get_by_label("The child", exact=True).check()
    note = "Shona said the man in the grey car is 'just a friend of my cousin' and that he buys her food."
    page.get_by_label("What were you told, or what did you see?").fill(note)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Record the case note").click()
    expect(_heading(page)).to_contain_text(CHILD)
    expect(page.get_by_text(note)).to_be_visible()
    assert_no_axe_violations(page)

    # --- 5. The First Response Team decides on a strategy meeting, holds it, and it finds medium ----
    decision_url = _open_task(page, base, "Decide on a strategy meeting or a multi-agency meeting")
    group(page, "What did you decide?").get_by_label("Hold a strategy meeting (child protection procedures)").check()
    _mark_done(page, base)
    waiting = page.get_by_role("table", name="Tasks waiting for a finding")
    expect(row(waiting, "Refer to the Children and Families Assessment Team")).to_contain_text(CHILD)

    page.goto(decision_url)
    page.get_by_role("link", name="Arrange the meeting").click()
    expect(_heading(page)).to_have_text("Arrange a strategy meeting / multi-agency meeting")
    expect(group(page, "Which meeting was decided on?").get_by_label("Strategy meeting")).to_be_checked()
    assert_no_axe_violations(page)
    meeting_day = today + dt.timedelta(days=1)
    fill_date(page, "Date of the meeting", meeting_day)
    page.get_by_label("Time it starts").fill("10:00")
    page.get_by_label("Where is it held?").fill("Room 2, Northfield Civic Centre")
    page.get_by_role("button", name="Arrange the meeting").click()
    expect(page).to_have_url(re.compile(r"/meetings/\d+/record/$"))
    meeting_url = page.url
    assert_no_axe_violations(page)

    # The next day, after the meeting: it is recorded as held, with what it determined.
    tz = timezone.get_current_timezone()
    clock_moves_to(dt.datetime.combine(meeting_day, dt.time(12), tzinfo=tz))
    page = as_(first_response)
    _visit(page, child_url)
    expect(page.get_by_role("main")).to_contain_text("Strategy meeting")  # under "Meetings and plans"
    _visit(page, meeting_url)
    page.get_by_role("link", name="Record as held").click()
    expect(_heading(page)).to_have_text("Record the meeting as held")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Record as held").click()
    page.get_by_role("link", name="Record the outcome").click()
    expect(_heading(page)).to_have_text("Record the meeting's outcome")
    assert_no_axe_violations(page)
    group(page, "What level of risk did the meeting determine?").get_by_label("Medium", exact=True).check()
    page.get_by_label("What did the meeting decide?").fill(
        "Medium risk: the grey car is to be identified by the police; Shona is referred to the Designated "
        "CSE worker and to the MEG."
    )
    page.get_by_role("button", name="Record the outcome").click()
    expect(page).to_have_url(re.compile(r"/meetings/\d+/record/$"))
    assert_no_axe_violations(page)

    # The referral to the Children and Families Assessment Team is now due: the case moves to them.
    _open_task(page, base, "Refer to the Children and Families Assessment Team")
    _mark_done(page, base)

    # --- 6. The Assessment Team refers to the Designated CSE worker and to the MEG ------------------
    page = as_(assessment)
    _open_task(page, base, "Refer to the Designated CSE worker")
    _mark_done(page, base)
    _open_task(page, base, "Refer to the Missing and Exploited Group (MEG)")
    _mark_done(page, base)

    # The Designated CSE worker has the child on their caseload.
    page = as_(cse_worker)
    _visit(page, f"{base}/")
    expect(page.get_by_role("table", name="Children allocated to you")).to_contain_text(CHILD)

    # --- 7. The MEG: the child is on the agenda; it is held, minuted and the minutes approved --------
    clock_moves_to(meg.starts_at + dt.timedelta(hours=2))  # the day of the MEG, after it sat
    page = as_(meg_support)
    _visit(page, f"{base}/meetings/")
    row(page.locator("table"), "Missing and Exploited Group (MEG)").first.get_by_role("link").first.click()
    expect(_heading(page)).to_contain_text("MEG")
    meg_url = page.url
    expect(page.get_by_role("link", name=CHILD, exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Meeting record").click()
    page.get_by_role("link", name="Change the chair").click()
    assert_no_axe_violations(page)
    page.get_by_label("Who chairs the meeting?").select_option(label=f"{meg_chair.display_name}, {meg_chair.job_title}")
    page.get_by_role("button", name="Save the chair").click()
    page.get_by_role("link", name="Record as held").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Record as held").click()
    _visit(page, meg_url.removesuffix("/") + "/minutes/edit/")
    _section_textarea(page, CHILD, 1).fill("The Designated CSE worker has started direct work; Shona engages.")
    _section_textarea(page, CHILD, 2).fill("Stays on the agenda at medium risk; review the assessment in 4 weeks.")
    page.get_by_role("button", name="Save the draft").click()
    assert_no_axe_violations(page)

    page = as_(meg_chair)
    _visit(page, f"{base}/tasks/")
    approve = page.get_by_role("table", name="Minutes awaiting your approval, the longest waiting first")
    approve.get_by_role("link", name=re.compile(r"^Approve the minutes")).click()
    expect(_heading(page)).to_have_text("Approve the minutes")
    expect(page.get_by_role("main")).to_contain_text("Stays on the agenda at medium risk")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Approve version 1").click()
    expect(page.get_by_text("Stays on the agenda at medium risk").first).to_be_visible()
    assert_no_axe_violations(page)

    # --- 8. Four weeks on, the case-holding team reviews the risk assessment: low; stepped down -----
    clock_moves_to(meg.starts_at + dt.timedelta(days=28))
    page = as_(assessment)
    _visit(page, child_url)
    expect(page.get_by_role("main")).to_contain_text("Stays on the agenda at medium risk")  # the MEG's decision
    page.get_by_role("link", name="Review the risk assessment").click()
    expect(_heading(page)).to_have_text("Review the risk assessment")
    ticked = page.locator("input[type=checkbox]:checked")  # the last assessment's answers, ticked again
    expect(ticked.first).to_be_visible()
    while ticked.count():
        ticked.first.uncheck()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Continue").click()
    expect(_heading(page)).to_have_text("Confirm the level of risk")
    expect(page.locator("#suggestion")).to_contain_text("The tool suggests low risk.")
    group(page, "What level of risk do you confirm?").get_by_label("Low", exact=True).check()
    fill_date(page, "When should this assessment be reviewed?", timezone.localdate() + dt.timedelta(days=90))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Confirm the level").click()
    assert_no_axe_violations(page)

    _open_task(page, base, "Step down to Early Help support")
    group(page, "How will Early Help support the child?").get_by_label("Stepped down to Early Help").check()
    _mark_done(page, base)

    # --- 9. Early Help supports the child; when the support ends, they review it --------------------
    page = as_(early_help)
    _visit(page, f"{base}/tasks/")
    support_ends = row(page.get_by_role("table", name="Tasks to do"), "Review the child as the Early Help support ends")
    expect(support_ends).to_contain_text(CHILD)
    due = dt.datetime.strptime(support_ends.get_by_role("cell").nth(3).inner_text().strip(), "%d %b %Y %H:%M").replace(
        tzinfo=timezone.get_current_timezone()
    )
    clock_moves_to(due - dt.timedelta(hours=1))  # the morning the support ends
    page = as_(early_help)
    _open_task(page, base, "Review the child as the Early Help support ends")
    page.get_by_label("Note (optional)").fill("Three months of support: no new concerns, attending school.")
    _mark_done(page, base)

    # --- 10. The Early Help manager closes the case ----------------------------------------------
    page = as_(early_help_manager)
    _visit(page, f"{base}/caseload/team/")
    assert _open_child(page, page.get_by_role("main")) == child_url
    page.get_by_role("link", name="Close the case").click()
    expect(_heading(page)).to_have_text("Close the case")
    refusals = page.locator("#closure-refusals")
    assert refusals.count() == 0, refusals.inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Close the case").click()
    error_summary(page)
    assert_no_axe_violations(page)
    page.get_by_label("Why is the case being closed?").fill(
        "Risk low since the review; three months of Early Help support ended well. School keeps watch."
    )
    page.get_by_role("button", name="Close the case").click()
    expect(page).to_have_url(child_url)
    expect(page.locator("#case-closed")).to_contain_text(f"by {early_help_manager.display_name}")
    expect(page.get_by_role("link", name="Close the case")).to_have_count(0)
    assert_no_axe_violations(page)

    assert browsers.problems == [], "console or page errors during the walk:\n" + "\n".join(browsers.problems)
