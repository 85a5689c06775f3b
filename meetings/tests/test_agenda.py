"""Rule 9: the MEG oversees every medium and high risk case. A child at medium or high risk is on
the next agenda whatever route brought them there; only a recorded decision takes them off."""

import datetime as dt
import uuid
from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments.levels import RiskLevel
from children.case_status import CaseStatus
from children.models import Child
from children.services import NewChild
from frontdoor.models import ReporterRelationship, Task, TaskStatus
from frontdoor.services.contacts import ContactDetails, contact_create
from frontdoor.services.reassessment import reassessment_complete, reassessment_start
from frontdoor.services.screening import screening_answers_save, screening_decide, screening_start
from meetings.agenda import ChildStanding, on_agenda
from meetings.models import MegSchedule, RemovalReason
from meetings.schedule import LAST
from meetings.selectors.agenda import meg_agenda_entries, meg_next
from meetings.services.agenda import agenda_removal_record
from meetings.services.records import meeting_hold
from meetings.services.schedule import meg_meetings_schedule
from meetings.tests.test_meeting_outcome import decide_and_hold

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize("level", [None, "low", "medium", "high"])
@pytest.mark.parametrize("removed", [None, "before", "after"])
def test_the_rule_over_every_case(level, removed):
    reached = T0 if level in ("medium", "high") else None
    removed_at = {None: None, "before": T0 - dt.timedelta(days=1), "after": T0 + dt.timedelta(days=1)}[removed]
    standing = ChildStanding(
        child_id=uuid.uuid4(),
        level=level,
        reached_medium_or_high_at=reached,
        removed_at=removed_at,
    )
    expected = level in ("medium", "high") and removed != "after"
    assert on_agenda(standing) is expected


# --- Through the real services ------------------------------------------------------------------


def details() -> ContactDetails:
    return ContactDetails(
        received_at=timezone.now(),
        reporter_relationship=ReporterRelationship.PROFESSIONAL,
        reporter_organisation="Northfield Academy",
        concern="Seen with older men.",
        immediate_risk=False,
    )


def screen(screener, *, contact, status, level):
    screening = screening_start(contact=contact, by=screener)
    screening_answers_save(screening=screening, case_status=status, selected=frozenset(), domain_notes={}, by=screener)
    screening_decide(
        screening=screening,
        by=screener,
        confirmed_level=level,
        reason="Practitioner's judgement.",
        review_due_on=timezone.localdate() + dt.timedelta(days=30),
        age_estimate=14,
    )


def on_next_agenda(child: Child) -> bool:
    return child.id in {entry.child_id for entry in meg_agenda_entries(area=child.responsible_authority)}


@pytest.mark.usefixtures("assessment_tool")
@pytest.mark.parametrize("level", [RiskLevel.MEDIUM, RiskLevel.HIGH])
def test_a_new_case_joins_the_agenda_when_the_meeting_determines_medium_or_high(partnership, signed_in, level):
    """Seed 003, 2.2, a new case: "If a Strategy or multi agency meeting determines the level of risk is
    medium or high the case should be referred to the Children and Families Assessment Team and the
    Designated CSE worker. All medium and high risk cases should be referred to the Darlington Safeguarding
    Partnership Missing and Exploited Group." The agenda agrees with the routing (decision 0034): screened
    medium or high, the child is not on it before the meeting has determined the level."""
    screener, support = partnership["screener.nfd"], partnership["megsupport.nfd"]
    area = screener.teams.get().agency.area
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10, 0), location="Town hall")
    meeting = meg_meetings_schedule(area=area, months=2)[0]
    contact = contact_create(
        recorded_by=screener, new_child=NewChild(first_name="Ria", last_name="Tanfield"), details=details()
    )
    screen(screener, contact=contact, status=CaseStatus.NEW_CASE, level=level)
    child = contact.child
    referral = Task.objects.get(child=child, code="refer_to_meg")
    assert (referral.status, referral.condition) == (TaskStatus.WAITING, "meeting_confirms_medium_or_high")
    agenda = signed_in(support).get(f"/meetings/{meeting.pk}/")
    assert agenda.status_code == 200
    assert "Ria Tanfield" not in agenda.content.decode()
    assert not on_next_agenda(child)

    strategy = decide_and_hold(partnership, signed_in, child)
    meeting_hold(meeting=strategy, by=partnership["firstresponse.nfd"])
    response = signed_in(partnership["firstresponse.nfd"]).post(
        f"/meetings/{strategy.pk}/outcome/", {"level": level.value, "outcome": "Safety plan agreed."}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == TaskStatus.OPEN
    page = signed_in(support).get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Ria Tanfield" in page
    entry = next(e for e in meg_agenda_entries(area=area) if e.child_id == child.id)
    assert (entry.level, entry.new) == (level, True)  # the released MEG referral marks it new


@pytest.mark.usefixtures("assessment_tool")
def test_a_new_case_the_meeting_determines_low_never_joins_the_agenda(partnership, signed_in):
    screener = partnership["screener.nfd"]
    contact = contact_create(
        recorded_by=screener, new_child=NewChild(first_name="Ria", last_name="Tanfield"), details=details()
    )
    screen(screener, contact=contact, status=CaseStatus.NEW_CASE, level=RiskLevel.HIGH)
    strategy = decide_and_hold(partnership, signed_in, contact.child)
    meeting_hold(meeting=strategy, by=partnership["firstresponse.nfd"])
    signed_in(partnership["firstresponse.nfd"]).post(
        f"/meetings/{strategy.pk}/outcome/", {"level": "low", "outcome": "The concern is not CSE."}
    )
    assert Task.objects.get(child=contact.child, code="refer_to_meg").status == TaskStatus.CANCELLED
    assert not on_next_agenda(contact.child)


@pytest.mark.usefixtures("assessment_tool")
def test_open_to_social_care_the_child_joins_when_the_social_workers_assessment_finds_medium_or_high(partnership):
    """Seed 003, 2.2, open to Social Care: "the social worker will complete the CSE risk assessment form to
    determine the level of risk ... If medium or high risk the Social Worker must refer to the ... Missing
    and Exploited Children Group" (decision 0028): the front door's screened level does not put them on."""
    screener = partnership["screener.nfd"]
    contact = contact_create(
        recorded_by=screener, new_child=NewChild(first_name="Sol", last_name="Carrow"), details=details()
    )
    screen(screener, contact=contact, status=CaseStatus.OPEN_SOCIAL_CARE, level=RiskLevel.HIGH)
    assert Task.objects.get(child=contact.child, code="refer_to_meg").status == TaskStatus.WAITING
    assert not on_next_agenda(contact.child)


@pytest.mark.usefixtures("assessment_tool")
def test_a_child_already_on_the_agenda_stays_while_a_new_referral_waits(partnership):
    screener, socialworker = partnership["screener.nfd"], partnership["socialworker.nfd"]
    child = socialworker.allocations.filter(child__case_status=CaseStatus.OPEN_SOCIAL_CARE).first().child
    assessment = reassessment_start(child=child, by=socialworker)
    reassessment_complete(
        assessment=assessment, by=socialworker, confirmed_level=RiskLevel.HIGH, reason="Escalating.", review_due_on=None
    )
    assert on_next_agenda(child)
    Task.objects.filter(child=child, code="refer_to_meg").delete()  # on the agenda by level alone
    again = contact_create(recorded_by=screener, child_id=child.id, details=details())
    screen(screener, contact=again, status=CaseStatus.OPEN_SOCIAL_CARE, level=RiskLevel.HIGH)
    assert Task.objects.filter(child=child, code="refer_to_meg", status=TaskStatus.WAITING).exists()
    assert on_next_agenda(child)


def test_the_rule_holds_back_a_child_whose_referral_waits_unless_on_the_agenda_before():
    waiting_since = T0 + dt.timedelta(days=1)
    screened_high = ChildStanding(
        child_id=uuid.uuid4(),
        level="high",
        reached_medium_or_high_at=T0 + dt.timedelta(days=1, minutes=5),
        removed_at=None,
        referral_waiting_since=waiting_since,
    )
    assert on_agenda(screened_high) is False
    assert on_agenda(replace(screened_high, referral_waiting_since=None)) is True
    before = replace(screened_high, level_before_waiting="medium", reached_before_waiting_at=T0)
    assert on_agenda(before) is True
    taken_off_before = replace(before, removed_before_waiting_at=T0 + dt.timedelta(hours=1))
    assert on_agenda(taken_off_before) is False
    low_before = replace(before, level_before_waiting="low")
    assert on_agenda(low_before) is False


@pytest.mark.usefixtures("assessment_tool")
def test_a_review_that_raises_the_level_puts_the_child_on_the_agenda(partnership):
    socialworker = partnership["socialworker.nfd"]
    child = socialworker.allocations.filter(child__case_status=CaseStatus.OPEN_SOCIAL_CARE).first().child
    assert not on_next_agenda(child)
    assessment = reassessment_start(child=child, by=socialworker)
    reassessment_complete(
        assessment=assessment, by=socialworker, confirmed_level=RiskLevel.HIGH, reason="Escalating.", review_due_on=None
    )
    assert on_next_agenda(child)


@pytest.mark.usefixtures("assessment_tool")
def test_a_child_moving_in_from_another_authority_at_medium_is_on_the_agenda(partnership):
    screener = partnership["screener.nfd"]
    contact = contact_create(
        recorded_by=screener, new_child=NewChild(first_name="Cal", last_name="Moorside"), details=details()
    )
    screen(screener, contact=contact, status=CaseStatus.OUT_OF_AUTHORITY, level=RiskLevel.MEDIUM)
    assert on_next_agenda(contact.child)


@pytest.mark.any_moment
@pytest.mark.usefixtures("assessment_tool")
def test_only_a_recorded_decision_takes_a_child_off_and_a_new_rise_puts_them_back(partnership):
    screener, support = partnership["screener.nfd"], partnership["megsupport.nfd"]
    area = screener.teams.get().agency.area
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10, 0), location="Town hall")
    meeting = meg_meetings_schedule(area=area, months=3)[0]
    assert meg_next(area=area, after=timezone.now()) == meeting
    contact = contact_create(
        recorded_by=screener, new_child=NewChild(first_name="Ria", last_name="Tanfield"), details=details()
    )
    screen(screener, contact=contact, status=CaseStatus.OPEN_EARLY_HELP, level=RiskLevel.HIGH)
    child = contact.child
    with pytest.raises(ValidationError, match="Say why"):
        agenda_removal_record(meeting=meeting, child=child, reason=RemovalReason.OTHER, note="", by=support)
    assert on_next_agenda(child)
    agenda_removal_record(meeting=meeting, child=child, reason=RemovalReason.MOVED_AWAY, note="", by=support)
    assert not on_next_agenda(child)
    again = contact_create(recorded_by=screener, child_id=child.id, details=details())
    screen(screener, contact=again, status=CaseStatus.OPEN_EARLY_HELP, level=RiskLevel.MEDIUM)
    assert on_next_agenda(child)


@pytest.mark.usefixtures("assessment_tool")
def test_risk_reduced_is_a_decision_about_the_level_too(partnership):
    screener, support = partnership["screener.nfd"], partnership["megsupport.nfd"]
    area = screener.teams.get().agency.area
    MegSchedule.objects.create(area=area, week=LAST, weekday=3, starts_at=dt.time(14, 0))
    meeting = meg_meetings_schedule(area=area, months=1)[0]
    contact = contact_create(
        recorded_by=screener, new_child=NewChild(first_name="Ria", last_name="Tanfield"), details=details()
    )
    screen(screener, contact=contact, status=CaseStatus.OPEN_EARLY_HELP, level=RiskLevel.HIGH)
    agenda_removal_record(meeting=meeting, child=contact.child, reason=RemovalReason.RISK_REDUCED, note="", by=support)
    latest = contact.child.risk_levels.order_by("-decided_at", "-id").first()
    assert latest is not None
    assert latest.level == "low"
    assert not on_next_agenda(contact.child)


def test_a_long_agenda_is_shown_a_page_at_a_time_and_each_page_logs_only_its_children(
    partnership, signed_in, monkeypatch
):
    from audit.models import AccessEvent
    from meetings.selectors import agenda as agenda_selectors

    screener, support = partnership["screener.nfd"], partnership["megsupport.nfd"]
    area = screener.teams.get().agency.area
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10, 0), location="Town hall")
    meeting = meg_meetings_schedule(area=area, months=2)[0]
    for name in ("Ada", "Bea", "Cy"):
        contact = contact_create(
            recorded_by=screener, new_child=NewChild(first_name=name, last_name="Pager"), details=details()
        )
        screen(screener, contact=contact, status=CaseStatus.OPEN_EARLY_HELP, level=RiskLevel.HIGH)
    entries = meg_agenda_entries(area=area)
    assert len(entries) >= 3
    monkeypatch.setattr(agenda_selectors, "AGENDA_PAGE", 2)
    web = signed_in(support)
    pages = [
        web.get(f"/meetings/{meeting.pk}/?page={number}").content.decode() for number in range(1, len(entries) // 2 + 2)
    ]
    assert f"Children ({len(entries)})" in pages[0]
    assert f"Showing 1 to 2 of {len(entries)} children on the agenda." in pages[0]
    links = [f'href="/children/{entry.child_id}/"' for entry in entries]
    assert all(sum(link in page for page in pages) == 1 for link in links), "every child on exactly one page"
    web.get(f"/meetings/{meeting.pk}/?page=1")
    logged = AccessEvent.objects.filter(user=support, object_type="child").order_by("-pk").first()
    assert logged is not None
    assert sorted(logged.object_ids) == sorted(str(entry.child_id) for entry in entries[:2])
    past_the_end = web.get(f"/meetings/{meeting.pk}/?page=999").content.decode()
    assert "This page of the agenda is past its end" in past_the_end


def test_the_agenda_paged_in_the_database_is_the_whole_agenda_page_by_page(partnership):
    """The agenda page asks the database for one page with the rule in SQL; page after page it is
    the agenda the rule gives, in its order, with the same levels and the same children marked new."""
    from meetings.agenda import AgendaEntry
    from meetings.selectors.agenda import meg_agenda_page_entries

    screener = partnership["screener.nfd"]
    area = screener.teams.get().agency.area
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10, 0), location="Town hall")
    meeting = meg_meetings_schedule(area=area, months=2)[0]
    for name, level in (
        ("Ada", RiskLevel.HIGH),
        ("Bea", RiskLevel.MEDIUM),
        ("Cy", RiskLevel.HIGH),
        ("Di", RiskLevel.LOW),
    ):
        contact = contact_create(
            recorded_by=screener, new_child=NewChild(first_name=name, last_name="Pager"), details=details()
        )
        screen(screener, contact=contact, status=CaseStatus.OPEN_EARLY_HELP, level=level)
    whole = meg_agenda_entries(area=area, before=meeting.starts_at)
    assert len(whole) >= 3
    paged: list[AgendaEntry] = []
    for number in range(1, len(whole) // 2 + 3):
        entries, total = meg_agenda_page_entries(area=area, before=meeting.starts_at, page=number, per_page=2)
        assert total == len(whole)
        paged.extend(entries)
    assert paged == whole
