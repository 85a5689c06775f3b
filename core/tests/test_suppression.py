"""The partnership's small-number suppression rule, without a database."""

import pytest

from core.suppression import (
    FEWER_THAN,
    NOT_SHOWN,
    SUPPRESSION_THRESHOLD,
    suppress,
    suppress_count,
    suppress_table,
)


def test_the_threshold_is_5():
    assert SUPPRESSION_THRESHOLD == 5
    assert FEWER_THAN == "fewer than 5"


@pytest.mark.parametrize(
    ("count", "published", "shown"),
    [(0, 0, "0"), (1, None, FEWER_THAN), (4, None, FEWER_THAN), (5, 5, "5"), (6, 6, "6"), (250, 250, "250")],
)
def test_counts_from_1_to_4_are_hidden_and_zero_and_5_are_shown(count, published, shown):
    assert suppress(count) == published
    assert suppress_count(count) == shown


def test_every_count_below_the_threshold_but_zero_is_hidden():
    assert [suppress(count) for count in range(SUPPRESSION_THRESHOLD + 1)] == [0, None, None, None, None, 5]


def test_a_negative_count_is_a_bug():
    with pytest.raises(ValueError, match="cannot be negative: -1"):
        suppress(-1)
    with pytest.raises(ValueError, match="cannot be negative: late has -3"):
        suppress_table({"on time": 2, "late": -3})


def test_a_lone_hidden_count_takes_the_smallest_other_with_it():
    assert suppress_table({"a": 9, "b": 4, "c": 6}) == {"a": "9", "b": FEWER_THAN, "c": NOT_SHOWN}
    assert suppress_table({"a": 4, "b": 0}) == {"a": FEWER_THAN, "b": "0"}  # the total is small too
