"""The MEG agenda grant is evaluated by the database, in the child gate's own query: the condition
(`meg_agenda_condition`) gives, case by case, the answer of the pure rule (`meetings.agenda.on_agenda`,
read through `meg_agenda_child_ids`), and a MEG chair's page no longer reads the agendas to open one
child."""

import datetime as dt
import itertools
from unittest import mock

import pytest

from accounts.models import Area, User
from assessments.models import RiskLevelRecord, RiskLevelSource
from children.models import Child
from demo.generator.everything import demo_generate
from frontdoor.models import Task, TaskStatus
from frontdoor.routing import TaskCode
from meetings.models import AgendaRemoval, MegSchedule, RemovalReason
from meetings.selectors import agenda as agenda_selectors
from meetings.selectors.agenda import meg_agenda_child_ids, meg_agenda_condition, meg_agenda_entries
from meetings.services.schedule import meg_meetings_schedule
from tests.factories import ChildFactory

T0 = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
LEVELS = ["", "low", "medium", "high"]  # the child's current level ("": not assessed)
REACHED = [None, "medium", "high"]  # the level last confirmed at T0 (None: never medium or high)
REMOVED = [None, -1, 0, 1]  # a decision to take the child off, days from T0 (0: at the same moment)
# A referral to the MEG waiting for a finding, raised days from T0 (None: none waits): before the level
# confirmed at T0 (the child was not on the agenda then, unless by the older high), or after it.
WAITING = [None, -2, 2]


@pytest.fixture
def agenda_child(db, assessment_tool):
    demo_generate(seed=3, children_per_area=8)
    entries = meg_agenda_entries(area=Area.objects.get(code="NFD"))
    assert entries, "the demo's MEG has children on its agenda"
    return entries[0].child_id


def test_the_condition_gives_the_rules_answer_in_every_case(partnership) -> None:
    support = partnership["megsupport.nfd"]
    area = support.teams.select_related("agency__area").get().agency.area
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10))
    meeting = meg_meetings_schedule(area=area, months=1)[0]
    team = partnership["socialworker.nfd"].teams.get()
    made = []
    for level, reached, removed, waiting in itertools.product(LEVELS, REACHED, REMOVED, WAITING):
        child = ChildFactory.create(holding_team=team, home_authority=area, risk_level=level)
        if waiting is not None:
            Task.objects.create(
                child=child,
                code=TaskCode.REFER_TO_MEG,
                owner="case_holding_social_worker",
                team=team,
                status=TaskStatus.WAITING,
                condition="meeting_confirms_medium_or_high",
                reason="Referral, once the meeting confirms the level.",
                created_at=T0 + dt.timedelta(days=waiting),
            )
        if reached is not None:
            RiskLevelRecord.objects.create(
                child=child, level=reached, decided_at=T0, decided_by=support, source=RiskLevelSource.ASSESSMENT
            )
            # An older medium or high level: the latest is the one the rule compares.
            RiskLevelRecord.objects.create(
                child=child,
                level="high",
                decided_at=T0 - dt.timedelta(days=30),
                decided_by=support,
                source=RiskLevelSource.ASSESSMENT,
            )
        if removed is not None:
            AgendaRemoval.objects.create(
                meeting=meeting,
                child=child,
                reason=RemovalReason.RISK_REDUCED,
                decided_at=T0 + dt.timedelta(days=removed),
                decided_by=support,
            )
        made.append(child.pk)
    by_the_rule = set(meg_agenda_child_ids(area_ids=[area.pk])) & set(made)
    by_the_database = set(
        Child.objects.filter(meg_agenda_condition(area_ids=[area.pk]), pk__in=made).values_list("pk", flat=True)
    )
    assert by_the_database == by_the_rule
    assert 0 < len(by_the_rule) < len(made), "the cases put some children on the agenda and leave others off"
    waiting_and_on = Task.objects.filter(child__in=by_the_rule, status=TaskStatus.WAITING)
    waiting_and_off = Task.objects.filter(child__in=set(made) - by_the_rule, status=TaskStatus.WAITING)
    assert waiting_and_on.exists(), "a child on the agenda before the waiting referral stays"
    assert waiting_and_off.filter(child__risk_level__in=["medium", "high"]).exists(), "a waiting one holds back"
    other_area = Area.objects.exclude(pk=area.pk).first()
    assert other_area is not None
    assert not Child.objects.filter(meg_agenda_condition(area_ids=[other_area.pk]), pk__in=made).exists()


def test_a_meg_chairs_page_asks_the_agenda_in_the_gate_without_reading_the_agendas(agenda_child, signed_in) -> None:
    chair = User.objects.get(username="megchair")
    client = signed_in(chair)
    with mock.patch("meetings.selectors.agenda._standings", wraps=agenda_selectors._standings) as read:
        response = client.get(f"/children/{agenda_child}/")
    assert response.status_code == 200
    assert read.call_count == 0
