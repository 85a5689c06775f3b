"""Procedure correction 1 (decision 0026). Seed 003, section 2.2, "If a child is from out of authority,
living in Darlington": "The CAP will inform the child's placing social worker. The placing Local
Authority can make a referral to the Designated CSE Worker and a referral should be made to the
Darlington Safeguarding Partnership Missing and Exploited Group (MEG)."

The routing refers such a child to the MEG whatever the level; a referral to the MEG must therefore
put the child on the MEG's agenda, even at low risk, until the MEG records a decision to take them off."""

import datetime as dt
import itertools
import uuid

import pytest
from django.utils import timezone

from assessments.levels import RiskLevel
from assessments.models import RiskLevelRecord, RiskLevelSource
from assessments.services import risk_level_record
from children.access import child_visible_queryset
from children.case_status import CaseStatus
from children.models import Child
from children.services import NewChild
from frontdoor.models import ReporterRelationship, Task, TaskStatus
from frontdoor.routing import RoutingInput, TaskCode, route
from frontdoor.services.contacts import ContactDetails, contact_create
from frontdoor.services.screening import screening_answers_save, screening_decide, screening_start
from frontdoor.services.tasks import task_complete
from frontdoor.task_release import Outcome
from meetings.agenda import ChildStanding, on_agenda
from meetings.models import AgendaRemoval, MegSchedule, RemovalReason
from meetings.selectors.agenda import meg_agenda_child_ids, meg_agenda_condition, meg_agenda_entries
from meetings.services.agenda import agenda_removal_record
from meetings.services.schedule import meg_meetings_schedule
from tests.factories import ChildFactory

SEED_003_2_2 = (
    "The CAP will inform the child's placing social worker. The placing Local Authority can make a referral to "
    "the Designated CSE Worker and a referral should be made to the Darlington Safeguarding Partnership Missing "
    "and Exploited Group (MEG)."
)


def test_the_routing_refers_a_child_from_another_authority_to_the_meg_at_every_level():
    for level in RiskLevel:
        decision = route(
            RoutingInput(
                case_status=CaseStatus.OUT_OF_AUTHORITY,
                risk_level=level,
                age_years=14,
                learning_disability=False,
                immediate_risk=False,
            )
        )
        assert TaskCode.REFER_TO_MEG in [task.code for task in decision.tasks], SEED_003_2_2
        assert decision.meg_agenda, SEED_003_2_2


def screen_out_of_authority(screener, level: RiskLevel) -> Child:
    contact = contact_create(
        recorded_by=screener,
        new_child=NewChild(first_name="Tia", last_name="Brackenbury"),
        details=ContactDetails(
            received_at=timezone.now(),
            reporter_relationship=ReporterRelationship.PROFESSIONAL,
            reporter_organisation="Northfield Academy",
            concern="Placed here by another council; seen with older men.",
            immediate_risk=False,
        ),
    )
    screening = screening_start(contact=contact, by=screener)
    screening_answers_save(
        screening=screening,
        case_status=CaseStatus.OUT_OF_AUTHORITY,
        selected=frozenset(),
        domain_notes={},
        by=screener,
    )
    screening_decide(
        screening=screening,
        by=screener,
        confirmed_level=level,
        reason="Practitioner's judgement.",
        review_due_on=timezone.localdate() + dt.timedelta(days=30),
        age_estimate=14,
    )
    return contact.child


def on_the_agenda(child: Child) -> bool:
    return child.id in {entry.child_id for entry in meg_agenda_entries(area=child.responsible_authority)}


@pytest.mark.usefixtures("assessment_tool")
def test_a_low_risk_child_from_another_authority_is_on_the_agenda_until_the_meg_takes_them_off(partnership, signed_in):
    screener, support = partnership["screener.nfd"], partnership["megsupport.nfd"]
    child = screen_out_of_authority(screener, RiskLevel.LOW)
    referral = Task.objects.get(child=child, code=TaskCode.REFER_TO_MEG)
    assert referral.status == TaskStatus.OPEN
    assert on_the_agenda(child), SEED_003_2_2
    entry = next(e for e in meg_agenda_entries(area=child.responsible_authority) if e.child_id == child.id)
    assert entry.level == "low"
    # The MEG's business support sees the child they must prepare for, on the agenda page too.
    assert child in child_visible_queryset(support)
    area = child.responsible_authority
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10))
    meeting = meg_meetings_schedule(area=area, months=1)[0]
    assert child.full_name in signed_in(support).get(f"/meetings/{meeting.pk}/").content.decode()

    # Making the referral (the task done) keeps the child on: the MEG has not discussed them yet.
    task_complete(task=referral, by=screener, outcome=Outcome())
    assert on_the_agenda(child)
    # Only a recorded decision takes them off.
    agenda_removal_record(meeting=meeting, child=child, reason=RemovalReason.OTHER, note="Discussed: low.", by=support)
    assert not on_the_agenda(child)
    assert child not in child_visible_queryset(support)


@pytest.mark.usefixtures("assessment_tool")
def test_a_level_confirmed_after_the_referral_was_made_decides_again(partnership):
    screener = partnership["screener.nfd"]
    child = screen_out_of_authority(screener, RiskLevel.LOW)
    referral = Task.objects.get(child=child, code=TaskCode.REFER_TO_MEG)
    task_complete(task=referral, by=screener, outcome=Outcome())
    risk_level_record(child=child, level=RiskLevel.LOW, by=screener, source=RiskLevelSource.ASSESSMENT)
    assert not on_the_agenda(child)
    risk_level_record(child=child, level=RiskLevel.MEDIUM, by=screener, source=RiskLevelSource.ASSESSMENT)
    assert on_the_agenda(child)


T0 = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
REFERRAL = [None, "open", "done", "waiting", "cancelled"]
LEVEL_AFTER = [None, -1, 0, 1]  # the latest level confirmed, days from the referral (None: none)
REMOVED = [None, -1, 0, 1]  # a decision to take the child off, days from the referral


@pytest.mark.usefixtures("assessment_tool")
def test_the_gate_gives_the_rules_answer_for_every_referral(partnership):
    support = partnership["megsupport.nfd"]
    area = support.teams.select_related("agency__area").get().agency.area
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10))
    meeting = meg_meetings_schedule(area=area, months=1)[0]
    team = partnership["socialworker.nfd"].teams.get()
    made, expected = [], set()
    for referral, level_after, removed in itertools.product(REFERRAL, LEVEL_AFTER, REMOVED):
        child = ChildFactory.create(holding_team=team, home_authority=area, risk_level="low" if level_after else "")
        if referral is not None:
            Task.objects.create(
                child=child,
                code=TaskCode.REFER_TO_MEG,
                owner="front_door",
                team=team,
                status=referral,
                reason="Referral.",
                created_at=T0,
            )
        if level_after is not None:
            RiskLevelRecord.objects.create(
                child=child,
                level="low",
                decided_at=T0 + dt.timedelta(days=level_after),
                decided_by=support,
                source=RiskLevelSource.ASSESSMENT,
            )
        if removed is not None:
            AgendaRemoval.objects.create(
                meeting=meeting,
                child=child,
                reason=RemovalReason.OTHER,
                note="Discussed.",
                decided_at=T0 + dt.timedelta(days=removed),
                decided_by=support,
            )
        standing = ChildStanding(
            child_id=uuid.uuid4(),
            level="low" if level_after is not None else "",
            reached_medium_or_high_at=None,
            removed_at=T0 + dt.timedelta(days=removed) if removed is not None else None,
            referred_at=T0 if referral in ("open", "done") else None,
            referral_to_do=referral == "open",
            level_confirmed_at=T0 + dt.timedelta(days=level_after) if level_after is not None else None,
        )
        if on_agenda(standing):
            expected.add(child.pk)
        made.append(child.pk)
    by_the_rule = set(meg_agenda_child_ids(area_ids=[area.pk])) & set(made)
    by_the_database = set(
        Child.objects.filter(meg_agenda_condition(area_ids=[area.pk]), pk__in=made).values_list("pk", flat=True)
    )
    assert by_the_rule == expected
    assert by_the_database == by_the_rule
    assert 0 < len(by_the_rule) < len(made)
    # An open referral keeps the child on whatever level follows; a done one until a later level; a waiting
    # or cancelled one never; a decision at or after the referral takes the child off.
    assert (
        on_agenda(
            ChildStanding(
                child_id=uuid.uuid4(),
                level="low",
                reached_medium_or_high_at=None,
                removed_at=None,
                referred_at=T0,
                referral_to_do=False,
                level_confirmed_at=T0 + dt.timedelta(days=1),
            )
        )
        is False
    )
