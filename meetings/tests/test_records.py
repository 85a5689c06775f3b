"""A meeting's record through the pages: arranging a strategy meeting from the front door's decision,
inviting agencies and people, attendance, what agencies must bring, and holding it (which freezes the
agenda, once)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Agency, AgencyKind
from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from audit.models import AccessEvent
from children.access import child_visible_queryset
from children.models import Child
from frontdoor.models import Task, TaskStatus
from frontdoor.routing import Owner, TaskCode
from meetings.models import AgendaItem, Meeting, MeetingKind, MeetingParticipant, MeetingStatus, MegSchedule
from meetings.selectors.agenda import meeting_agenda
from meetings.services.records import (
    agency_request_create,
    attendance_record,
    meeting_chair_set,
    meeting_hold,
    participant_invite,
)
from meetings.services.schedule import meg_meetings_schedule


def page(response) -> str:
    return str(response.content.decode())


def events_for(child_id, action: str) -> int:
    events = AccessEvent.objects.filter(object_type="child", action=action).values_list("object_ids", flat=True)
    return sum(str(child_id) in ids for ids in events)


def next_week_parts() -> dict[str, str]:
    day = timezone.localdate() + dt.timedelta(days=7)
    return {"date_day": str(day.day), "date_month": str(day.month), "date_year": str(day.year)}


@pytest.fixture
def area(partnership):
    return partnership["megsupport.nfd"].teams.get().agency.area


@pytest.fixture
def sw_child(partnership):
    child = child_visible_queryset(partnership["socialworker.nfd"]).order_by("reference").first()
    assert child is not None
    return child


@pytest.fixture
def decision_task(partnership, sw_child):
    return Task.objects.create(
        child=sw_child,
        code=TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING,
        owner=Owner.TEAM_MANAGER,
        team=partnership["socialworker.nfd"].teams.get(),
        status=TaskStatus.OPEN,
        reason="New concerns discussed with the team manager.",
        outcome={"meeting": "strategy_meeting"},
    )


@pytest.fixture
def megs(area):
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10), location="Town hall")
    return meg_meetings_schedule(area=area, months=2)


def level(child: Child, value: RiskLevel, by) -> None:
    risk_level_record(child=child, level=value, by=by, source=RiskLevelSource.ASSESSMENT)


def nfd_children() -> list[Child]:
    return list(Child.objects.filter(responsible_authority__code__iexact="nfd").order_by("reference"))


# --- Arranging a strategy or multi-agency meeting -------------------------------------------------


def test_the_social_worker_arranges_a_strategy_meeting(signed_in, partnership, sw_child, decision_task):
    worker = partnership["socialworker.nfd"]
    manager = partnership["teammanager.nfd"]
    web = signed_in(worker)
    url = f"/meetings/arrange/{sw_child.id}/?task={decision_task.pk}"
    form = page(web.get(url))
    assert "Arrange a strategy meeting / multi-agency meeting" in form
    assert sw_child.full_name in form
    assert 'value="strategy" checked' in form  # the front door's decision is preselected
    assert events_for(sw_child.id, "view") == 1
    response = web.post(
        url, {"kind": "strategy", **next_week_parts(), "time": "14:30", "location": "Room 4", "chair": manager.pk}
    )
    meeting = Meeting.objects.get(child=sw_child)
    assert response["Location"] == f"/meetings/{meeting.pk}/record/"
    assert (meeting.kind, meeting.area, meeting.task, meeting.chair) == (
        MeetingKind.STRATEGY,
        sw_child.responsible_authority,
        decision_task,
        manager,
    )
    assert timezone.localtime(meeting.starts_at).time() == dt.time(14, 30)
    assert sw_child.chronology.filter(kind="meeting", summary__icontains="strategy meeting arranged").exists()
    record = page(web.get(f"/meetings/{meeting.pk}/record/"))
    assert "Strategy meeting" in record
    assert sw_child.full_name in record
    assert manager.display_name in record
    assert events_for(sw_child.id, "list") == 1


def test_someone_who_cannot_see_the_child_cannot_arrange_a_meeting(signed_in, partnership, sw_child, decision_task):
    outsider = partnership["socialworker.sdl"]
    assert not child_visible_queryset(outsider).filter(pk=sw_child.pk).exists()
    web = signed_in(outsider)
    assert web.get(f"/meetings/arrange/{sw_child.id}/").status_code == 404
    response = web.post(f"/meetings/arrange/{sw_child.id}/", {"kind": "strategy", **next_week_parts(), "time": "10:00"})
    assert response.status_code == 404
    assert not Meeting.objects.exists()


def test_a_task_of_another_child_is_not_found(signed_in, partnership, sw_child, decision_task):
    other = Child.objects.exclude(pk=sw_child.pk).filter(responsible_authority=sw_child.responsible_authority).first()
    decision_task.child = other
    decision_task.save()
    web = signed_in(partnership["socialworker.nfd"])
    assert web.get(f"/meetings/arrange/{sw_child.id}/?task={decision_task.pk}").status_code == 404


def test_arranging_with_bad_input_names_each_problem_and_saves_nothing(signed_in, partnership, sw_child):
    web = signed_in(partnership["socialworker.nfd"])
    body = page(web.post(f"/meetings/arrange/{sw_child.id}/", {"time": "25:61"}))
    assert "<title>Error: " in body
    for message in (
        "Select a strategy meeting or a multi-agency meeting",
        "Enter the date of the meeting",
        "Enter the time as hours and minutes, like 14:30",
        "Enter where the meeting is held",
    ):
        assert message in body
    body = page(
        web.post(
            f"/meetings/arrange/{sw_child.id}/",
            {"kind": "multi_agency", "date_day": "31", "date_month": "2", "date_year": "2027", "location": "x"},
        )
    )
    assert "Date of the meeting must be a real date" in body
    assert "Enter the time the meeting starts" in body
    assert not Meeting.objects.exists()
    assert not sw_child.chronology.filter(kind="meeting").exists()


# --- The record of a MEG -----------------------------------------------------------------------------


def test_invitations_attendance_and_apologies_show_on_the_record(signed_in, partnership, area, megs):
    support = partnership["megsupport.nfd"]
    meeting = megs[0]
    school = partnership["teacher.nfd"].teams.get().agency
    health = partnership["schoolnurse.nfd"].teams.get().agency
    police = Agency.objects.get(kind=AgencyKind.POLICE)
    web = signed_in(support)
    invite = f"/meetings/{meeting.pk}/invite/"
    assert web.post(invite, {"agency": school.pk, "user": partnership["teacher.nfd"].pk}).status_code == 302
    assert web.post(invite, {"agency": health.pk, "name": "Dana Whitlow"}).status_code == 302
    assert web.post(invite, {"agency": police.pk, "user": partnership["megchair"].pk}).status_code == 302
    # A person who does not work for the agency, and a second invitation, are refused.
    wrong = page(web.post(invite, {"agency": health.pk, "user": partnership["youthworker.nfd"].pk}))
    assert "does not work for" in wrong
    assert "<title>Error: " in wrong
    again = page(web.post(invite, {"agency": school.pk, "user": partnership["teacher.nfd"].pk}))
    assert "is already invited" in again
    assert "Select the agency to invite" in page(web.post(invite, {}))
    assert meeting.participants.count() == 3

    rows = {p.name or p.user.username: p.pk for p in meeting.participants.all()}
    response = web.post(
        f"/meetings/{meeting.pk}/attendance/",
        {
            f"participant_{rows['teacher.nfd']}": "attended",
            f"participant_{rows['Dana Whitlow']}": "apologies",
            f"participant_{rows['megchair']}": "absent",
        },
    )
    assert response.status_code == 302
    record = page(web.get(f"/meetings/{meeting.pk}/record/"))
    assert partnership["teacher.nfd"].display_name in record
    assert "Dana Whitlow (no account)" in record
    for shown in ("Attended", "Sent apologies", "Did not attend"):
        assert shown in record


def test_attendance_with_bad_input_saves_nothing(signed_in, partnership, megs):
    meeting = megs[0]
    school = partnership["teacher.nfd"].teams.get().agency
    first = MeetingParticipant.objects.create(meeting=meeting, agency=school, user=partnership["teacher.nfd"])
    second = MeetingParticipant.objects.create(meeting=meeting, agency=school, name="Lee Marwood")
    web = signed_in(partnership["megsupport.nfd"])
    body = page(
        web.post(
            f"/meetings/{meeting.pk}/attendance/",
            {f"participant_{first.pk}": "attended", f"participant_{second.pk}": "maybe"},
        )
    )
    assert "Select whether Lee Marwood" in body
    first.refresh_from_db()
    assert first.attendance == "invited"


def test_the_meg_is_chaired_by_a_meg_chair(signed_in, partnership, megs):
    meeting = megs[0]
    web = signed_in(partnership["megsupport.nfd"])
    refused = page(web.post(f"/meetings/{meeting.pk}/chair/", {"chair": partnership["socialworker.nfd"].pk}))
    assert "Select a chair from the list" in refused
    with pytest.raises(ValidationError, match="not a MEG chair"):
        meeting_chair_set(meeting=meeting, chair=partnership["socialworker.nfd"], by=partnership["megsupport.nfd"])
    assert web.post(f"/meetings/{meeting.pk}/chair/", {"chair": partnership["megchair"].pk}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.chair == partnership["megchair"]
    assert partnership["megchair"].display_name in page(web.get(f"/meetings/{meeting.pk}/record/"))


def test_what_each_agency_must_bring(signed_in, partnership, megs):
    meeting = megs[0]
    school = partnership["teacher.nfd"].teams.get().agency
    web = signed_in(partnership["megsupport.nfd"])
    body = page(web.post(f"/meetings/{meeting.pk}/requests/", {"agency": school.pk, "request": "  "}))
    assert "Say what the agency must bring" in body
    assert not meeting.requests.exists()
    web.post(f"/meetings/{meeting.pk}/requests/", {"agency": school.pk, "request": "Attendance figures this term."})
    record = page(web.get(f"/meetings/{meeting.pk}/record/"))
    assert school.name in record
    assert "Attendance figures this term." in record


def test_record_pages_are_closed_to_those_without_need_to_know(signed_in, partnership, megs):
    meeting = megs[0]
    for username in ("megsupport.sdl", "socialworker.nfd", "analyst", "intel"):
        web = signed_in(partnership[username])
        assert web.get(f"/meetings/{meeting.pk}/record/").status_code == 404, username
        assert web.post(f"/meetings/{meeting.pk}/hold/").status_code == 404, username
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


# --- Holding a meeting ----------------------------------------------------------------------------


def test_holding_freezes_the_agenda(signed_in, partnership, megs):
    support = partnership["megsupport.nfd"]
    first, later = nfd_children()[:2]
    level(first, RiskLevel.HIGH, support)
    held, following = megs
    web = signed_in(support)
    confirm = page(web.get(f"/meetings/{held.pk}/hold/"))
    assert "1 child and 0 places" in confirm
    assert web.post(f"/meetings/{held.pk}/hold/").status_code == 302
    held.refresh_from_db()
    assert held.status == MeetingStatus.HELD
    assert held.held_at is not None
    items = list(AgendaItem.objects.filter(meeting=held))
    assert [(item.position, item.child, item.level) for item in items] == [(1, first, "high")]

    level(later, RiskLevel.MEDIUM, support)
    assert [entry.child_id for entry in meeting_agenda(meeting=held).children] == [first.id]
    assert later.id in {entry.child_id for entry in meeting_agenda(meeting=following).children}
    before = events_for(first.id, "list")
    record = page(web.get(f"/meetings/{held.pk}/record/"))
    assert "as it was when the meeting was held" in record
    assert first.full_name in record
    assert later.full_name not in record
    assert events_for(first.id, "list") == before + 1


def test_a_meeting_is_held_only_once(signed_in, partnership, megs):
    support = partnership["megsupport.nfd"]
    level(nfd_children()[0], RiskLevel.MEDIUM, support)
    meeting = megs[0]
    meeting_hold(meeting=meeting, by=support)
    level(nfd_children()[1], RiskLevel.HIGH, support)
    with pytest.raises(ValidationError, match="already recorded as held"):
        meeting_hold(meeting=meeting, by=support)
    body = page(signed_in(support).post(f"/meetings/{meeting.pk}/hold/"))
    assert "already recorded as held" in body
    assert AgendaItem.objects.filter(meeting=meeting).count() == 1


def test_demo_holds_last_months_meg_with_approved_minutes(partnership, area):
    from demo.generator.front_door import meg_demo_schedule
    from demo.generator.meg_records import meg_records_demo_generate

    level(nfd_children()[0], RiskLevel.HIGH, partnership["megsupport.nfd"])
    meg_demo_schedule(area=area)
    counts = meg_records_demo_generate(area=area, seed=3)
    meeting = Meeting.objects.get(area=area, status=MeetingStatus.MINUTES_APPROVED)
    assert meeting.starts_at < timezone.now() - dt.timedelta(days=1)
    assert counts["MEG meetings held"] == 1
    assert counts["agenda items"] == 1
    assert meeting.participants.filter(agency__kind=AgencyKind.POLICE).exists()
    assert meeting.participants.filter(attendance="attended").exists()
    assert meeting.minutes.get().approved
    assert nfd_children()[0].chronology.filter(kind="meeting", summary__icontains="decisions of the MEG").exists()
    assert meg_records_demo_generate(area=area, seed=3) == {}  # already done: nothing more


@pytest.mark.parametrize("who", ["teacher.nfd", "megsupport.sdl", "intel"])
def test_each_record_service_refuses_someone_who_does_not_run_the_meeting(partnership, area, who):
    """The services check their actor themselves (issue 9): whoever calls them, a page, the demo or a
    script, someone who does not run Northfield's MEG changes nothing."""
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10), location="Town hall")
    meeting = meg_meetings_schedule(area=area, months=1)[0]
    school = Agency.objects.get(area=area, kind=AgencyKind.EDUCATION)
    outsider = partnership[who]
    calls = [
        lambda: meeting_chair_set(meeting=meeting, chair=partnership["megchair"], by=outsider),
        lambda: participant_invite(meeting=meeting, agency=school, user=None, name="", by=outsider),
        lambda: attendance_record(meeting=meeting, attendance={}, by=outsider),
        lambda: agency_request_create(meeting=meeting, agency=school, request="Bring the figures", by=outsider),
        lambda: meeting_hold(meeting=meeting, by=outsider),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    meeting.refresh_from_db()
    assert (meeting.chair_id, meeting.status) == (None, MeetingStatus.PLANNED)
    assert not meeting.participants.exists()
    assert not meeting.requests.exists()
    support = partnership["megsupport.nfd"]
    participant_invite(meeting=meeting, agency=school, user=None, name="", by=support)
    assert meeting_hold(meeting=meeting, by=support).status == MeetingStatus.HELD
