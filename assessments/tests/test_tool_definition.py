"""The parser refuses every kind of bad tool file with the source, the line and the problem."""

import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.tests.tool_texts import line_of, small_tool
from assessments.tool_definition import ToolDefinitionError, Weight, tool_definition_parse
from assessments.tool_json import tool_definition_from_dict, tool_definition_to_dict

SOURCE = "partnership-tool.yaml"
VALID = small_tool()

EDUCATION_INDICATORS = (
    "    indicators:\n      - code: education_sign\n        text: A sign about education\n        weight: concern\n"
)
EDUCATION_DOMAIN = (
    "  - code: education\n    title: Education\n    guidance: What to consider about education.\n"
    + EDUCATION_INDICATORS
)
RULES = VALID[VALID.index("  rules:") : VALID.index("  otherwise:")]


def _replace(old: str, new: str) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        assert old in text, f"{old!r} is not in the tool text"
        return text.replace(old, new, 1)

    return mutate


def _refused(text: str) -> ToolDefinitionError:
    with pytest.raises(ToolDefinitionError) as caught:
        tool_definition_parse(text, source_name=SOURCE)
    return caught.value


def test_the_small_tool_is_valid():
    tool = tool_definition_parse(VALID, source_name=SOURCE)
    assert tool.code == "partnership-tool"
    assert tool.version == "1"
    assert len(tool.domains) == 14
    assert tool.indicators["sex_for_gifts"][1].weight == Weight.SERIOUS


# Each case: how to spoil the valid file, the text on the line the message must name (with its
# occurrence in the spoiled file), and the problem the message must state.
CASES: dict[str, tuple[Callable[[str], str], str, int, str]] = {
    "not valid YAML": (
        _replace("title: Partnership tool", "title: Partnership: tool"),
        "title: Partnership: tool",
        1,
        "not valid YAML: mapping values are not allowed here",
    ),
    "more than one document": (
        lambda text: text + "---\ncode: another\n",
        "---",
        1,
        "not valid YAML: expected a single document",
    ),
    "not a mapping": (lambda text: "- code\n- version\n", "- code", 1, "the tool must be a mapping of keys to values"),
    "version is missing": (
        _replace('version: "1"\n', ""),
        "code: partnership-tool",
        1,
        "version is missing from the tool",
    ),
    "version unquoted": (
        _replace('version: "1"', "version: 2026.10"),
        "version: 2026.10",
        1,
        'version must be text in quotes, for example "2026.10"',
    ),
    "unknown top-level key": (
        _replace("title: Partnership tool\n", "title: Partnership tool\ncolour: blue\n"),
        "colour: blue",
        1,
        "unknown key 'colour' in the tool; expected one of: code, version, title, description, domains, thresholds",
    ),
    "unknown indicator key": (
        _replace("text: A sign about education\n        weight:", "text: A sign about education\n        wieght:"),
        "wieght: concern",
        1,
        "unknown key 'wieght' in indicator 'education_sign'",
    ),
    "title of the wrong type": (
        _replace("title: Partnership tool", "title: 42"),
        "title: 42",
        1,
        "title must be text, not a whole number",
    ),
    "indicators not a list": (
        _replace(EDUCATION_INDICATORS, "    indicators: none of these\n"),
        "indicators: none of these",
        1,
        "the indicators of domain 'education' must be a list, not text",
    ),
    "domain with an empty list of indicators": (
        _replace(EDUCATION_INDICATORS, "    indicators: []\n"),
        "indicators: []",
        1,
        "domain 'education' has no indicators",
    ),
    "domain with no value for indicators": (
        _replace(EDUCATION_INDICATORS, "    indicators:\n"),
        "indicators:",
        3,
        "domain 'education' has no indicators",
    ),
    "indicator without text": (
        _replace("        text: A sign about education\n", ""),
        "- code: education_sign",
        1,
        "text is missing from indicator 'education_sign'",
    ),
    "unknown weight": (
        _replace(
            "text: A sign about education\n        weight: concern",
            "text: A sign about education\n        weight: sometimes",
        ),
        "weight: sometimes",
        1,
        "the weight of indicator 'education_sign': unknown weight 'sometimes'; "
        "use one of: vulnerability, concern, serious",
    ),
    "indicator code twice": (
        _replace("- code: education_sign", "- code: accommodation_sign"),
        "- code: accommodation_sign",
        2,
        "indicator 'accommodation_sign' appears twice (first at line",
    ),
    "domain code twice": (
        _replace("  - code: emotional_health\n", "  - code: education\n"),
        "  - code: education$",
        2,
        "domain 'education' appears twice (first at line",
    ),
    "a required domain is missing": (
        _replace(EDUCATION_DOMAIN, ""),
        "domains:",
        1,
        "domain 'education' (Education) is missing: a tool must assess all 14 domains of seed 003, section 2.1",
    ),
    "bad indicator code": (
        _replace("- code: education_sign", "- code: Education Sign"),
        "- code: Education Sign",
        1,
        "the code of an indicator of domain 'education' is 'Education Sign', which is not a valid code",
    ),
    "key twice": (
        _replace("title: Partnership tool\n", "title: Partnership tool\ntitle: Another\n"),
        "title: Another",
        1,
        "key 'title' appears twice in the tool (first at line 4)",
    ),
    "alias": (
        lambda text: text.replace("title: Partnership tool", "title: &t Partnership tool").replace(
            "description: Used only by the tests.", "description: *t"
        ),
        "description: *t",
        1,
        "anchors and aliases (& and *) are not allowed",
    ),
    "python tag": (
        _replace("title: Partnership tool", "title: !!python/object/apply:os.system ['echo unsafe']"),
        "title: !!python",
        1,
        "title must be text, not a value tagged tag:yaml.org,2002:python/object/apply:os.system",
    ),
    "key that is not text": (
        _replace("title: Partnership tool\n", "title: Partnership tool\n1: one\n"),
        "1: one",
        1,
        "a key in the tool must be text, not a whole number",
    ),
    "thresholds missing": (
        lambda text: text[: text.index("thresholds:")],
        "code: partnership-tool",
        1,
        "thresholds is missing from the tool",
    ),
    "no threshold rules": (_replace(RULES, "  rules: []\n"), "rules: []", 1, "thresholds has no rules"),
    "rule without conditions": (
        _replace(
            "    - level: high\n      when:\n        - at_least: 1\n          min_weight: serious\n",
            "    - level: high\n      when: []\n",
        ),
        "when: []",
        1,
        "threshold rule 1 has no conditions under when",
    ),
    "rule with an unknown weight": (
        _replace("min_weight: serious", "min_weight: grave"),
        "min_weight: grave",
        1,
        "min_weight in a condition of threshold rule 1: unknown weight 'grave'",
    ),
    "rule with an unknown level": (
        _replace("- level: high", "- level: urgent"),
        "- level: urgent",
        1,
        "the level of threshold rule 1: unknown level 'urgent'; use one of: low, medium, high",
    ),
    "rule level not above otherwise": (
        _replace("- level: medium", "- level: low"),
        "- level: low",
        1,
        "threshold rule 2 suggests 'low', which must be above otherwise ('low')",
    ),
    "unknown otherwise level": (
        _replace("otherwise: low", "otherwise: none"),
        "otherwise: none",
        1,
        "otherwise: unknown level 'none'",
    ),
    "at_least zero": (
        _replace("at_least: 1", "at_least: 0"),
        "at_least: 0",
        1,
        "at_least in a condition of threshold rule 1 must be at least 1, not 0",
    ),
    "at_least not a number": (
        _replace("at_least: 1", "at_least: true"),
        "at_least: true",
        1,
        "at_least in a condition of threshold rule 1 must be a whole number, not true or false",
    ),
    "more domains than indicators": (
        _replace("across_domains: 2", "across_domains: 3"),
        "- at_least: 2",
        1,
        "a condition of threshold rule 2 asks for 2 indicator(s) across 3 domains, which cannot happen",
    ),
    "rule that can never hold": (
        _replace("- at_least: 1\n          min_weight: serious", "- at_least: 2\n          min_weight: serious"),
        "- at_least: 2",
        1,
        "a condition of threshold rule 1 can never hold: the tool has 1 indicator(s) weighted serious or above",
    ),
}


@pytest.mark.parametrize("case", CASES.keys())
def test_a_bad_file_is_refused_naming_the_line_and_the_problem(case: str):
    mutate, fragment, occurrence, problem = CASES[case]
    text = mutate(VALID)
    error = _refused(text)
    line = line_of(text, fragment, occurrence=occurrence)
    assert str(error).startswith(f"{SOURCE} line {line}: "), str(error)
    assert problem in str(error)
    assert error.line == line
    assert error.source_name == SOURCE


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_an_empty_file_is_refused(text: str):
    assert str(_refused(text)) == f"{SOURCE} line 1: the file is empty"


def test_a_huge_file_is_refused_before_parsing():
    assert str(_refused("#" * 1_000_001)) == f"{SOURCE} line 1: the file is longer than 1,000,000 characters"


def test_duplicate_names_the_first_line():
    text = _replace("- code: education_sign", "- code: accommodation_sign")(VALID)
    first = line_of(text, "- code: accommodation_sign")
    assert f"(first at line {first})" in str(_refused(text))


def test_several_missing_domains_are_all_named():
    text = _replace(EDUCATION_DOMAIN, "")(VALID)
    text = text[: text.index("  - code: rewards")] + text[text.index("  - code: sexual_health_and_relationships") :]
    message = str(_refused(text))
    assert "domains 'education' (Education), 'rewards' (Rewards) are missing" in message


def test_a_partnership_may_add_a_domain_and_indicators():
    extra = (
        "  - code: online_safety\n    title: Online safety\n    guidance: Partnership guidance.\n"
        "    indicators:\n      - code: livestreaming\n        text: Livestreams to strangers\n"
        "        weight: concern\n        guidance: Ask which apps.\n"
    )
    tool = tool_definition_parse(VALID.replace("thresholds:", extra + "thresholds:"), source_name=SOURCE)
    assert tool.domains[-1].code == "online_safety"
    assert tool.indicators["livestreaming"][1].guidance == "Ask which apps."


def test_the_default_source_name():
    with pytest.raises(ToolDefinitionError, match=r"^<tool> line 1: the file is empty$"):
        tool_definition_parse("")


def test_the_definition_survives_storage_as_json():
    tool = tool_definition_parse(VALID, source_name=SOURCE)
    assert tool_definition_from_dict(tool_definition_to_dict(tool)) == tool


def _error_or_none(text: str) -> ToolDefinitionError | None:
    try:
        tool_definition_parse(text, source_name=SOURCE)
    except ToolDefinitionError as error:
        return error
    return None


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_is_either_a_tool_or_refused_with_a_line(text: str):
    error = _error_or_none(text)
    if error is not None:
        assert re.match(rf"^{re.escape(SOURCE)} line \d+: \S", str(error))
        assert 1 <= error.line <= text.count("\n") + 2


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_deleting_or_repeating_a_line_gives_a_tool_or_a_clear_refusal(data: st.DataObject):
    lines = VALID.splitlines(keepends=True)
    index = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
    if data.draw(st.booleans()):
        spoiled = [*lines[: index + 1], lines[index], *lines[index + 1 :]]
    else:
        spoiled = [*lines[:index], *lines[index + 1 :]]
    error = _error_or_none("".join(spoiled))
    if error is not None:
        assert 1 <= error.line <= len(spoiled) + 1
