"""The trend since the last meeting, over every pair of previous and current levels."""

import itertools

import pytest

from meetings.trend import NO_LEVEL, Trend, level_label, trend_of

NONE_OR_LEVELS = [None, "", "low", "medium", "high"]

EXPECTED = {
    (None, "low"): Trend.NEW,
    (None, "medium"): Trend.NEW,
    (None, "high"): Trend.NEW,
    ("low", "low"): Trend.SAME,
    ("low", "medium"): Trend.UP,
    ("low", "high"): Trend.UP,
    ("medium", "low"): Trend.DOWN,
    ("medium", "medium"): Trend.SAME,
    ("medium", "high"): Trend.UP,
    ("high", "low"): Trend.DOWN,
    ("high", "medium"): Trend.DOWN,
    ("high", "high"): Trend.SAME,
}


@pytest.mark.parametrize(("previous", "current"), list(itertools.product(NONE_OR_LEVELS, repeat=2)))
def test_every_pair_of_levels(previous, current):
    reading = trend_of(previous=previous, current=current)
    assert reading.trend == (EXPECTED[(previous or None, current)] if current else Trend.NOT_KNOWN)
    before = previous.capitalize() if previous else NO_LEVEL
    after = current.capitalize() if current else NO_LEVEL
    assert reading.change == f"{before} → {after}"
    assert reading.text == f"{reading.label}: {before} → {after}"


def test_the_table_covers_every_pair_with_a_current_level():
    assert set(EXPECTED) == {
        (previous, current) for previous in (None, "low", "medium", "high") for current in ("low", "medium", "high")
    }


def test_the_words_people_read():
    assert trend_of(previous="medium", current="high").text == "Up: Medium → High"
    assert trend_of(previous=None, current="high").text == "New: No level → High"
    assert trend_of(previous="high", current="medium").text == "Down: High → Medium"
    assert trend_of(previous="high", current="high").text == "Same: High → High"


@pytest.mark.parametrize("level", ["severe", "HIGH", "unknown"])
def test_a_value_that_is_not_a_level_is_a_bug(level):
    with pytest.raises(ValueError, match="Not a level of risk"):
        level_label(level)
    with pytest.raises(ValueError, match="Not a level of risk"):
        trend_of(previous=level, current="high")
