"""The partnership report on professional challenge: aggregates with small numbers suppressed.

A pure module: it takes one row per challenge (no child in it) and returns tables of counts.

Suppression (statistical disclosure control, the partnership's shared rule in core/suppression.py):
- primary: a count from 1 to 4 is shown as "fewer than 5";
- secondary: every table shows its total, so a table with exactly one suppressed count would let
  anyone work it out by subtraction; the smallest other non-zero count is then hidden too
  ("not shown");
- the median days to resolve is shown only when at least 5 challenges have been resolved;
- no number appears twice (the number resolved is in the status table only), so that a number
  hidden in one place cannot be read in another.
Zero is shown as 0: it identifies no one.
"""

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from challenges.escalation import DecisionKind, Level, Status

# Re-exported under their old names, which the report's callers and tests use.
from core.suppression import FEWER_THAN as FEWER_THAN
from core.suppression import NOT_SHOWN as NOT_SHOWN
from core.suppression import SUPPRESSION_THRESHOLD as SUPPRESS_BELOW
from core.suppression import suppress_count as suppress_count
from core.suppression import suppress_table as suppress_table

NOT_GIVEN = "Not given"


@dataclass(frozen=True)
class ChallengeRow:
    """What the report knows about one challenge. No child, no text, no person."""

    status: Status
    level: Level
    decision_kind: DecisionKind | None
    raiser_agency: str
    days_to_resolve: float | None  # resolved challenges only


@dataclass(frozen=True)
class Cell:
    label: str
    shown: str  # the number, "fewer than 5" or "not shown"
    suppressed: bool


@dataclass(frozen=True)
class Table:
    title: str
    heading: str  # the first column's heading
    cells: list[Cell]
    total: Cell


@dataclass(frozen=True)
class ChallengeReport:
    total: Cell
    tables: list[Table]
    median_days_to_resolve: str  # a number of days, or why it is not shown


def _table(title: str, heading: str, counts: Mapping[str, int]) -> Table:
    shown = suppress_table(counts)
    total = sum(counts.values())
    return Table(
        title=title,
        heading=heading,
        cells=[Cell(label, shown[label], shown[label] != str(counts[label])) for label in counts],
        total=_cell("Total", total),
    )


def _cell(label: str, count: int) -> Cell:
    shown = suppress_count(count)
    return Cell(label, shown, shown != str(count))


def median_days_shown(days: Sequence[float]) -> str:
    if len(days) < SUPPRESS_BELOW:
        return f"Not shown: {FEWER_THAN} challenges have been resolved"
    median = statistics.median(days)
    return f"{median:.1f} days"


def challenge_report_build(*, rows: Iterable[ChallengeRow], agencies: Iterable[str]) -> ChallengeReport:
    """The report's tables. `agencies` lists every agency of the partnership, so that an agency
    that raises no challenges shows as 0 rather than being missing."""
    rows = list(rows)
    by_status = {status.label: 0 for status in Status}
    by_level = {level.title: 0 for level in Level}
    by_kind = {kind.label: 0 for kind in DecisionKind} | {NOT_GIVEN: 0}
    by_agency = dict.fromkeys(sorted(set(agencies)), 0)
    days: list[float] = []
    for row in rows:
        by_status[row.status.label] += 1
        by_level[row.level.title] += 1
        by_kind[row.decision_kind.label if row.decision_kind else NOT_GIVEN] += 1
        by_agency[row.raiser_agency] = by_agency.get(row.raiser_agency, 0) + 1
        if row.status == Status.RESOLVED and row.days_to_resolve is not None:
            days.append(row.days_to_resolve)
    return ChallengeReport(
        total=_cell("Challenges raised", len(rows)),
        tables=[
            _table("Challenges by status", "Status", by_status),
            _table("Challenges by the highest level they reached", "Level reached", by_level),
            _table("Challenges by the kind of decision challenged", "Decision challenged", by_kind),
            _table("Challenges by the agency of the person who raised them", "Agency", by_agency),
        ],
        median_days_to_resolve=median_days_shown(days),
    )
