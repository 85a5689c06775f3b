import datetime as dt
import itertools

import pytest

from meetings.schedule import LAST, MonthlyRule, ScheduleError, meeting_dates

RULES = [MonthlyRule(week=week, weekday=weekday) for week, weekday in itertools.product([1, 2, 3, 4, LAST], range(7))]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.describe())
def test_every_rule_gives_the_right_day_in_every_month_for_five_years(rule):
    for year, month in itertools.product(range(2026, 2031), range(1, 13)):
        day = rule.date_in(year, month)
        assert (day.year, day.month, day.weekday()) == (year, month, rule.weekday)
        if rule.week == LAST:
            assert (day + dt.timedelta(days=7)).month != month
        else:
            assert (day.day - 1) // 7 + 1 == rule.week


def test_the_first_tuesday_of_every_month():
    rule = MonthlyRule(week=1, weekday=1)
    assert rule.describe() == "the first Tuesday of every month"
    dates = meeting_dates(rule=rule, on_or_after=dt.date(2026, 11, 22), count=3)
    assert dates == [dt.date(2026, 12, 1), dt.date(2027, 1, 5), dt.date(2027, 2, 2)]


def test_a_meeting_on_the_start_day_is_included():
    rule = MonthlyRule(week=1, weekday=1)
    assert meeting_dates(rule=rule, on_or_after=dt.date(2026, 12, 1), count=1) == [dt.date(2026, 12, 1)]


@pytest.mark.parametrize(
    ("week", "weekday", "message"), [(5, 1, "week must be"), (0, 1, "week must be"), (1, 7, "weekday")]
)
def test_impossible_rules_are_refused(week, weekday, message):
    with pytest.raises(ScheduleError, match=message):
        MonthlyRule(week=week, weekday=weekday)
