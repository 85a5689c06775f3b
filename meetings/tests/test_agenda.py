"""Rule 9: the MEG oversees every medium and high risk case. A child at medium or high risk is on
the next agenda whatever route brought them there; only a recorded decision takes them off."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments.levels import RiskLevel
from children.case_status import CaseStatus
from children.models import Child
from children.services import NewChild
from frontdoor.models import ReporterRelationship
from frontdoor.services.contacts import ContactDetails, contact_create
from frontdoor.services.reassessment import reassessment_complete, reassessment_start
from frontdoor.services.screening import screening_answers_save, screening_decide, screening_start
from meetings.agenda import ChildStanding, on_agenda
from meetings.models import MegSchedule, RemovalReason
from meetings.schedule import LAST
from meetings.selectors.agenda import meg_agenda_entries, meg_next
from meetings.services.agenda import agenda_removal_record
from meetings.services.schedule import meg_meetings_schedule

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
def test_a_new_contact_at_medium_or_high_puts_the_child_on_the_agenda(partnership, level):
    screener = partnership["screener.nfd"]
    contact = contact_create(
        recorded_by=screener, new_child=NewChild(first_name="Ria", last_name="Tanfield"), details=details()
    )
    assert not on_next_agenda(contact.child)
    screen(screener, contact=contact, status=CaseStatus.NEW_CASE, level=level)
    entry = next(
        e for e in meg_agenda_entries(area=contact.child.responsible_authority) if e.child_id == contact.child.id
    )
    assert (entry.level, entry.new) == (level, True)  # the open MEG referral marks it new


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
    screen(screener, contact=contact, status=CaseStatus.NEW_CASE, level=RiskLevel.HIGH)
    child = contact.child
    with pytest.raises(ValidationError, match="Say why"):
        agenda_removal_record(meeting=meeting, child=child, reason=RemovalReason.OTHER, note="", by=support)
    assert on_next_agenda(child)
    agenda_removal_record(meeting=meeting, child=child, reason=RemovalReason.MOVED_AWAY, note="", by=support)
    assert not on_next_agenda(child)
    again = contact_create(recorded_by=screener, child_id=child.id, details=details())
    screen(screener, contact=again, status=CaseStatus.NEW_CASE, level=RiskLevel.MEDIUM)
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
    screen(screener, contact=contact, status=CaseStatus.NEW_CASE, level=RiskLevel.HIGH)
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
        screen(screener, contact=contact, status=CaseStatus.OPEN_SOCIAL_CARE, level=RiskLevel.HIGH)
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
