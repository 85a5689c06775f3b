"""The overdue rule, at its boundaries: open or in progress, and due before today."""

import datetime as dt

import pytest

from meetings.actions_due import STILL_TO_DO, is_overdue, overdue_first
from meetings.models import ActionStatus
from meetings.models.plans import OPEN_ACTION_STATUSES

TODAY = dt.date(2026, 3, 10)


def test_the_rule_knows_the_models_open_statuses():
    assert {str(status) for status in OPEN_ACTION_STATUSES} == STILL_TO_DO


@pytest.mark.parametrize("status", list(ActionStatus))
@pytest.mark.parametrize(
    ("due_on", "late"),
    [
        (TODAY - dt.timedelta(days=30), True),
        (TODAY - dt.timedelta(days=1), True),
        (TODAY, False),  # due today: the agency has until the end of the day
        (TODAY + dt.timedelta(days=1), False),
    ],
)
def test_overdue_over_every_status_and_boundary(status, due_on, late):
    expected = late and status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
    assert is_overdue(status=status, due_on=due_on, today=TODAY) is expected


def test_overdue_across_a_year_end():
    assert is_overdue(status="open", due_on=dt.date(2025, 12, 31), today=dt.date(2026, 1, 1))
    assert not is_overdue(status="open", due_on=dt.date(2026, 1, 1), today=dt.date(2026, 1, 1))


def test_overdue_first_then_soonest_due():
    items = [
        ("later", dt.date(2026, 4, 1), False),
        ("late", dt.date(2026, 3, 1), True),
        ("soon", dt.date(2026, 3, 12), False),
        ("later late", dt.date(2026, 3, 9), True),
    ]
    ordered = overdue_first(items, overdue=lambda item: item[2], due_on=lambda item: item[1])
    assert [item[0] for item in ordered] == ["late", "later late", "soon", "later"]
