"""The partnership report's arithmetic and suppression, without a database."""

import itertools

import pytest

from challenges.escalation import DecisionKind, Level, Status
from challenges.report import (
    FEWER_THAN,
    NOT_GIVEN,
    NOT_SHOWN,
    ChallengeRow,
    challenge_report_build,
    median_days_shown,
    suppress_count,
    suppress_table,
)


@pytest.mark.parametrize(("count", "shown"), [(0, "0"), (1, FEWER_THAN), (4, FEWER_THAN), (5, "5"), (123, "123")])
def test_counts_from_1_to_4_are_fewer_than_5(count, shown):
    assert suppress_count(count) == shown
    assert FEWER_THAN == "fewer than 5"


def test_a_negative_count_is_a_bug():
    with pytest.raises(ValueError, match="cannot be negative"):
        suppress_count(-1)
    with pytest.raises(ValueError, match="cannot be negative: b has -2"):
        suppress_table({"a": 1, "b": -2})


@pytest.mark.parametrize("counts", list(itertools.product(range(8), repeat=3)))
def test_no_small_number_can_be_read_or_worked_out_from_a_table(counts):
    """Every table of three cells with counts 0-7: no count from 1 to 4 is shown, and none can be
    recovered by subtracting the shown counts from the total."""
    table = dict(zip("abc", counts, strict=True))
    shown = suppress_table(table)
    total = sum(counts)
    hidden = [label for label in table if not shown[label].isdigit()]
    for label, count in table.items():
        if 0 < count < 5:
            assert shown[label] == FEWER_THAN
        elif label not in hidden:
            assert shown[label] == str(count)
        else:
            assert shown[label] == NOT_SHOWN
    if total >= 5:  # the total is shown
        # one hidden cell alone would be the total minus the shown ones
        assert len(hidden) != 1
    # hiding is minimal: at most one cell more than the small ones
    assert len(hidden) - sum(0 < count < 5 for count in counts) <= 1


def test_secondary_suppression_hides_the_smallest_other_count():
    assert suppress_table({"open": 12, "resolved": 3, "withdrawn": 6}) == {
        "open": "12",
        "resolved": FEWER_THAN,
        "withdrawn": NOT_SHOWN,
    }
    assert suppress_table({"open": 12, "resolved": 3, "withdrawn": 2}) == {
        "open": "12",
        "resolved": FEWER_THAN,
        "withdrawn": FEWER_THAN,
    }
    assert suppress_table({"open": 0, "resolved": 0, "withdrawn": 0}) == {
        "open": "0",
        "resolved": "0",
        "withdrawn": "0",
    }


@pytest.mark.parametrize(
    ("days", "shown"), [([], "Not shown"), ([1.0] * 4, "Not shown"), ([1, 2, 3, 4, 10], "3.0 days")]
)
def test_the_median_needs_5_resolved_challenges(days, shown):
    assert median_days_shown(days).startswith(shown)


def _row(status=Status.OPEN, level=Level.PRACTITIONERS, kind=None, agency="Northfield Council", days=None):
    return ChallengeRow(status=status, level=level, decision_kind=kind, raiser_agency=agency, days_to_resolve=days)


def test_the_report_counts_every_dimension():
    rows = (
        [_row(kind=DecisionKind.SCREENING) for _ in range(6)]
        + [
            _row(Status.RESOLVED, Level.MANAGERS, DecisionKind.MEG, "Northfield Police", days)
            for days in (1, 2, 3, 4, 5.5)
        ]
        + [_row(Status.WITHDRAWN, Level.PARTNERSHIP, None, "Northfield Police")]
    )
    report = challenge_report_build(
        rows=rows, agencies=["Northfield Council", "Northfield Police", "Northfield School"]
    )
    assert report.total.shown == "12"
    assert report.median_days_to_resolve == "3.0 days"
    tables = {table.title: {cell.label: cell.shown for cell in table.cells} for table in report.tables}
    assert tables["Challenges by status"] == {"Open": "6", "Resolved": NOT_SHOWN, "Withdrawn": FEWER_THAN}
    by_level = tables["Challenges by the highest level they reached"]
    assert by_level["Level 1: practitioner to practitioner"] == "6"
    assert by_level["Level 2: team managers or supervisors"] == NOT_SHOWN
    assert by_level["Level 3: heads of service or designated safeguarding leads"] == "0"
    assert by_level["Level 4: safeguarding partnership business unit or independent chair"] == FEWER_THAN
    by_kind = tables["Challenges by the kind of decision challenged"]
    assert (by_kind["Screening or risk level"], by_kind["MEG decision"], by_kind[NOT_GIVEN]) == (
        "6",
        NOT_SHOWN,
        FEWER_THAN,
    )
    assert by_kind["Case closure"] == "0"
    assert tables["Challenges by the agency of the person who raised them"] == {
        "Northfield Council": "6",
        "Northfield Police": "6",
        "Northfield School": "0",
    }
    assert all(table.total.shown == "12" for table in report.tables)


def test_a_small_report_shows_no_small_number():
    report = challenge_report_build(rows=[_row(), _row(Status.RESOLVED, days=2.0)], agencies=["Northfield Council"])
    assert report.total.shown == FEWER_THAN
    assert report.median_days_to_resolve == "Not shown: fewer than 5 challenges have been resolved"
    for table in report.tables:
        assert {cell.shown for cell in table.cells} <= {"0", FEWER_THAN}
