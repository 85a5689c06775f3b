"""The suite's clock: every test runs at a moment the suite chooses, never at whatever time CI starts.

The demo schedules meetings, reviews and letters relative to "now", so a test that reads the clock
passes or fails by the calendar unless the clock is fixed. By default every test runs from
SUITE_MOMENT, an ordinary weekday morning, and time then moves at its normal speed (tick), so that
"within the last minute" still means something. Tests that depend on the calendar carry the
`any_moment` marker and run again at each of AWKWARD_MOMENTS.

To run the whole suite at another moment: `CSE_HUB_TEST_NOW=2026-12-01T20:10:00+00:00 make test`,
or `CSE_HUB_TEST_NOW=real` for the machine's own clock.
"""

import datetime as dt
import os

UTC = dt.UTC

# A Wednesday in the middle of a month, mid-morning, with no meeting that day (MEGs are on Tuesdays).
SUITE_MOMENT = dt.datetime(2026, 11, 18, 10, 30, tzinfo=UTC)

# Moments at which "what is next", "what was last" and "what is today" are easy to get wrong.
AWKWARD_MOMENTS = {
    # The first Tuesday of the month, after the demo MEG's 10:00 start: today's meeting is past.
    "first-tuesday-after-the-meg": dt.datetime(2026, 12, 1, 20, 10, tzinfo=UTC),
    # The same day, before it starts: today's meeting is the next one.
    "first-tuesday-before-the-meg": dt.datetime(2026, 12, 1, 8, 55, tzinfo=UTC),
    # The last minutes of a month, when the next day is in another month.
    "month-end": dt.datetime(2026, 11, 30, 23, 50, tzinfo=UTC),
    # New Year's Eve, late: a date in London is still the old year, the next meeting is next year's.
    "year-end": dt.datetime(2026, 12, 31, 23, 50, tzinfo=UTC),
    # 01:30 in London on the night the clocks go back: that hour happens twice.
    "clocks-go-back": dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
    # The morning the clocks go forward: London is an hour ahead of UTC from 01:00 UTC.
    "clocks-go-forward": dt.datetime(2027, 3, 28, 0, 59, tzinfo=UTC),
    # British Summer Time, just after midnight in London while UTC is still the day before.
    "bst-midnight": dt.datetime(2027, 6, 30, 23, 20, tzinfo=UTC),
}


def suite_moment() -> dt.datetime | None:
    """The moment the suite starts from, or None to use the machine's clock."""
    chosen = os.environ.get("CSE_HUB_TEST_NOW", "")
    if chosen == "real":
        return None
    if not chosen:
        return SUITE_MOMENT
    moment = dt.datetime.fromisoformat(chosen)
    if moment.tzinfo is None:
        raise ValueError(f"CSE_HUB_TEST_NOW must say its time zone (for example +00:00), not {chosen!r}")
    return moment
