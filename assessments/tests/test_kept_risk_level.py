"""Each child's current level is kept on the child (`Child.risk_level`) in the same transaction as
each level record, so that the MEG agenda and the child gate find an area's medium and high risk
children by an index instead of reading every child's records (issue 10)."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.selectors import child_risk_level_current
from assessments.services import risk_level_record
from children.models import Child
from tests.factories import ChildFactory, staff_user


@pytest.fixture
def worker(db):
    return staff_user()


def kept(child: Child) -> str:
    return Child.objects.values_list("risk_level", flat=True).get(pk=child.pk)


def test_the_kept_level_is_the_newest_record_even_when_one_is_recorded_late(worker):
    child = ChildFactory.create(holding_team=worker.teams.get())
    assert kept(child) == ""
    risk_level_record(child=child, level=RiskLevel.MEDIUM, by=worker, source=RiskLevelSource.ASSESSMENT)
    assert kept(child) == "medium"
    earlier = timezone.now() - dt.timedelta(days=30)
    risk_level_record(
        child=child, level=RiskLevel.HIGH, by=worker, source=RiskLevelSource.ASSESSMENT, decided_at=earlier
    )
    assert kept(child) == "medium"  # a decision made earlier does not replace the newer one
    assert child.risk_level == "medium"
    risk_level_record(child=child, level=RiskLevel.LOW, by=worker, source=RiskLevelSource.MEETING)
    assert kept(child) == "low"
    assert kept(child) == child_risk_level_current(child_id=child.pk)


@pytest.mark.django_db(transaction=True)
def test_two_levels_recorded_at_once_keep_the_newest(worker):
    """Two practitioners confirm a level for one child at the same moment: the child's row is locked,
    so they take turns, and the kept level is the newer record's, whichever commits last."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time: there is no race to show")
    child = ChildFactory.create(holding_team=worker.teams.get())
    barrier = threading.Barrier(2)

    def record(level: RiskLevel) -> None:
        barrier.wait()
        try:
            risk_level_record(child=child, level=level, by=worker, source=RiskLevelSource.ASSESSMENT)
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(level,)) for level in (RiskLevel.MEDIUM, RiskLevel.HIGH)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert kept(child) == child_risk_level_current(child_id=child.pk)
