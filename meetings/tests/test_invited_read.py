"""Those invited to a MEG read what it agreed (decision 0035): its agenda, the plans of the children and
places on it with every agency's actions, and its approved minutes, never a draft, until the area's next
MEG is held; a colleague of the same agency who was not named reads none of it. Through the pages."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Membership, Role, User
from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from audit.models import AccessEvent
from children.access import child_visible_queryset
from children.models import CaseAllocation, Child
from meetings.invited import INVITATION_LASTS
from meetings.models import ContextualKind, Meeting, MegSchedule, Minutes
from meetings.services.contextual import contextual_item_create
from meetings.services.minutes import MinuteText, minutes_approve, minutes_draft_save
from meetings.services.plans import action_create, plan_for_child_get_or_create, plan_for_contextual_item_get_or_create
from meetings.services.records import meeting_chair_set, meeting_hold, participant_invite
from meetings.services.schedule import meg_meetings_schedule
from tests.factories import staff_user

DRAFT = "Draft wording the chair has not approved yet"
APPROVED = "Wording the chair approved for the record"


@pytest.fixture
def teacher(partnership) -> User:
    user: User = partnership["teacher.nfd"]
    return user


@pytest.fixture
def school(teacher):
    return teacher.teams.select_related("agency__area").get().agency


@pytest.fixture
def colleague(teacher, school) -> User:
    """Another designated safeguarding lead of the same school, not named in the invitation."""
    return staff_user(team=teacher.teams.get(), role=Role.LEAD_WORKER, username="teacher2.nfd")


@pytest.fixture
def child(partnership, teacher, school) -> Child:
    """A high risk child of the school's area whom the teacher has no other reason to see."""
    child = Child.objects.filter(responsible_authority=school.area).order_by("reference").first()
    assert child is not None
    CaseAllocation.objects.filter(child=child, user=teacher).update(ended_at=timezone.now())  # no longer the lead
    assert not child_visible_queryset(teacher).filter(pk=child.pk).exists()
    risk_level_record(
        child=child, level=RiskLevel.HIGH, by=partnership["screener.nfd"], source=RiskLevelSource.ASSESSMENT
    )
    return child


@pytest.fixture
def elsewhere(partnership) -> Child:
    """A high risk child on another area's agenda."""
    child = Child.objects.filter(responsible_authority__code__iexact="sdl").order_by("reference").first()
    assert child is not None
    risk_level_record(
        child=child, level=RiskLevel.HIGH, by=partnership["screener.sdl"], source=RiskLevelSource.ASSESSMENT
    )
    return child


@pytest.fixture
def megs(partnership, school) -> list[Meeting]:
    """The area's next two MEGs, chaired by the police safeguarding lead; the teacher is invited to the first."""
    MegSchedule.objects.create(area=school.area, week=1, weekday=1, starts_at=dt.time(10), location="Civic Centre")
    meetings = meg_meetings_schedule(area=school.area, months=2)[:2]
    support = partnership["megsupport.nfd"]
    for meeting in meetings:
        meeting_chair_set(meeting=meeting, chair=partnership["megchair"], by=support)
    participant_invite(meeting=meetings[0], agency=school, user=partnership["teacher.nfd"], name="", by=support)
    return meetings


@pytest.fixture
def plan_with_actions(partnership, child, megs):
    """The child's safeguarding plan, with an action for the health service (not the teacher's agency)."""
    support = partnership["megsupport.nfd"]
    plan = plan_for_child_get_or_create(child=child, by=support)
    health = partnership["schoolnurse.nfd"].teams.get().agency
    action_create(
        plan=plan,
        by=support,
        description="School nurse to offer weekly drop-in sessions",
        tactic="support",
        owning_agency=health,
        due_on=timezone.localdate() + dt.timedelta(days=20),
        meeting=megs[0],
    )
    return plan


def _held_with_minutes(partnership, meeting: Meeting, *, approve: bool) -> Minutes:
    support = partnership["megsupport.nfd"]
    meeting = meeting_hold(meeting=meeting, by=support)
    texts = {
        item.pk: MinuteText(discussion=APPROVED if approve else DRAFT, decisions="Remains at high risk.")
        for item in meeting.agenda_items.all()
    }
    minutes = minutes_draft_save(meeting=meeting, texts=texts, by=support)
    if approve:
        minutes = minutes_approve(minutes=minutes, by=partnership["megchair"])
    return minutes


def test_the_invited_teacher_reads_the_agenda_of_a_planned_meg(signed_in, teacher, child, elsewhere, megs):
    web = signed_in(teacher)
    before = set(AccessEvent.objects.filter(user=teacher).values_list("pk", flat=True))
    page = web.get(f"/meetings/{megs[0].pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert child.full_name in text
    assert child.reference in text
    assert elsewhere.reference not in text
    assert "You are invited to this meeting" in text
    assert "Meeting record" not in text
    assert "Agenda pack" not in text
    (event,) = AccessEvent.objects.filter(user=teacher).exclude(pk__in=before)
    assert event.action == "list"
    assert event.object_type == "child"
    assert event.object_ids == [str(child.pk)]
    # The child is named through the gate: their record opens, read-only.
    assert web.get(f"/children/{child.pk}/").status_code == 200
    assert web.get(f"/api/v1/meetings/{megs[0].pk}/agenda-items").json()["children"][0]["reference"] == child.reference


def test_not_another_meeting_nor_its_children(signed_in, teacher, child, elsewhere, megs):
    web = signed_in(teacher)
    assert web.get(f"/meetings/{megs[1].pk}/").status_code == 404  # the next one: not invited
    assert web.get(f"/meetings/{megs[1].pk}/minutes/").status_code == 404
    assert web.get(f"/children/{elsewhere.pk}/").status_code == 404
    # Nor the pages that prepare and run the meeting they are invited to.
    for path in ("record/", "letters/", "pack/", "actions/", "voice/", "contextual/", "summary/"):
        assert web.get(f"/meetings/{megs[0].pk}/{path}").status_code in (403, 404), path


def test_a_colleague_who_was_not_named_reads_nothing(signed_in, colleague, child, megs):
    web = signed_in(colleague)
    assert web.get(f"/meetings/{megs[0].pk}/").status_code == 404
    assert web.get(f"/meetings/{megs[0].pk}/minutes/").status_code == 404
    assert web.get(f"/children/{child.pk}/").status_code == 404


def test_the_invited_teacher_reads_the_childs_plan_with_every_agencys_actions(
    signed_in, teacher, colleague, plan_with_actions
):
    page = signed_in(teacher).get(f"/meetings/plans/{plan_with_actions.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "School nurse to offer weekly drop-in sessions" in text
    assert "You see your own agency's actions only" not in text
    assert "Add an action" not in text
    assert signed_in(teacher).get(f"/meetings/plans/{plan_with_actions.pk}/actions/new/").status_code == 403
    assert signed_in(colleague).get(f"/meetings/plans/{plan_with_actions.pk}/").status_code == 404


def test_the_invited_teacher_reads_a_disruption_plan_on_the_agenda(signed_in, partnership, teacher, school, megs):
    support = partnership["megsupport.nfd"]
    item = contextual_item_create(
        area=school.area,
        kind=ContextualKind.LOCATION,
        title="Takeaway on Mill Lane",
        description="",
        children=[],
        by=support,
    )
    plan = plan_for_contextual_item_get_or_create(item=item, by=support)
    page = signed_in(teacher).get(f"/meetings/{megs[0].pk}/").content.decode()
    assert f"/meetings/plans/{plan.pk}/" in page
    assert f"/meetings/contextual/{item.pk}/" not in page
    assert signed_in(teacher).get(f"/meetings/plans/{plan.pk}/").status_code == 200
    assert signed_in(teacher).get(f"/meetings/contextual/{item.pk}/").status_code in (403, 404)


def test_the_approved_minutes_and_never_the_draft(signed_in, partnership, teacher, child, megs):
    web = signed_in(teacher)
    draft = _held_with_minutes(partnership, megs[0], approve=False)
    page = web.get(f"/meetings/{megs[0].pk}/minutes/")
    assert page.status_code == 200
    assert DRAFT not in page.content.decode()
    assert "No version of the minutes has been approved yet" in page.content.decode()
    assert web.get(f"/meetings/{megs[0].pk}/minutes/version/{draft.version}/").status_code == 404
    assert web.get(f"/meetings/{megs[0].pk}/minutes/edit/").status_code in (403, 404)
    assert web.post(f"/meetings/{megs[0].pk}/minutes/approve/").status_code in (403, 404)
    assert not Minutes.objects.get(pk=draft.pk).approved

    support = partnership["megsupport.nfd"]
    texts = {
        item.pk: MinuteText(discussion=APPROVED, decisions="Remains at high risk.")
        for item in megs[0].agenda_items.all()
    }
    minutes_approve(minutes=minutes_draft_save(meeting=megs[0], texts=texts, by=support), by=partnership["megchair"])
    page = web.get(f"/meetings/{megs[0].pk}/minutes/")
    assert APPROVED in page.content.decode()
    assert child.full_name in page.content.decode()
    assert web.get(f"/meetings/{megs[0].pk}/minutes/version/1/").status_code == 200
    assert web.get(f"/meetings/{megs[0].pk}/minutes/correct/").status_code in (403, 404)


def test_the_invitation_ends_when_the_areas_next_meg_is_held(signed_in, partnership, teacher, child, megs):
    _held_with_minutes(partnership, megs[0], approve=True)
    web = signed_in(teacher)
    assert web.get(f"/meetings/{megs[0].pk}/minutes/").status_code == 200
    meeting_hold(meeting=megs[1], by=partnership["megsupport.nfd"])
    assert web.get(f"/meetings/{megs[0].pk}/").status_code == 404
    assert web.get(f"/meetings/{megs[0].pk}/minutes/").status_code == 404
    assert web.get(f"/children/{child.pk}/").status_code == 404


def test_the_invitation_lasts_at_most_three_months(signed_in, partnership, teacher, child, megs):
    _held_with_minutes(partnership, megs[0], approve=True)
    # Held long ago, and the area's next MEG never held since.
    Meeting.objects.filter(pk=megs[0].pk).update(starts_at=timezone.now() - INVITATION_LASTS - dt.timedelta(days=1))
    web = signed_in(teacher)
    assert web.get(f"/meetings/{megs[0].pk}/minutes/").status_code == 404
    assert web.get(f"/children/{child.pk}/").status_code == 404


def test_the_invitation_ends_when_they_leave_the_agency(signed_in, teacher, child, megs):
    Membership.objects.filter(user=teacher).delete()
    assert signed_in(teacher).get(f"/meetings/{megs[0].pk}/").status_code == 404


def test_the_home_page_and_the_worklist_lead_to_the_megs_they_are_invited_to(
    signed_in, partnership, teacher, colleague, megs
):
    web = signed_in(teacher)
    assert "1 MEG you are invited to" in web.get("/").content.decode()
    worklist = web.get("/tasks/").content.decode()
    assert "MEGs you are invited to (1)" in worklist
    assert f'href="/meetings/{megs[0].pk}/"' in worklist
    assert f'href="/meetings/{megs[1].pk}/"' not in worklist
    _held_with_minutes(partnership, megs[0], approve=True)
    assert f'href="/meetings/{megs[0].pk}/minutes/"' in web.get("/tasks/").content.decode()
    assert "invited to" not in signed_in(colleague).get("/").content.decode()
    meeting_hold(meeting=megs[1], by=partnership["megsupport.nfd"])
    assert "MEGs you are invited to" not in web.get("/tasks/").content.decode()


def test_an_agency_invited_without_a_named_person_gives_none_of_its_staff_sight(signed_in, partnership, megs):
    nurse = partnership["schoolnurse.nfd"]
    health = nurse.teams.get().agency
    participant_invite(meeting=megs[0], agency=health, user=None, name="", by=partnership["megsupport.nfd"])
    assert signed_in(nurse).get(f"/meetings/{megs[0].pk}/").status_code == 404


def _queries_of(web, path: str) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert web.get(path).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_a_request_reads_the_invitations_once_and_the_uninvited_gate_carries_no_agenda_rule(
    signed_in, partnership, teacher, colleague, child, megs
):
    """The invited readers' grant reads the invitations first, once per request: a page asks the gate
    several times (the worklist, the child page), and for the many who are invited to nothing the gate
    then carries none of the agenda rule's conditions (docs/performance.md)."""
    invited = _queries_of(signed_in(teacher), "/tasks/")
    assert sum('"meetings_meetingparticipant"' in sql for sql in invited) == 1
    assert any('"meetings_agendaremoval"' in sql for sql in invited)  # the planned MEG's agenda rule
    uninvited = _queries_of(signed_in(colleague), "/tasks/")
    assert sum('"meetings_meetingparticipant"' in sql for sql in uninvited) == 1
    assert not any('"meetings_agendaremoval"' in sql for sql in uninvited)
    # Outside a request the invitations are read afresh: an invitation made now counts at once.
    assert not child_visible_queryset(colleague).filter(pk=child.pk).exists()
    participant_invite(
        meeting=megs[0], agency=colleague.teams.get().agency, user=colleague, name="", by=partnership["megsupport.nfd"]
    )
    assert child_visible_queryset(colleague).filter(pk=child.pk).exists()
