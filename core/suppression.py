"""Small-number suppression (statistical disclosure control) for every aggregate the partnership
publishes: the professional challenge report, the MEG's strategic summary for MESA. Pure.

- primary: a count from 1 to 4 is shown as "fewer than 5", so that nobody can work out which
  child or case a count is about; zero is shown as 0, because it identifies no one;
- secondary (`suppress_table`): when a table shows its total and exactly one count is hidden,
  that count could be worked out by subtraction, so the smallest other non-zero count is hidden
  too ("not shown").
"""

from collections.abc import Mapping

SUPPRESSION_THRESHOLD = 5
FEWER_THAN = f"fewer than {SUPPRESSION_THRESHOLD}"
NOT_SHOWN = "not shown"


def _check(count: int, label: str | None = None) -> None:
    if count < 0:
        where = f"{label} has {count}" if label is not None else str(count)
        raise ValueError(f"A count cannot be negative: {where}")


def suppress(count: int) -> int | None:
    """The count when it may be published; None when it must be hidden."""
    _check(count)
    return None if 0 < count < SUPPRESSION_THRESHOLD else count


def suppress_count(count: int) -> str:
    """The count as a page shows it: the number, or "fewer than 5"."""
    shown = suppress(count)
    return FEWER_THAN if shown is None else str(shown)


def suppress_table(counts: Mapping[str, int]) -> dict[str, str]:
    """Each label's count as shown, with primary and secondary suppression."""
    for label, count in counts.items():
        _check(count, label)
    shown = {label: suppress_count(count) for label, count in counts.items()}
    primary = [label for label, count in counts.items() if suppress(count) is None]
    total = sum(counts.values())
    if len(primary) == 1 and total >= SUPPRESSION_THRESHOLD:
        others = sorted(
            (count, index, label)
            for index, (label, count) in enumerate(counts.items())
            if label not in primary and count > 0
        )
        if others:
            shown[others[0][2]] = NOT_SHOWN
    return shown
