"""A whole MEG in a real browser (issue 4): the generated agenda, the chair and attendance, a safeguarding
action, the meeting held, the minutes written and approved by the chair, and the agenda pack
downloaded: the PDF opens and lists every medium and high risk child of the area, and no other."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Agency, AgencyKind, Area, User
from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from audit.models import AccessAction, AccessEvent
from children.models import Child
from meetings.models import Action, MeetingStatus, MegSchedule, Minutes
from meetings.services.schedule import meg_meetings_schedule
from tests.background import run_queued_tasks
from tests.browser.axe import assert_no_axe_violations
from tests.browser.session import sign_in
from tests.pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _levels(area: Area, other_area: Area, by: User) -> dict[str, list[Child]]:
    """Medium and high risk children in the MEG's area; a low one there; a high one elsewhere."""
    here = list(Child.objects.filter(responsible_authority=area).order_by("reference")[:3])
    elsewhere = Child.objects.filter(responsible_authority=other_area).order_by("reference").first()
    assert len(here) == 3
    assert elsewhere is not None
    levels = [(here[0], RiskLevel.HIGH), (here[1], RiskLevel.MEDIUM), (here[2], RiskLevel.LOW), (elsewhere, "high")]
    for child, level in levels:
        risk_level_record(child=child, level=RiskLevel(level), by=by, source=RiskLevelSource.ASSESSMENT)
    return {"on_agenda": here[:2], "not_on_agenda": [here[2], elsewhere]}


@pytest.mark.any_moment
def test_a_meg_from_its_generated_agenda_to_the_downloaded_pack(live_server, page: Page, partnership) -> None:
    support, chair = partnership["megsupport.nfd"], partnership["megchair"]
    area = support.teams.get().agency.area
    children = _levels(area, Area.objects.exclude(pk=area.pk).get(), support)
    first = children["on_agenda"][0]
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10), location="Civic Centre")
    meeting = meg_meetings_schedule(area=area, months=2)[0]
    school = Agency.objects.get(area=area, kind=AgencyKind.EDUCATION)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    base = live_server.url

    # Business support opens the next MEG: its agenda built itself.
    sign_in(page, base, support)
    page.goto(f"{base}/meetings/")
    page.locator("table").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("MEG")
    for child in children["on_agenda"]:
        expect(page.get_by_role("link", name=child.full_name, exact=True)).to_be_visible()
    for child in children["not_on_agenda"]:
        expect(page.get_by_role("link", name=child.full_name, exact=True)).to_have_count(0)
    assert_no_axe_violations(page)

    # The chair, an invited agency, and who came.
    page.get_by_role("link", name="Meeting record").click()
    page.get_by_role("link", name="Change the chair").click()
    page.get_by_label("Who chairs the meeting?").select_option(label=f"{chair.display_name}, {chair.job_title}")
    page.get_by_role("button", name="Save the chair").click()
    page.get_by_role("link", name="Invite an agency or person").first.click()
    assert_no_axe_violations(page)
    page.get_by_label("Agency", exact=True).select_option(label=school.name)
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_text(school.name).first).to_be_visible()
    page.get_by_role("link", name="Record attendance").click()
    page.get_by_role("group", name=school.name).get_by_label("Attended").check()
    page.get_by_role("button", name="Save attendance").click()
    assert_no_axe_violations(page)

    # A safeguarding action for the first child, owned by the school.
    page.goto(f"{base}/meetings/{meeting.pk}/")
    page.get_by_role("row").filter(has=page.get_by_role("link", name=first.full_name, exact=True)).get_by_role(
        "link", name="Safeguarding plan"
    ).click()
    page.get_by_role("button", name="Start a safeguarding plan").click()
    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("What will be done?").fill("Daily check-in with the school's safeguarding lead")
    page.get_by_label("Agency that will do it").select_option(label=school.name)
    due = dt.date.today() + dt.timedelta(days=21)  # noqa: DTZ011 (the browser's date, as a user would type it)
    fieldset = page.get_by_role("group", name="Date the action is due")
    fieldset.get_by_label("Day").fill(str(due.day))
    fieldset.get_by_label("Month").fill(str(due.month))
    fieldset.get_by_label("Year").fill(str(due.year))
    page.get_by_label("Support or intervention for the child or family").check()
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Add an action")
    expect(page.get_by_text("Daily check-in with the school's safeguarding lead")).to_be_visible()
    assert_no_axe_violations(page)
    assert Action.objects.get().owning_agency == school

    # The meeting is held: its agenda is kept as it stood.
    page.goto(f"{base}/meetings/{meeting.pk}/hold/")
    page.get_by_role("button", name="Record as held").click()
    page.goto(f"{base}/meetings/{meeting.pk}/minutes/edit/")
    assert_no_axe_violations(page)
    page.get_by_label("Decisions").first.fill("Stays on the agenda at high risk; disruption of the takeaway continues.")
    page.get_by_role("button", name="Save the draft").click()

    # The chair approves the minutes; they are locked.
    sign_in(page, base, chair)
    page.goto(f"{base}/meetings/{meeting.pk}/minutes/")
    page.get_by_role("link", name="read and approve version 1").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Approve version 1").click()
    expect(page.get_by_text("Stays on the agenda at high risk").first).to_be_visible()
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.approved
    assert minutes.approved_by == chair
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED

    # The agenda pack: a PDF with every medium and high risk child of the area, and no other.
    # Asked for on its page, made by the background worker, offered when ready.
    page.goto(f"{base}/meetings/{meeting.pk}/pack/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Prepare the agenda pack").click()
    expect(page.get_by_text("The pack is being prepared")).to_be_visible()
    assert_no_axe_violations(page)
    assert run_queued_tasks() == 1
    page.reload()
    expect(page.get_by_text("The pack is ready")).to_be_visible()
    assert_no_axe_violations(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the agenda pack (PDF)").click()
    data = download_info.value.path().read_bytes()
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "OFFICIAL-SENSITIVE" in text
    for child in children["on_agenda"]:
        assert child.full_name in text, child.full_name
    for child in children["not_on_agenda"]:
        assert child.full_name not in text, child.full_name
    export = AccessEvent.objects.filter(user=chair, action=AccessAction.EXPORT).get()
    assert sorted(export.object_ids) == sorted(str(child.id) for child in children["on_agenda"])
    assert errors == []
