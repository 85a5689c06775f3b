"""What each agency must bring to a planned MEG (issue 4, item 2): its own open actions, the requests
addressed to it, and the agenda's children it works with; never another agency's."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Agency, AgencyKind, Role
from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from audit.models import AccessEvent
from children.models import CaseAllocation, Child
from meetings.models import Action, AgencyRequest, MeetingStatus, MegSchedule
from meetings.services.plans import action_create, plan_for_child_get_or_create
from meetings.services.schedule import meg_meetings_schedule


def agency_of(user):
    return user.teams.select_related("agency").get().agency


@pytest.fixture
def setting(partnership):
    """Two high risk Northfield children: the school works with the first only; actions and requests
    for the school and for health."""
    support, teacher, nurse = partnership["megsupport.nfd"], partnership["teacher.nfd"], partnership["schoolnurse.nfd"]
    school, health = agency_of(teacher), agency_of(nurse)
    area = school.area
    worked_with, other = Child.objects.filter(responsible_authority=area).order_by("reference")[:2]
    for child in (worked_with, other):
        risk_level_record(
            child=child, level=RiskLevel.HIGH, by=partnership["screener.nfd"], source=RiskLevelSource.ASSESSMENT
        )
    school_members = CaseAllocation.objects.filter(user__memberships__team__agency=school, ended_at__isnull=True)
    school_members.filter(child=other).update(ended_at=timezone.now())
    if not school_members.filter(child=worked_with).exists():
        CaseAllocation.objects.create(child=worked_with, user=teacher, role=Role.LEAD_WORKER)
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10))
    meeting = meg_meetings_schedule(area=area, months=2)[0]
    plan = plan_for_child_get_or_create(child=worked_with, by=support)
    due = timezone.localdate() + dt.timedelta(days=10)
    late = action_create(
        plan=plan,
        by=support,
        description="School attendance report",
        tactic="support",
        owning_agency=school,
        due_on=due,
    )
    Action.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(days=3))
    action_create(
        plan=plan, by=support, description="Sexual health drop-in", tactic="support", owning_agency=health, due_on=due
    )
    AgencyRequest.objects.create(
        meeting=meeting, agency=school, request="Bring the attendance figures", created_by=support
    )
    AgencyRequest.objects.create(meeting=meeting, agency=health, request="Bring the clinic notes", created_by=support)
    return {"meeting": meeting, "school": school, "health": health, "worked_with": worked_with, "other": other}


def test_a_teacher_sees_only_their_schools_list(signed_in, partnership, setting):
    meeting = setting["meeting"]
    web = signed_in(partnership["teacher.nfd"])
    page = web.get(f"/meetings/{meeting.pk}/bring/").content.decode()
    assert f"What {setting['school'].name} must bring" in page
    assert "School attendance report" in page
    assert "1 overdue" in page
    assert "Bring the attendance figures" in page
    assert setting["worked_with"].full_name in page
    assert setting["other"].full_name not in page
    assert "Sexual health drop-in" not in page
    assert "Bring the clinic notes" not in page
    # Asking for another agency's list changes nothing.
    again = web.get(f"/meetings/{meeting.pk}/bring/?agency={setting['health'].pk}").content.decode()
    assert "Bring the clinic notes" not in again
    assert "Bring the attendance figures" in again


def test_the_nurse_sees_healths_list(signed_in, partnership, setting):
    page = signed_in(partnership["schoolnurse.nfd"]).get(f"/meetings/{setting['meeting'].pk}/bring/").content.decode()
    assert "Sexual health drop-in" in page
    assert "Bring the clinic notes" in page
    assert "School attendance report" not in page


def test_business_support_chooses_any_agency(signed_in, partnership, setting):
    web = signed_in(partnership["megsupport.nfd"])
    url = f"/meetings/{setting['meeting'].pk}/bring/"
    page = web.get(f"{url}?agency={setting['health'].pk}").content.decode()
    assert "Bring the clinic notes" in page
    assert "Bring the attendance figures" not in page
    assert 'name="agency"' in page
    licensing = Agency.objects.get(area=setting["school"].area, kind=AgencyKind.LICENSING)
    assert licensing.name in page  # every agency serving the area is offered
    school_page = web.get(f"{url}?agency={setting['school'].pk}").content.decode()
    assert setting["worked_with"].full_name in school_page


def test_the_list_is_for_the_areas_agencies_and_a_planned_meeting(signed_in, partnership, setting):
    meeting = setting["meeting"]
    assert signed_in(partnership["teacher.sdl"]).get(f"/meetings/{meeting.pk}/bring/").status_code == 404
    police = signed_in(partnership["intel"]).get(f"/meetings/{meeting.pk}/bring/")
    assert police.status_code == 200  # the police serve every area
    assert "School attendance report" not in police.content.decode()
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["status"])
    assert signed_in(partnership["teacher.nfd"]).get(f"/meetings/{meeting.pk}/bring/").status_code == 404


def test_the_read_is_logged(signed_in, partnership, setting):
    child = setting["worked_with"]

    def naming() -> int:
        return sum(1 for event in AccessEvent.objects.all() if str(child.pk) in event.object_ids)

    before = naming()
    signed_in(partnership["teacher.nfd"]).get(f"/meetings/{setting['meeting'].pk}/bring/")
    assert naming() == before + 1


@pytest.mark.any_moment
def test_each_agency_finds_its_list_from_its_actions_page(signed_in, partnership, setting):
    link = f'href="/meetings/{setting["meeting"].pk}/bring/"'
    assert link in signed_in(partnership["teacher.nfd"]).get("/meetings/actions/").content.decode()
    assert link in signed_in(partnership["intel"]).get("/meetings/actions/").content.decode()
    assert link not in signed_in(partnership["teacher.sdl"]).get("/meetings/actions/").content.decode()
