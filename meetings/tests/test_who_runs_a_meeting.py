"""Who arranges and runs a strategy or multi-agency meeting (decision 0016): children's social care
of the team that holds the case or decides on the meeting, and the meeting's chair; not everyone
who may see the child."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.models import Agency, AgencyKind
from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from children.access import child_visible_queryset
from children.models import CaseAllocation, Child
from frontdoor.models import Task, TaskStatus
from frontdoor.routing import Owner, TaskCode
from meetings.access import may_run_meeting
from meetings.models import Meeting, MeetingKind, MeetingStatus
from meetings.services.records import (
    agency_request_create,
    attendance_record,
    meeting_arrange,
    meeting_chair_set,
    meeting_hold,
    participant_invite,
)


@pytest.fixture
def child(partnership) -> Child:
    """A child held by the first social care team, on the MEG agenda (medium risk), allocated to a
    teacher: the front door, the MEG chair and the teacher may all see the child."""
    worker = partnership["socialworker.nfd"]
    found = child_visible_queryset(worker).order_by("reference").first()
    assert found is not None
    risk_level_record(child=found, level=RiskLevel.MEDIUM, by=worker, source=RiskLevelSource.ASSESSMENT)
    CaseAllocation.objects.create(child=found, user=partnership["teacher.nfd"], role="Designated safeguarding lead")
    return found


def _arrange(child: Child, by, *, task: Task | None = None, chair=None) -> Meeting:
    return meeting_arrange(
        child=child,
        kind=MeetingKind.STRATEGY,
        starts_at=timezone.now() + dt.timedelta(days=3),
        location="Room 4",
        chair=chair,
        task=task,
        by=by,
    )


SEE_BUT_MAY_NOT_RUN = ["screener.nfd", "megchair", "teacher.nfd", "socialworker2.nfd"]


@pytest.mark.parametrize("who", SEE_BUT_MAY_NOT_RUN)
def test_someone_who_sees_the_child_but_is_not_its_social_care_may_not_arrange_or_run(
    partnership, child, signed_in, who
):
    user = partnership[who]
    if who == "socialworker2.nfd":  # another social care team, given sight through an allocation
        CaseAllocation.objects.create(child=child, user=user, role="Covering social worker")
    assert child_visible_queryset(user).filter(pk=child.pk).exists(), "the test needs someone who sees the child"
    with pytest.raises(PermissionDenied):
        _arrange(child, user)
    assert not Meeting.objects.filter(child=child).exists()
    assert signed_in(user).get(f"/meetings/arrange/{child.id}/").status_code == 403

    meeting = _arrange(child, partnership["socialworker.nfd"])
    assert not may_run_meeting(user, meeting)
    police = Agency.objects.filter(kind=AgencyKind.POLICE).get()
    calls = [
        lambda: meeting_chair_set(meeting=meeting, chair=partnership["teammanager.nfd"], by=user),
        lambda: participant_invite(meeting=meeting, agency=police, user=None, name="", by=user),
        lambda: attendance_record(meeting=meeting, attendance={}, by=user),
        lambda: agency_request_create(meeting=meeting, agency=police, request="Bring the PNC checks", by=user),
        lambda: meeting_hold(meeting=meeting, by=user),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    meeting.refresh_from_db()
    assert (meeting.chair_id, meeting.status) == (None, MeetingStatus.PLANNED)
    assert not meeting.participants.exists()
    web = signed_in(user)
    assert web.get(f"/meetings/{meeting.pk}/record/").status_code == 200  # they may see it
    assert web.post(f"/meetings/{meeting.pk}/hold/").status_code == 403


@pytest.mark.parametrize("who", ["socialworker.nfd", "teammanager.nfd"])
def test_the_team_that_holds_the_case_arranges_and_runs_it(partnership, child, who):
    user = partnership[who]
    meeting = _arrange(child, user)
    assert may_run_meeting(user, meeting)
    assert meeting_hold(meeting=meeting, by=user).status == MeetingStatus.HELD


def test_the_team_that_decides_on_the_meeting_arranges_it_and_the_chair_runs_it(partnership, child):
    deciding = partnership["firstresponse.nfd"]
    task = Task.objects.create(
        child=child,
        code=TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING,
        owner=Owner.TEAM_MANAGER,
        team=deciding.teams.get(),
        status=TaskStatus.OPEN,
        reason="Medium risk: the First Response Team decides whether to meet.",
    )
    with pytest.raises(PermissionDenied):  # no task named: the First Response Team does not hold the case
        _arrange(child, deciding)
    manager = partnership["teammanager.nfd"]
    meeting = _arrange(child, deciding, task=task, chair=manager)
    assert may_run_meeting(deciding, meeting)
    assert may_run_meeting(manager, meeting)  # the chair, who also holds the case here
    chair = partnership["cseworker.nfd"]
    CaseAllocation.objects.create(child=child, user=chair, role="Designated CSE worker")
    meeting_chair_set(meeting=meeting, chair=chair, by=deciding)
    meeting.refresh_from_db()
    assert may_run_meeting(chair, meeting)


def test_each_change_to_the_record_names_who_made_it(partnership, child, signed_in):
    worker = partnership["socialworker.nfd"]
    manager = partnership["teammanager.nfd"]
    meeting = _arrange(child, worker)
    assert meeting.arranged_by == worker
    meeting_chair_set(meeting=meeting, chair=manager, by=worker)
    police = Agency.objects.filter(kind=AgencyKind.POLICE).get()
    participant = participant_invite(meeting=meeting, agency=police, user=None, name="DC Example", by=worker)
    attendance_record(meeting=meeting, attendance={participant.pk: "attended"}, by=manager)
    meeting_hold(meeting=meeting, by=manager)
    meeting.refresh_from_db()
    participant.refresh_from_db()
    assert (meeting.chair_set_by, meeting.held_by) == (worker, manager)
    assert (participant.invited_by, participant.attendance_recorded_by) == (worker, manager)
    record = signed_in(worker).get(f"/meetings/{meeting.pk}/record/").content.decode()
    assert f"by {manager.display_name}" in record
    assert f"Arranged by {worker.display_name}" in record
