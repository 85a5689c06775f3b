"""The default tool: the 14 domains of seed 003, 2.1, in order, with indicators from the seeds."""

import re

import pytest

from assessments.tool_definition import (
    DEFAULT_TOOL_CODE,
    DEFAULT_TOOL_PATH,
    REQUIRED_DOMAINS,
    ToolDefinition,
    Weight,
    tool_definition_parse,
)
from frontdoor.concern_codes import VulnerabilityFactor
from frontdoor.warning_signs import WarningSign


@pytest.fixture(scope="module")
def tool() -> ToolDefinition:
    return tool_definition_parse(DEFAULT_TOOL_PATH.read_text(encoding="utf-8"), source_name=DEFAULT_TOOL_PATH.name)


def test_it_is_the_default_tool_with_a_quoted_version(tool: ToolDefinition):
    assert tool.code == DEFAULT_TOOL_CODE
    assert tool.version == "2026.1"
    assert tool.title
    assert "not a prediction" in tool.description


def test_it_has_the_14_domains_of_seed_003_in_order(tool: ToolDefinition):
    assert [(domain.code, domain.title) for domain in tool.domains] == list(REQUIRED_DOMAINS)
    assert len(tool.domains) == 14


def test_codes_are_unique_across_the_tool(tool: ToolDefinition):
    codes = [indicator.code for domain in tool.domains for indicator in domain.indicators]
    assert len(codes) == len(set(codes)) == len(tool.indicators)


def test_every_domain_has_guidance_and_three_to_eight_indicators(tool: ToolDefinition):
    for domain in tool.domains:
        assert len(domain.guidance) > 40, domain.code
        assert 3 <= len(domain.indicators) <= 8, domain.code


def test_every_indicator_has_text_a_weight_and_a_seed_source(tool: ToolDefinition):
    for _, indicator in tool.indicators.values():
        assert indicator.text[:1].isupper(), indicator.code
        assert isinstance(indicator.weight, Weight)
        assert re.search(r"\bseed 00[0-4]\b", indicator.source), indicator.code


def test_every_weight_is_used(tool: ToolDefinition):
    assert {indicator.weight for _, indicator in tool.indicators.values()} == set(Weight)


def test_the_warning_signs_of_rule_12_are_indicators_with_the_same_codes(tool: ToolDefinition):
    for sign in WarningSign:
        _, indicator = tool.indicators[sign.value]
        assert indicator.weight == Weight.CONCERN
        assert "3.3" in indicator.source


def test_the_vulnerability_factors_of_seed_000_are_indicators_with_the_contact_codes(tool: ToolDefinition):
    assert len(VulnerabilityFactor) == 8
    for factor in VulnerabilityFactor:
        _, indicator = tool.indicators[factor.value]
        assert indicator.weight == Weight.VULNERABILITY
        assert "seed 000, Underlying Vulnerability Factors" in indicator.source


def test_the_thresholds_read_as_one_sentence(tool: ToolDefinition):
    assert tool.thresholds.summary() == (
        "Suggests high for any serious indicator, or 6 or more indicators weighted concern or serious across "
        "3 or more domains; medium for 3 or more indicators weighted concern or serious, or any indicator "
        "weighted concern or serious together with 5 or more indicators of any weight across 3 or more "
        "domains; otherwise low."
    )
