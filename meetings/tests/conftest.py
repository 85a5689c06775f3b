"""Fixtures the plans and actions tests share: a high risk child of Northfield, its MEG and its plan."""

import datetime as dt

import pytest

from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from children.models import Child
from meetings.models import MegSchedule
from meetings.services.plans import plan_for_child_get_or_create
from meetings.services.schedule import meg_meetings_schedule


@pytest.fixture
def area(partnership):
    return partnership["megsupport.nfd"].teams.select_related("agency__area").get().agency.area


@pytest.fixture
def child(partnership, area):
    child = Child.objects.filter(responsible_authority=area).order_by("reference").first()
    assert child is not None
    risk_level_record(
        child=child, level=RiskLevel.HIGH, by=partnership["screener.nfd"], source=RiskLevelSource.ASSESSMENT
    )
    return child


@pytest.fixture
def meeting(area):
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10))
    return meg_meetings_schedule(area=area, months=2)[0]


@pytest.fixture
def plan(partnership, child):
    return plan_for_child_get_or_create(child=child, by=partnership["megsupport.nfd"])
