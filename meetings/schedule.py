"""When a monthly meeting falls, from a rule such as "the first Tuesday of every month". Pure."""

import calendar
import datetime as dt
from dataclasses import dataclass

LAST = -1
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", LAST: "last"}


class ScheduleError(ValueError):
    pass


@dataclass(frozen=True, kw_only=True)
class MonthlyRule:
    week: int  # 1 to 4, or LAST
    weekday: int  # 0 Monday to 6 Sunday

    def __post_init__(self) -> None:
        if self.week not in ORDINALS:
            raise ScheduleError(f"week must be 1, 2, 3, 4 or {LAST} for the last, not {self.week!r}")
        if self.weekday not in range(7):
            raise ScheduleError(f"weekday must be 0 (Monday) to 6 (Sunday), not {self.weekday!r}")

    def describe(self) -> str:
        return f"the {ORDINALS[self.week]} {WEEKDAYS[self.weekday]} of every month"

    def date_in(self, year: int, month: int) -> dt.date:
        days = [
            day
            for day in calendar.Calendar().itermonthdates(year, month)
            if day.month == month and day.weekday() == self.weekday
        ]
        return days[-1] if self.week == LAST else days[self.week - 1]


def meeting_dates(*, rule: MonthlyRule, on_or_after: dt.date, count: int) -> list[dt.date]:
    """The next `count` dates the rule gives, starting from `on_or_after` (included)."""
    if count < 0:
        raise ScheduleError("count cannot be negative")
    dates: list[dt.date] = []
    year, month = on_or_after.year, on_or_after.month
    while len(dates) < count:
        day = rule.date_in(year, month)
        if day >= on_or_after:
            dates.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dates
