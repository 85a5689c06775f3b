"""Meetings to record for every kind of meeting (decision 0040): a strategy or multi-agency meeting is on
the worklist of those who run it, and of no one else, from its start until it is recorded as held, its
outcome is recorded and its minutes are written. In one query, however many there are."""

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AccessEvent
from children.access import child_visible_queryset
from children.models import CaseAllocation, Child
from frontdoor.models import Task, TaskStatus
from frontdoor.routing import Owner, TaskCode
from frontdoor.selectors.tasks import WORKLIST_LIMIT
from meetings.access import may_run_meeting
from meetings.models import Meeting, MeetingKind
from meetings.services.minutes import minutes_draft_save
from meetings.services.records import meeting_hold
from tests.factories import ChildFactory

pytestmark = pytest.mark.usefixtures("assessment_tool")

NOW = dt.datetime(2026, 3, 12, 15, 30, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
TO_RECORD = re.compile(r'href="/meetings/(\d+)/(hold|outcome|minutes/edit)/"')


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def held_by_team_of(partnership, username: str) -> Child:
    """The first child whose case the user's team holds; a new one when it holds none."""
    child = Child.objects.filter(holding_team__memberships__user=partnership[username]).order_by("reference").first()
    return child or ChildFactory.create(
        holding_team=partnership[username].teams.get(), created_by=partnership[username]
    )


@pytest.fixture
def child(partnership) -> Child:
    """A child whose case the first social care team of Northfield holds."""
    return held_by_team_of(partnership, "socialworker.nfd")


def about(child: Child, *, hours_ago: float, kind: str = MeetingKind.STRATEGY, **fields) -> Meeting:
    return Meeting.objects.create(
        kind=kind,
        area=child.responsible_authority,
        child=child,
        starts_at=NOW - dt.timedelta(hours=hours_ago),
        **fields,
    )


def worklist(signed_in, user) -> str:
    response = signed_in(user).get("/tasks/")
    assert response.status_code == 200
    return str(response.content.decode())


def to_record(shown: str) -> list[tuple[int, str]]:
    """The (meeting, what to do) rows of the section, in order; none when the page has no section."""
    if 'id="meetings-to-record"' not in shown:
        return []
    section = shown[shown.index('id="meetings-to-record"') :]
    section = section[: section.index("</table>")]
    return [(int(pk), step) for pk, step in TO_RECORD.findall(section)]


def test_the_team_that_holds_the_case_records_its_meeting_step_by_step(signed_in, partnership, child):
    worker, manager = partnership["socialworker.nfd"], partnership["teammanager.nfd"]
    older = about(child, hours_ago=24 * 9, kind=MeetingKind.MULTI_AGENCY)
    meeting = about(child, hours_ago=2)
    about(child, hours_ago=-2)  # this evening: not started yet
    about(child, hours_ago=-24 * 5)  # next week

    shown = worklist(signed_in, worker)
    assert "Meetings to record (2)" in shown
    assert to_record(shown) == [(older.pk, "hold"), (meeting.pk, "hold")]  # the oldest first
    section = shown[shown.index('id="meetings-to-record"') :]
    assert f"Strategy meeting: {child.full_name}" in section
    assert f"Multi-agency meeting: {child.full_name}" in section
    # The page names the child, and says so in the access log.
    assert AccessEvent.objects.filter(user=worker).latest("id").object_ids == [str(child.id)]
    # The team manager of the team runs it too.
    assert to_record(worklist(signed_in, manager)) == [(older.pk, "hold"), (meeting.pk, "hold")]
    assert "2 meetings to record" in signed_in(worker).get("/").content.decode()

    web = signed_in(worker)
    assert web.post(f"/meetings/{meeting.pk}/hold/").status_code == 302
    assert (meeting.pk, "outcome") in to_record(worklist(signed_in, worker))
    assert "Record the outcome" in worklist(signed_in, worker)
    response = web.post(f"/meetings/{meeting.pk}/outcome/", {"level": "high", "outcome": "A safety plan is agreed."})
    assert response.status_code == 302
    assert (meeting.pk, "minutes/edit") in to_record(worklist(signed_in, worker))
    assert web.post(f"/meetings/{meeting.pk}/minutes/edit/", {}).status_code == 302
    # With its outcome and a draft of its minutes, it waits for the chair, not for its record.
    assert to_record(worklist(signed_in, worker)) == [(older.pk, "hold")]
    assert to_record(worklist(signed_in, manager)) == [(older.pk, "hold")]


def test_minutes_without_an_outcome_leave_the_outcome_to_record(signed_in, partnership, child):
    worker = partnership["socialworker.nfd"]
    meeting = about(child, hours_ago=30)
    meeting_hold(meeting=meeting, by=worker)
    minutes_draft_save(meeting=meeting, texts={}, by=worker)
    assert to_record(worklist(signed_in, worker)) == [(meeting.pk, "outcome")]


def test_another_team_and_those_who_only_see_the_child_have_nothing_to_record(signed_in, partnership, child):
    ours = about(child, hours_ago=5)
    theirs = about(held_by_team_of(partnership, "socialworker2.nfd"), hours_ago=6)
    # Another social care team's worker who sees the child through an allocation, a teacher allocated
    # to it, and the front door that screens it: they see the meeting but do not run it.
    CaseAllocation.objects.create(child=child, user=partnership["socialworker2.nfd"], role="Covering social worker")
    CaseAllocation.objects.create(child=child, user=partnership["teacher.nfd"], role="Designated safeguarding lead")
    for username in ("socialworker2.nfd", "teacher.nfd", "screener.nfd"):
        assert child_visible_queryset(partnership[username]).filter(pk=child.pk).exists()
    assert to_record(worklist(signed_in, partnership["socialworker.nfd"])) == [(ours.pk, "hold")]
    assert to_record(worklist(signed_in, partnership["socialworker2.nfd"])) == [(theirs.pk, "hold")]
    assert to_record(worklist(signed_in, partnership["teammanager.nfd"])) == [(theirs.pk, "hold"), (ours.pk, "hold")]
    for username in ("teacher.nfd", "screener.nfd", "megsupport.nfd", "megchair", "socialworker.sdl"):
        assert "Meetings to record" not in worklist(signed_in, partnership[username]), username


def test_the_chair_records_it_while_they_see_the_child(signed_in, partnership, child):
    nurse = partnership["schoolnurse.nfd"]
    meeting = about(child, hours_ago=3, chair=nurse)
    # Chosen to chair but given no sight of the child, the meeting is not theirs to open (decision 0016).
    assert "Meetings to record" not in worklist(signed_in, nurse)
    assert signed_in(nurse).get(f"/meetings/{meeting.pk}/hold/").status_code == 404
    CaseAllocation.objects.create(child=child, user=nurse, role="School nurse")
    assert to_record(worklist(signed_in, nurse)) == [(meeting.pk, "hold")]


def test_the_team_that_decided_on_the_meeting_records_it_while_it_sees_the_child(signed_in, partnership, child):
    deciding = partnership["firstresponse.nfd"]
    task = Task.objects.create(
        child=child,
        code=TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING,
        owner=Owner.TEAM_MANAGER,
        team=deciding.teams.get(),
        status=TaskStatus.OPEN,
        reason="Medium risk: the First Response Team decides whether to meet.",
    )
    meeting = about(child, hours_ago=4, task=task)
    assert to_record(worklist(signed_in, deciding)) == [(meeting.pk, "hold")]
    assert to_record(worklist(signed_in, partnership["frtmanager.nfd"])) == [(meeting.pk, "hold")]
    # Once the task is done, the case is the holding team's: the First Response Team no longer sees it.
    Task.objects.filter(pk=task.pk).update(status=TaskStatus.DONE)
    assert "Meetings to record" not in worklist(signed_in, deciding)
    assert to_record(worklist(signed_in, partnership["socialworker.nfd"])) == [(meeting.pk, "hold")]


def test_everyone_sees_exactly_the_meetings_they_may_run(signed_in, partnership, child):
    """The worklist's query and the gate's rule (`may_run_meeting`) give the same answer for every user."""
    other_team = held_by_team_of(partnership, "socialworker2.nfd")
    other_area = held_by_team_of(partnership, "socialworker.sdl")
    deciding = partnership["firstresponse.nfd"]
    task = Task.objects.create(
        child=other_team,
        code=TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING,
        owner=Owner.TEAM_MANAGER,
        team=deciding.teams.get(),
        status=TaskStatus.OPEN,
        reason="The First Response Team decides whether to meet.",
    )
    CaseAllocation.objects.create(child=child, user=partnership["cseworker.nfd"], role="Designated CSE worker")
    meetings = [
        about(child, hours_ago=1),
        about(child, hours_ago=2, kind=MeetingKind.MULTI_AGENCY, chair=partnership["cseworker.nfd"]),
        about(child, hours_ago=3, chair=partnership["schoolnurse.nfd"]),  # a chair who does not see the child
        about(other_team, hours_ago=4, task=task),
        about(other_team, hours_ago=5, chair=partnership["teammanager.nfd"]),
        about(other_area, hours_ago=6),
        about(other_area, hours_ago=7, chair=partnership["megchair"]),
    ]
    for user in partnership.values():
        expected = [meeting.pk for meeting in reversed(meetings) if may_run_meeting(user, meeting)]  # oldest first
        shown = [pk for pk, _ in to_record(worklist(signed_in, user))]
        assert shown == expected, user.username
    # The walk met each reason to run a meeting, and a chair who may not.
    assert may_run_meeting(deciding, meetings[3])
    assert may_run_meeting(partnership["cseworker.nfd"], meetings[1])
    assert not may_run_meeting(partnership["schoolnurse.nfd"], meetings[2])


def test_the_section_is_bounded_and_read_in_one_query(signed_in, partnership, child):
    worker = partnership["socialworker.nfd"]
    about(child, hours_ago=1)
    web = signed_in(worker)
    with CaptureQueriesContext(connection) as few:
        web.get("/tasks/")
    Meeting.objects.bulk_create(
        Meeting(
            kind=MeetingKind.STRATEGY,
            area=child.responsible_authority,
            child=child,
            starts_at=NOW - dt.timedelta(days=days),
        )
        for days in range(1, WORKLIST_LIMIT + 5)
    )
    with CaptureQueriesContext(connection) as many:
        shown = web.get("/tasks/").content.decode()
    total = WORKLIST_LIMIT + 5
    assert f"Meetings to record ({total})" in shown
    assert f"Showing the {WORKLIST_LIMIT} oldest of {total}." in shown
    assert len(to_record(shown)) == WORKLIST_LIMIT
    assert len(many) == len(few), "a query per meeting"
    reads = [query["sql"] for query in many.captured_queries if "OVER ()" in query["sql"]]
    assert len(reads) == 1, "the meetings to record and how many there are in all, in one query"
    assert '"meetings_meeting"' in reads[0]
