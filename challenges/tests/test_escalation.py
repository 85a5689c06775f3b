"""The rules of professional challenge, tried over every combination of their inputs.

The expected answers are written from the rule (seed 003, 2.5; the brief for issue 3, item 8),
not from the code: a challenge goes up one level at a time from 1 to 4 while it is open; a closed
one (resolved or withdrawn) cannot be escalated, resolved or withdrawn; each step needs its text.
"""

import itertools

import pytest

from challenges.escalation import (
    DECISION_SUMMARY_MAX_LENGTH,
    FIRST_LEVEL,
    LEVEL_NAMES,
    NOT_BOUND_TO_A_FIELD,
    TEXT_MAX_LENGTH,
    TOP_LEVEL,
    DecisionKind,
    Level,
    Outcome,
    Refusal,
    Status,
    escalation_refusals,
    is_closed,
    level_of,
    next_level,
    raise_refusals,
    resolution_refusals,
    withdrawal_refusals,
)

STATUSES = ["open", "resolved", "withdrawn", "closed", "", None, 1]
LEVEL_VALUES = [-1, 0, 1, 2, 3, 4, 5, 6, None, "1", "2", 2.0, True]
TEXTS = ["", "   ", "\n", "Because the meeting did not hear from the school.", "x" * TEXT_MAX_LENGTH]
TOO_LONG = "x" * (TEXT_MAX_LENGTH + 1)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _has_text(text: str) -> bool:
    return bool(text.strip()) and len(text) <= TEXT_MAX_LENGTH


# --- the levels -------------------------------------------------------------------------------


def test_there_are_four_levels_named_as_an_escalation_protocol_names_them():
    assert [level.value for level in Level] == [1, 2, 3, 4]
    assert (Level(1), Level(4)) == (FIRST_LEVEL, TOP_LEVEL)
    assert Level(1).title == "Level 1: practitioner to practitioner"
    assert Level(2).title == "Level 2: team managers or supervisors"
    assert Level(3).title == "Level 3: heads of service or designated safeguarding leads"
    assert Level(4).title == "Level 4: safeguarding partnership business unit or independent chair"
    assert set(LEVEL_NAMES) == set(Level)


def test_next_level_is_one_up_and_none_at_the_top():
    assert [next_level(level) for level in Level] == [Level(2), Level(3), Level(4), None]


@pytest.mark.parametrize("value", LEVEL_VALUES)
def test_level_of_accepts_whole_numbers_from_1_to_4_only(value):
    expected = Level(value) if _is_int(value) and 1 <= value <= 4 else None
    assert level_of(value) == expected


def test_only_open_is_not_closed():
    assert [is_closed(status) for status in Status] == [False, True, True]


def test_every_choice_has_a_label():
    assert all(kind.label for kind in DecisionKind)
    assert [outcome.label for outcome in Outcome] == ["Decision upheld", "Decision changed", "Other"]
    assert [status.label for status in Status] == ["Open", "Resolved", "Withdrawn"]


# --- escalation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "from_level", "to_level"), list(itertools.product(STATUSES, LEVEL_VALUES, LEVEL_VALUES))
)
def test_escalation_over_every_status_and_pair_of_levels(status, from_level, to_level):
    for reason in [*TEXTS, TOO_LONG]:
        refusals = escalation_refusals(status=status, from_level=from_level, to_level=to_level, reason=reason)
        allowed = (
            status == "open"
            and _is_int(from_level)
            and 1 <= from_level <= 3
            and _is_int(to_level)
            and to_level == from_level + 1
            and _has_text(reason)
        )
        assert (refusals == []) == allowed, (status, from_level, to_level, reason[:20], refusals)
        if not allowed:
            assert len(refusals) == 1
            assert refusals[0].message[0].isupper()
            assert not refusals[0].message.endswith(".")


@pytest.mark.parametrize("status", ["resolved", "withdrawn"])
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_a_closed_challenge_cannot_be_escalated(status, level):
    assert escalation_refusals(status=status, from_level=level, to_level=level + 1, reason="why") == [
        Refusal(NOT_BOUND_TO_A_FIELD, f"This challenge is {status}, so it cannot be escalated")
    ]


def test_level_4_is_the_top():
    for to_level in LEVEL_VALUES:
        assert escalation_refusals(status="open", from_level=4, to_level=to_level, reason="why") == [
            Refusal(
                NOT_BOUND_TO_A_FIELD,
                "This challenge is at level 4, the highest level, so it cannot be escalated further",
            )
        ]


@pytest.mark.parametrize("from_level", [1, 2, 3])
def test_escalation_goes_up_exactly_one_level(from_level):
    for to_level in range(-1, 7):
        refusals = escalation_refusals(status="open", from_level=from_level, to_level=to_level, reason="why")
        if to_level == from_level + 1:
            assert refusals == []
        elif 1 <= to_level <= from_level:
            assert refusals == [
                Refusal(
                    NOT_BOUND_TO_A_FIELD,
                    f"This challenge is already at level {from_level}: it can only be escalated to level "
                    f"{from_level + 1}",
                )
            ]
        elif from_level + 1 < to_level <= 4:
            assert refusals == [
                Refusal(
                    NOT_BOUND_TO_A_FIELD,
                    f"A challenge is escalated one level at a time: from level {from_level} it can go to level "
                    f"{from_level + 1} only",
                )
            ]
        else:
            assert refusals == [
                Refusal(NOT_BOUND_TO_A_FIELD, f"There is no escalation level {to_level!r}: levels go from 1 to 4")
            ]


@pytest.mark.parametrize("reason", ["", "  ", "\n\t"])
def test_escalation_needs_a_reason(reason):
    assert escalation_refusals(status="open", from_level=1, to_level=2, reason=reason) == [
        Refusal("reason", "Enter why you are escalating the challenge")
    ]


def test_escalation_reason_has_a_limit():
    assert escalation_refusals(status="open", from_level=1, to_level=2, reason=TOO_LONG) == [
        Refusal("reason", "Why you are escalating the challenge must be 10,000 characters or fewer")
    ]


def test_an_unknown_state_is_refused_with_its_value():
    assert escalation_refusals(status="closed", from_level=1, to_level=2, reason="why") == [
        Refusal(NOT_BOUND_TO_A_FIELD, "The challenge has an unknown status ('closed'), so it cannot be escalated")
    ]
    assert escalation_refusals(status="open", from_level=7, to_level=8, reason="why") == [
        Refusal(NOT_BOUND_TO_A_FIELD, "The challenge is at an unknown level (7)")
    ]


# --- resolution -------------------------------------------------------------------------------

OUTCOME_VALUES = ["decision_upheld", "decision_changed", "other", "", "upheld", "DECISION_UPHELD"]


@pytest.mark.parametrize(("status", "outcome"), list(itertools.product(STATUSES, OUTCOME_VALUES)))
def test_resolution_over_every_status_outcome_and_text(status, outcome):
    for text in [*TEXTS, TOO_LONG]:
        refusals = resolution_refusals(status=status, resolution_text=text, outcome=outcome)
        if status in ("resolved", "withdrawn"):
            assert refusals == [Refusal(NOT_BOUND_TO_A_FIELD, f"This challenge is {status}, so it cannot be resolved")]
            continue
        if status != "open":
            assert [refusal.field for refusal in refusals] == [NOT_BOUND_TO_A_FIELD]
            continue
        expected = []
        if outcome not in ("decision_upheld", "decision_changed", "other"):
            expected.append(Refusal("outcome", "Select the outcome of the challenge"))
        if not text.strip():
            expected.append(Refusal("resolution_text", "Enter how the challenge was resolved"))
        elif len(text) > TEXT_MAX_LENGTH:
            expected.append(
                Refusal("resolution_text", "How the challenge was resolved must be 10,000 characters or fewer")
            )
        assert refusals == expected


# --- withdrawal -------------------------------------------------------------------------------


@pytest.mark.parametrize("status", STATUSES)
def test_withdrawal_over_every_status_and_text(status):
    for reason in [*TEXTS, TOO_LONG]:
        refusals = withdrawal_refusals(status=status, reason=reason)
        if status in ("resolved", "withdrawn"):
            assert refusals == [Refusal(NOT_BOUND_TO_A_FIELD, f"This challenge is {status}, so it cannot be withdrawn")]
        elif status != "open":
            assert [refusal.field for refusal in refusals] == [NOT_BOUND_TO_A_FIELD]
        elif not reason.strip():
            assert refusals == [Refusal("reason", "Enter why you are withdrawing the challenge")]
        elif len(reason) > TEXT_MAX_LENGTH:
            assert refusals == [
                Refusal("reason", "Why you are withdrawing the challenge must be 10,000 characters or fewer")
            ]
        else:
            assert refusals == []


# --- raising ----------------------------------------------------------------------------------

SUMMARIES = ["", "  ", "Risk level confirmed as low at screening", "x" * DECISION_SUMMARY_MAX_LENGTH]
KINDS = ["", *[kind.value for kind in DecisionKind], "not_a_kind"]


@pytest.mark.parametrize(("summary", "kind"), list(itertools.product([*SUMMARIES, "x" * 301], KINDS)))
def test_raising_over_every_summary_kind_and_text(summary, kind):
    for text in [*TEXTS, TOO_LONG]:
        expected = []
        if not summary.strip():
            expected.append(Refusal("decision_summary", "Enter what decision you are challenging"))
        elif len(summary) > DECISION_SUMMARY_MAX_LENGTH:
            expected.append(
                Refusal("decision_summary", "What decision you are challenging must be 300 characters or fewer")
            )
        if kind == "not_a_kind":
            expected.append(Refusal("decision_kind", "Select the kind of decision from the list, or leave it blank"))
        if not text.strip():
            expected.append(Refusal("challenge_text", "Enter why you disagree with the decision"))
        elif len(text) > TEXT_MAX_LENGTH:
            expected.append(
                Refusal("challenge_text", "Why you disagree with the decision must be 10,000 characters or fewer")
            )
        assert raise_refusals(decision_summary=summary, challenge_text=text, decision_kind=kind) == expected
