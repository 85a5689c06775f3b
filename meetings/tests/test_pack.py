"""The agenda pack (issue 4, item 5): every medium and high risk child of the meeting's area and no
other, each with the trend since the last meeting, open actions, missing episodes and what the child
and family said; OFFICIAL-SENSITIVE with the handling instructions; every download logged."""

import datetime as dt
import io
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import Agency, AgencyKind, User
from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from audit.models import AccessAction, AccessEvent
from children.models import Carer, CarerRelationship, Child, MissingEpisode
from meetings.models import (
    Action,
    ActionStatus,
    AgendaItem,
    ContextualItem,
    ContextualKind,
    Feedback,
    FeedbackFrom,
    Meeting,
    MeetingKind,
    MeetingStatus,
    MegSchedule,
    PackRequest,
    Plan,
    PlanKind,
    RemovalReason,
    Tactic,
)
from meetings.selectors.pack import meeting_pack_read, months_before
from meetings.services.agenda import agenda_removal_record
from meetings.services.schedule import meg_meetings_schedule
from tests.background import run_queued_tasks
from tests.factories import ChildFactory, read_events
from tests.pdf import pdf_text

HANDLING = "Keep in the locked cabinet of the MEG office."


def pack_pdf(web, meeting_id: int):
    """Ask for the pack on its page, let the background worker make it, and download it."""
    asked = web.post(f"/meetings/{meeting_id}/pack/")
    assert asked.status_code == 302, asked.status_code
    run_queued_tasks()
    return web.get(f"/meetings/{meeting_id}/pack.pdf")


def days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def level(child: Child, value: str, *, at: dt.datetime, by: User) -> None:
    risk_level_record(child=child, level=RiskLevel(value), decided_at=at, by=by, source=RiskLevelSource.ASSESSMENT)


@dataclass
class Scene:
    meeting: Meeting
    up: Child  # medium at the last meeting, high now
    new: Child  # no level at the last meeting, medium now
    low: Child
    removed: Child
    other_area: Child
    support: User


@pytest.fixture
def scene(partnership) -> Scene:
    support = partnership["megsupport.nfd"]
    screener = partnership["screener.nfd"]
    area = support.teams.get().agency.area
    up, new, low = Child.objects.filter(responsible_authority=area).order_by("reference")[:3]
    other_area = Child.objects.exclude(responsible_authority=area).order_by("reference")[0]
    removed = ChildFactory.create(holding_team=up.holding_team, first_name="Tamsin", last_name="Oakhurst")
    level(up, "medium", at=days_ago(60), by=screener)
    level(up, "high", at=days_ago(5), by=screener)
    level(new, "medium", at=days_ago(10), by=screener)
    level(low, "low", at=days_ago(10), by=screener)
    level(removed, "medium", at=days_ago(20), by=screener)
    level(other_area, "high", at=days_ago(20), by=screener)
    Meeting.objects.create(kind=MeetingKind.MEG, area=area, starts_at=days_ago(30), status=MeetingStatus.HELD)
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10), location="Town hall")
    meeting = meg_meetings_schedule(area=area, months=2)[0]
    meeting.handling_instructions = HANDLING
    meeting.chair = partnership["megchair"]
    meeting.save()
    agenda_removal_record(meeting=meeting, child=removed, reason=RemovalReason.MOVED_AWAY, note="", by=support)

    school = Agency.objects.get(area=area, kind=AgencyKind.EDUCATION)
    plan = Plan.objects.create(area=area, kind=PlanKind.SAFEGUARDING, child=up, created_by=support)
    due = timezone.localdate() - dt.timedelta(days=2)
    Action.objects.create(plan=plan, description="Daily check-in", owning_agency=school, due_on=due, created_by=support)
    Action.objects.create(
        plan=plan,
        description="Finished referral",
        owning_agency=school,
        due_on=due,
        status=ActionStatus.DONE,
        created_by=support,
    )
    for where, started in (("Old Mill", days_ago(45)), ("Station Road", days_ago(12))):
        MissingEpisode.objects.create(
            child=up,
            started_at=started,
            ended_at=started + dt.timedelta(hours=20),
            reported_by="Mother",
            where_found=where,
            recorded_by=support,
        )
    mother = Carer.objects.create(
        child=up, name="Dana Pellow", relationship=CarerRelationship.MOTHER, recorded_by=support
    )
    for text, received in (("I feel safer now", 3), ("Old feedback", 40)):
        Feedback.objects.create(
            child=up,
            given_by=FeedbackFrom.CHILD,
            text=text,
            received_on=timezone.localdate() - dt.timedelta(days=received),
            recorded_by=support,
        )
    Feedback.objects.create(
        child=up,
        given_by=FeedbackFrom.PARENT,
        carer=mother,
        text="Things are calmer",
        received_on=timezone.localdate(),
        recorded_by=support,
    )
    item = ContextualItem.objects.create(
        area=area, kind=ContextualKind.LOCATION, title="Takeaway on Mill Lane", created_by=support
    )
    item.children.set([up, other_area, low])
    disruption = Plan.objects.create(area=area, kind=PlanKind.DISRUPTION, contextual_item=item, created_by=support)
    licensing = Agency.objects.get(area=area, kind=AgencyKind.LICENSING)
    Action.objects.create(
        plan=disruption,
        description="Licence check",
        tactic=Tactic.LICENSING_CHECK,
        owning_agency=licensing,
        due_on=timezone.localdate() + dt.timedelta(days=20),
        created_by=support,
    )
    return Scene(meeting, up, new, low, removed, other_area, support)


def test_the_pack_holds_every_medium_and_high_risk_child_of_the_area_and_no_other(signed_in, scene):
    response = pack_pdf(signed_in(scene.support), scene.meeting.pk)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    first, second = sorted((scene.up, scene.new), key=lambda child: (child.last_name, child.first_name))
    assert text.index(first.reference) < text.index(second.reference)  # agenda order: by name
    for child in (scene.up, scene.new):
        assert child.reference in text
        assert child.full_name in text
    for child in (scene.low, scene.removed, scene.other_area):
        assert child.reference not in text
    assert "Tamsin Oakhurst" not in text
    assert "Children on the agenda (2)" in text


def test_the_pack_is_marked_and_carries_the_handling_instructions(signed_in, scene):
    response = pack_pdf(signed_in(scene.support), scene.meeting.pk)
    reader = PdfReader(io.BytesIO(response.content))
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    assert len(pages) >= 4  # front page, one page per child, contextual items
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") >= 2, f"page {number} is not marked top and bottom"
        assert f"Page {number} of {len(pages)}" in page
    assert HANDLING in pages[0]
    assert "Contents" in pages[0]
    assert "Town hall" in pages[0]
    assert scene.meeting.chair.get_full_name() in pages[0]


def test_the_pack_shows_trend_actions_missing_episodes_and_feedback_since_the_last_meeting(signed_in, scene):
    text = pdf_text(pack_pdf(signed_in(scene.support), scene.meeting.pk).content)
    assert "Up: Medium → High" in text
    assert "New: No level → Medium" in text
    assert "Daily check-in" in text
    assert "Overdue" in text
    assert "Finished referral" not in text
    assert "Station Road" in text
    assert "Old Mill" not in text
    assert "I feel safer now" in text
    assert "Dana Pellow (Mother)" in text
    assert "Things are calmer" in text
    assert "Old feedback" not in text
    assert "since the last meeting on" in text


def test_contextual_items_name_only_the_children_on_this_agenda(signed_in, scene):
    text = pdf_text(pack_pdf(signed_in(scene.support), scene.meeting.pk).content)
    section = text[text.index("Location of concern: Takeaway on Mill Lane") :]
    assert "Tactic: Licensing check" in section
    assert scene.up.full_name in section
    assert scene.other_area.full_name not in section
    assert scene.low.full_name not in section
    assert "Licence check" in section


def test_a_download_writes_one_access_event_naming_every_child_in_the_pack(signed_in, scene):
    before = AccessEvent.objects.count()
    response = pack_pdf(signed_in(scene.support), scene.meeting.pk)
    assert AccessEvent.objects.count() == before + 1
    event = AccessEvent.objects.latest("occurred_at", "id")
    assert event.user == scene.support
    assert event.action == AccessAction.EXPORT
    assert event.object_type == "child"
    assert set(event.object_ids) == {str(scene.up.id), str(scene.new.id)}
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert disposition.endswith('.pdf"')
    for child in (scene.up, scene.new):
        assert child.last_name.lower() not in disposition.lower()
        assert child.reference.lower() not in disposition.lower()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", ["megsupport.sdl", "teacher.nfd", "socialworker.nfd", "analyst", "intel"])
def test_no_need_to_know_no_pack(signed_in, partnership, scene, who):
    before = read_events().count()
    web = signed_in(partnership[who])
    assert web.get(f"/meetings/{scene.meeting.pk}/pack.pdf").status_code == 404
    assert web.get(f"/meetings/{scene.meeting.pk}/pack/").status_code == 404
    assert web.post(f"/meetings/{scene.meeting.pk}/pack/").status_code == 404
    assert not PackRequest.objects.exists()
    assert read_events().count() == before


def test_the_chair_downloads_any_areas_pack(signed_in, partnership, scene):
    response = pack_pdf(signed_in(partnership["megchair"]), scene.meeting.pk)
    assert response.status_code == 200


def test_the_pack_page_says_what_the_pack_holds_and_names_no_child(signed_in, scene):
    before = AccessEvent.objects.count()
    web = signed_in(scene.support)
    page = web.get(f"/meetings/{scene.meeting.pk}/pack/").content.decode()
    assert "2 children on the agenda" in page
    assert "1 contextual item " in page
    assert f'<form method="post" action="/meetings/{scene.meeting.pk}/pack/"' in page
    assert "csrfmiddlewaretoken" in page
    assert "Prepare the agenda pack" in page
    assert f'href="/meetings/{scene.meeting.pk}/pack.pdf"' not in page  # nothing to download yet
    assert HANDLING in page
    assert scene.up.full_name not in page
    pack_pdf(web, scene.meeting.pk)
    before = AccessEvent.objects.count()
    page = web.get(f"/meetings/{scene.meeting.pk}/pack/").content.decode()
    assert f'href="/meetings/{scene.meeting.pk}/pack.pdf"' in page
    assert "The pack is ready" in page
    for child in (scene.up, scene.new):
        assert child.full_name not in page
        assert child.reference not in page
    assert AccessEvent.objects.count() == before


def test_a_strategy_meeting_pack_is_for_whoever_may_see_the_meeting(signed_in, partnership):
    socialworker = partnership["socialworker.nfd"]
    child = Child.objects.filter(holding_team__in=socialworker.teams.all()).first()
    assert child is not None
    meeting = Meeting.objects.create(
        kind=MeetingKind.STRATEGY,
        area=child.responsible_authority,
        child=child,
        starts_at=timezone.now() + dt.timedelta(days=2),
    )
    response = pack_pdf(signed_in(socialworker), meeting.pk)
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert child.reference in text
    assert "Strategy meeting" in text
    assert "3 months before this meeting" in text
    event = AccessEvent.objects.latest("occurred_at", "id")
    assert event.object_ids == [str(child.id)]
    other = signed_in(partnership["megsupport.nfd"])
    assert other.post(f"/meetings/{meeting.pk}/pack/").status_code == 404
    assert other.get(f"/meetings/{meeting.pk}/pack.pdf").status_code == 404


def test_the_pack_reads_as_many_queries_for_many_children_as_for_few(scene):
    def queries() -> tuple[int, int]:
        meeting = Meeting.objects.select_related("area", "chair").get(pk=scene.meeting.pk)
        with CaptureQueriesContext(connection) as captured:
            pack = meeting_pack_read(meeting=meeting)
        return len(captured), len(pack.children)

    few, two = queries()
    assert two == 2
    for _ in range(4):
        child = ChildFactory.create(holding_team=scene.up.holding_team)
        level(child, "high", at=days_ago(1), by=scene.support)
        MissingEpisode.objects.create(
            child=child, started_at=days_ago(2), reported_by="Carer", recorded_by=scene.support
        )
        plan = Plan.objects.create(
            area=child.responsible_authority, kind=PlanKind.SAFEGUARDING, child=child, created_by=scene.support
        )
        Action.objects.create(
            plan=plan,
            description="Visit",
            owning_agency=scene.up.holding_team.agency,
            due_on=timezone.localdate(),
            created_by=scene.support,
        )
    many, six = queries()
    assert six == 6
    # Nine for the agenda and its records, six for the intelligence network (meetings/selectors/network_picture.py).
    assert many == few <= 15


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (dt.datetime(2026, 5, 31, 10, tzinfo=dt.UTC), dt.datetime(2026, 2, 28, 10, tzinfo=dt.UTC)),
        (dt.datetime(2026, 2, 15, 10, tzinfo=dt.UTC), dt.datetime(2025, 11, 15, 10, tzinfo=dt.UTC)),
        (dt.datetime(2026, 3, 31, 9, tzinfo=dt.UTC), dt.datetime(2025, 12, 31, 9, tzinfo=dt.UTC)),
        (dt.datetime(2028, 5, 29, 9, tzinfo=dt.UTC), dt.datetime(2028, 2, 29, 9, tzinfo=dt.UTC)),
    ],
)
def test_without_a_previous_meeting_the_pack_looks_back_3_calendar_months(when, expected):
    assert months_before(when, 3) == expected


def test_a_held_meetings_pack_shows_the_agenda_and_levels_frozen_when_it_was_held(signed_in, scene):
    held = Meeting.objects.create(
        kind=MeetingKind.MEG, area=scene.meeting.area, starts_at=days_ago(2), status=MeetingStatus.HELD
    )
    AgendaItem.objects.create(meeting=held, position=1, child=scene.up, level="medium")
    text = pdf_text(pack_pdf(signed_in(scene.support), held.pk).content)
    assert "Children on the agenda (1)" in text
    assert "Same: Medium → Medium" in text  # medium at the meeting 30 days ago, frozen at medium here
    assert scene.new.reference not in text
