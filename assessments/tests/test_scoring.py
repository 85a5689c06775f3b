"""The suggested level and its reasons, checked against the rules as written in the tool's sentence."""

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.levels import RiskLevel
from assessments.scoring import UnknownIndicatorError, level_suggest
from assessments.tests.tool_texts import small_tool
from assessments.tool_definition import DEFAULT_TOOL_PATH, LEVEL_ORDER, ToolDefinition, Weight, tool_definition_parse

DEFAULT = tool_definition_parse(DEFAULT_TOOL_PATH.read_text(encoding="utf-8"), source_name="default")
SMALL = tool_definition_parse(small_tool(), source_name="small")
DEFAULT_CODES = sorted(DEFAULT.indicators)


def _suggest(tool: ToolDefinition, *codes: str) -> tuple[RiskLevel, tuple[str, ...]]:
    suggestion = level_suggest(tool=tool, selected=frozenset(codes))
    return suggestion.level, suggestion.reasons


def _expected_default_level(codes: frozenset[str]) -> RiskLevel:
    """The default tool's sentence, written out by hand: high for any serious indicator, or 6 or more
    concern-or-serious across 3 or more domains; medium for 3 or more concern-or-serious, or any
    concern-or-serious together with 5 or more of any weight across 3 or more domains; otherwise low."""
    pairs = [DEFAULT.indicators[code] for code in codes]
    strong = [(d.code, i) for d, i in pairs if i.weight in (Weight.CONCERN, Weight.SERIOUS)]
    if any(i.weight == Weight.SERIOUS for _, i in pairs):
        return RiskLevel.HIGH
    if len(strong) >= 6 and len({d for d, _ in strong}) >= 3:
        return RiskLevel.HIGH
    if len(strong) >= 3:
        return RiskLevel.MEDIUM
    if strong and len(pairs) >= 5 and len({d.code for d, _ in pairs}) >= 3:
        return RiskLevel.MEDIUM
    return RiskLevel.LOW


def test_nothing_selected_suggests_low():
    assert _suggest(DEFAULT) == (RiskLevel.LOW, ("Suggests low: no indicator is selected.",))


def test_vulnerability_alone_suggests_low_and_counts_what_was_selected():
    level, reasons = _suggest(DEFAULT, "low_self_esteem", "domestic_abuse")
    assert level == RiskLevel.LOW
    assert reasons == ("Suggests low: no rule for a higher level holds (2 selected, in 2 domains).",)


def test_three_warning_signs_suggest_medium_and_count_each_sign_once():
    codes = ("going_missing", "older_associates", "unexplained_possessions")
    suggestion = level_suggest(tool=DEFAULT, selected=frozenset(codes))
    assert suggestion.level == RiskLevel.MEDIUM
    assert suggestion.reasons == (
        "Suggests medium because of 3 or more indicators weighted concern or serious (3 selected, in 3 domains).",
    )
    assert suggestion.counted == frozenset(codes)


def test_one_concern_with_vulnerabilities_in_three_domains_suggests_medium_citing_both_conditions():
    codes = (
        "going_missing",
        "low_self_esteem",
        "domestic_abuse",
        "parental_substance_misuse",
        "unstable_accommodation",
    )
    level, (reason,) = _suggest(DEFAULT, *codes)
    assert level == RiskLevel.MEDIUM
    assert reason == (
        "Suggests medium because of any indicator weighted concern or serious (1 selected, in 1 domain), together "
        "with 5 or more indicators of any weight across 3 or more domains (5 selected, in 5 domains)."
    )


def test_any_serious_indicator_suggests_high():
    level, reasons = _suggest(DEFAULT, "trauma_bond")
    assert level == RiskLevel.HIGH
    assert reasons == ("Suggests high because of any serious indicator (1 selected, in 1 domain).",)


def test_six_concerns_across_three_domains_suggest_high_without_a_serious_indicator():
    codes = (
        "going_missing",
        "older_associates",
        "unexplained_possessions",
        "tired_or_unwell",
        "sexting",
        "new_street_language",
    )
    level, (reason,) = _suggest(DEFAULT, *codes)
    assert level == RiskLevel.HIGH
    assert (
        "6 or more indicators weighted concern or serious across 3 or more domains (6 selected, in 6 domains)" in reason
    )


def test_every_rule_that_holds_at_the_level_gives_a_reason():
    codes = (
        "trauma_bond",
        "going_missing",
        "older_associates",
        "unexplained_possessions",
        "tired_or_unwell",
        "sexting",
    )
    suggestion = level_suggest(tool=DEFAULT, selected=frozenset(codes))
    assert suggestion.level == RiskLevel.HIGH
    assert len(suggestion.reasons) == len(suggestion.matches) == 2


def test_selected_indicators_come_back_in_the_tool_order_with_their_domains():
    suggestion = level_suggest(tool=DEFAULT, selected=frozenset({"disclosed_exploitation", "low_self_esteem"}))
    assert [(d.code, i.code) for d, i in suggestion.selected] == [
        ("emotional_health", "low_self_esteem"),
        ("engagement_with_services", "disclosed_exploitation"),
    ]


def test_unknown_indicator_codes_are_refused_by_name():
    with pytest.raises(UnknownIndicatorError) as caught:
        level_suggest(tool=DEFAULT, selected=frozenset({"going_missing", "zz_made_up", "aa_also_made_up"}))
    assert str(caught.value).startswith(
        f"cse-risk-assessment version {DEFAULT.version} has no indicator 'aa_also_made_up', 'zz_made_up'"
    )


def test_every_selection_of_the_small_tool_follows_its_rules():
    """All 2**15 selections of the small tool: high for its serious indicator; medium for 2 or more
    concern-or-above indicators across 2 or more domains; otherwise low."""
    codes = sorted(SMALL.indicators)
    concern = [code for code in codes if code != "sex_for_gifts"]
    for size in range(len(codes) + 1):
        for chosen in combinations(codes, size):
            selected = frozenset(chosen)
            suggestion = level_suggest(tool=SMALL, selected=selected)
            if "sex_for_gifts" in selected:
                expected = RiskLevel.HIGH
            elif len(selected & set(concern)) >= 2:
                expected = RiskLevel.MEDIUM
            else:
                expected = RiskLevel.LOW
            assert suggestion.level == expected, chosen
            assert suggestion.reasons
            assert all(reason.startswith(f"Suggests {expected.value}") for reason in suggestion.reasons)


NOT_SERIOUS = sorted(code for code, (_, i) in DEFAULT.indicators.items() if i.weight != Weight.SERIOUS)
# Without serious indicators most selections are not high, so that every level is exercised.
selections = st.frozensets(st.sampled_from(NOT_SERIOUS), max_size=10) | st.frozensets(
    st.sampled_from(DEFAULT_CODES), max_size=25
)


@settings(max_examples=500)
@given(selections)
def test_the_default_tool_follows_its_sentence(selected: frozenset[str]):
    assert level_suggest(tool=DEFAULT, selected=selected).level == _expected_default_level(selected)


@settings(max_examples=300)
@given(selections, selections)
def test_selecting_more_never_lowers_the_level(selected: frozenset[str], more: frozenset[str]):
    before = level_suggest(tool=DEFAULT, selected=selected).level
    after = level_suggest(tool=DEFAULT, selected=selected | more).level
    assert LEVEL_ORDER.index(after) >= LEVEL_ORDER.index(before)


@settings(max_examples=300)
@given(selections)
def test_every_counted_indicator_is_counted_once_and_no_reason_repeats_the_indicators(selected: frozenset[str]):
    suggestion = level_suggest(tool=DEFAULT, selected=selected)
    counted = {i.code for match in suggestion.matches for c in match.conditions for _, i in c.counted}
    assert suggestion.counted == counted <= selected
    for reason in suggestion.reasons:
        for _, indicator in suggestion.selected:
            assert indicator.text not in reason
    for match, reason in zip(suggestion.matches, suggestion.reasons, strict=bool(suggestion.matches)):
        for condition in match.conditions:
            assert f"{condition.condition.phrase()} ({len(condition.counted)} selected" in reason
