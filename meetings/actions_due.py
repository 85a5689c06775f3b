"""When an action of a MEG plan is overdue (issue 4: overdue actions surface on the owner's worklist
and at the next meeting). Pure: no database, so the rule can be tested at its boundaries.

An action is overdue when it is still open or in progress and the day it was due has passed. An
action due today is not overdue yet: the owning agency has until the end of that day.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TypeVar

# The statuses in which an action still needs doing (meetings.models.OPEN_ACTION_STATUSES).
STILL_TO_DO = frozenset({"open", "in_progress"})

T = TypeVar("T")


def is_overdue(*, status: str, due_on: dt.date, today: dt.date) -> bool:
    return status in STILL_TO_DO and due_on < today


def overdue_first(items: Iterable[T], *, overdue: Callable[[T], bool], due_on: Callable[[T], dt.date]) -> list[T]:
    """Overdue items first, then the rest, each soonest due first (the order is stable for ties)."""
    return sorted(items, key=lambda item: (not overdue(item), due_on(item)))
