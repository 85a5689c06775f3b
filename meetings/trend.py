"""How a child's level of risk moved since the last meeting, as the agenda pack shows it. Pure.

The previous level is the child's confirmed level when the previous meeting started; None when
they had none then (or there was no previous meeting): the child is new to the MEG's view.
"""

from dataclasses import dataclass
from enum import StrEnum

LEVEL_RANK = {"low": 1, "medium": 2, "high": 3}
NO_LEVEL = "No level"


class Trend(StrEnum):
    NEW = "new"
    UP = "up"
    DOWN = "down"
    SAME = "same"
    # Only a meeting about a child with no confirmed level (a strategy meeting held before the
    # first assessment) can have no current level; it is shown, never guessed.
    NOT_KNOWN = "not_known"


TREND_LABELS = {
    Trend.NEW: "New",
    Trend.UP: "Up",
    Trend.DOWN: "Down",
    Trend.SAME: "Same",
    Trend.NOT_KNOWN: "Not known",
}


@dataclass(frozen=True)
class TrendReading:
    trend: Trend
    change: str  # "Medium → High"

    @property
    def label(self) -> str:
        return TREND_LABELS[self.trend]

    @property
    def text(self) -> str:
        return f"{self.label}: {self.change}"


def level_label(level: str | None) -> str:
    if not level:
        return NO_LEVEL
    if level not in LEVEL_RANK:
        raise ValueError(f"Not a level of risk: {level!r}")
    return level.capitalize()


def trend_of(*, previous: str | None, current: str | None) -> TrendReading:
    """`previous` and `current` are "low", "medium", "high", or None / "" for no level."""
    change = f"{level_label(previous)} → {level_label(current)}"
    if not current:
        return TrendReading(Trend.NOT_KNOWN, change)
    if not previous:
        return TrendReading(Trend.NEW, change)
    if LEVEL_RANK[current] > LEVEL_RANK[previous]:
        return TrendReading(Trend.UP, change)
    if LEVEL_RANK[current] < LEVEL_RANK[previous]:
        return TrendReading(Trend.DOWN, change)
    return TrendReading(Trend.SAME, change)
