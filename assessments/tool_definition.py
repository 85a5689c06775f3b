"""The risk assessment tool as data: its definition, and the parser that refuses a bad file.

Pure: no database. The format is described in docs/decisions/0008-risk-assessment-tool-format.md.
"""

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from yaml.nodes import Node

from assessments.levels import RiskLevel
from assessments.yaml_nodes import Mapping, NodeProblem, document_compose, items, line_of, text, whole_number

DEFAULT_TOOL_CODE = "cse-risk-assessment"
DEFAULT_TOOL_PATH = Path(__file__).resolve().parent / "tools" / "cse_risk_assessment.yaml"

MAX_TOOL_CHARACTERS = 1_000_000  # the default tool is about 30,000; YAML parsing is slow beyond this

LEVEL_ORDER = (RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH)

# Seed 003, section 2.1: "you should consider ALL of the 14 risk indicators" (DESIGN.md rule 3).
REQUIRED_DOMAINS: tuple[tuple[str, str], ...] = (
    ("family_and_peer_relationships", "Family and peer relationships"),
    ("accommodation", "Accommodation"),
    ("education", "Education"),
    ("emotional_health", "Emotional health"),
    ("experience_of_violence", "Experience of violence"),
    ("running_away_going_missing", "Running away / going missing"),
    ("contact_with_abusive_adults_risky_environments", "Contact with abusive adults and / or risky environments"),
    ("substance_misuse", "Substance misuse"),
    ("coercion_control", "Coercion / control"),
    ("rewards", "Rewards"),
    ("sexual_health_and_relationships", "Sexual health and relationships"),
    ("sexualised_risk_taking", "Sexualised risk taking"),
    ("risk_to_others", "Risk to others"),
    ("engagement_with_services", "Engagement with services"),
)

_TOOL_CODE = re.compile(r"[a-z][a-z0-9-]{0,59}")
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,19}")
_CODE = re.compile(r"[a-z][a-z0-9_]{0,79}")


class Weight(StrEnum):
    """How much an indicator says, from least to most; a rule counts a weight and those above it."""

    VULNERABILITY = "vulnerability"
    CONCERN = "concern"
    SERIOUS = "serious"

    @property
    def rank(self) -> int:
        return list(Weight).index(self)


class ToolDefinitionError(ValueError):
    def __init__(self, *, source_name: str, line: int, problem: str) -> None:
        super().__init__(f"{source_name} line {line}: {problem}")
        self.source_name = source_name
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class Indicator:
    code: str
    text: str
    weight: Weight
    guidance: str = ""
    source: str = ""


@dataclass(frozen=True)
class Domain:
    code: str
    title: str
    guidance: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Condition:
    """At least `at_least` selected indicators weighted `min_weight` or above, in `across_domains` domains."""

    at_least: int
    min_weight: Weight
    across_domains: int = 1

    def counts(self, indicator: Indicator) -> bool:
        return indicator.weight.rank >= self.min_weight.rank

    def phrase(self) -> str:
        weights = [weight.value for weight in Weight if weight.rank >= self.min_weight.rank]
        if self.min_weight == Weight.VULNERABILITY:
            kind = "indicator of any weight"
        elif len(weights) == 1:
            kind = f"{weights[0]} indicator"
        else:
            kind = f"indicator weighted {', '.join(weights[:-1])} or {weights[-1]}"
        if self.at_least == 1:
            words = f"any {kind}"
        else:
            plural = kind.replace("indicator", "indicators", 1)
            words = f"{self.at_least} or more {plural}"
        if self.across_domains > 1:
            words += f" across {self.across_domains} or more domains"
        return words


@dataclass(frozen=True)
class ThresholdRule:
    level: RiskLevel
    conditions: tuple[Condition, ...]

    def phrase(self) -> str:
        return " together with ".join(condition.phrase() for condition in self.conditions)


@dataclass(frozen=True)
class Thresholds:
    rules: tuple[ThresholdRule, ...]
    otherwise: RiskLevel

    def summary(self) -> str:
        """The rules in one sentence, for the screen: generated, so that it cannot drift from them."""
        parts = []
        for level in reversed(LEVEL_ORDER):
            phrases = [rule.phrase() for rule in self.rules if rule.level == level]
            if phrases:
                parts.append(f"{level.value} for {', or '.join(phrases)}")
        parts.append(f"otherwise {self.otherwise.value}")
        return "Suggests " + "; ".join(parts) + "."


@dataclass(frozen=True)
class ToolDefinition:
    code: str
    version: str
    title: str
    description: str
    domains: tuple[Domain, ...]
    thresholds: Thresholds

    @cached_property
    def indicators(self) -> dict[str, tuple[Domain, Indicator]]:
        """Every indicator by code, with its domain, in the tool's order."""
        return {indicator.code: (domain, indicator) for domain in self.domains for indicator in domain.indicators}


def tool_definition_parse(text: str, *, source_name: str = "<tool>") -> ToolDefinition:
    """The tool in `text`, or ToolDefinitionError naming the source, the line and the problem."""
    try:
        if len(text) > MAX_TOOL_CHARACTERS:
            raise NodeProblem(1, f"the file is longer than {MAX_TOOL_CHARACTERS:,} characters")
        return _tool(document_compose(text))
    except NodeProblem as problem:
        raise ToolDefinitionError(source_name=source_name, line=problem.line, problem=problem.problem) from None


def _code(node: Node, what: str, pattern: re.Pattern[str], example: str) -> str:
    value = text(node, what)
    if not pattern.fullmatch(value):
        raise NodeProblem(line_of(node), f"{what} is '{value}', which is not a valid code; write it like '{example}'")
    return value


def _tool(node: Node) -> ToolDefinition:
    tool = Mapping(node, "the tool")
    tool.refuse_unknown(("code", "version", "title", "description", "domains", "thresholds"))
    code = _code(tool.required("code"), "code", _TOOL_CODE, DEFAULT_TOOL_CODE)
    version_node = tool.required("version")
    if version_node.tag in ("tag:yaml.org,2002:float", "tag:yaml.org,2002:int"):
        # Unquoted, `version: 2026.10` is the number 2026.1 to YAML.
        raise NodeProblem(line_of(version_node), f'version must be text in quotes, for example "{version_node.value}"')
    version = _code(version_node, "version", _VERSION, "2026.1")
    title = text(tool.required("title"), "title", max_length=200)
    description_node = tool.optional("description")
    description = text(description_node, "description") if description_node is not None else ""
    domains = _domains(tool.required("domains"), key_line=tool.key_lines["domains"])
    thresholds = _thresholds(tool.required("thresholds"), domains)
    return ToolDefinition(code, version, title, description, domains, thresholds)


def _domains(node: Node, *, key_line: int) -> tuple[Domain, ...]:
    domain_lines: dict[str, int] = {}
    indicator_lines: dict[str, int] = {}
    domains = []
    for number, item in enumerate(items(node, "domains"), start=1):
        domain = Mapping(item, f"domain {number}")
        code_node = domain.required("code")
        code = _code(code_node, f"the code of domain {number}", _CODE, "family_and_peer_relationships")
        what = f"domain '{code}'"
        domain.what = what
        domain.refuse_unknown(("code", "title", "guidance", "indicators"))
        if code in domain_lines:
            raise NodeProblem(line_of(code_node), f"{what} appears twice (first at line {domain_lines[code]})")
        domain_lines[code] = line_of(code_node)
        title = text(domain.required("title"), f"the title of {what}", max_length=200)
        guidance = text(domain.required("guidance"), f"the guidance of {what}")
        indicators_node = domain.required("indicators")
        indicators = tuple(
            _indicator(entry, what, indicator_lines) for entry in items(indicators_node, f"the indicators of {what}")
        )
        if not indicators:
            raise NodeProblem(domain.key_lines["indicators"], f"{what} has no indicators")
        domains.append(Domain(code, title, guidance, indicators))
    missing = [f"'{code}' ({title})" for code, title in REQUIRED_DOMAINS if code not in domain_lines]
    if missing:
        raise NodeProblem(
            key_line,
            f"{'domain ' if len(missing) == 1 else 'domains '}{', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing: a tool must assess all 14 domains of seed 003, "
            "section 2.1 (it may add domains, but not drop one)",
        )
    return tuple(domains)


def _indicator(node: Node, domain: str, seen: dict[str, int]) -> Indicator:
    indicator = Mapping(node, f"an indicator of {domain}")
    code_node = indicator.required("code")
    code = _code(code_node, f"the code of an indicator of {domain}", _CODE, "older_associates")
    what = f"indicator '{code}'"
    indicator.what = what
    indicator.refuse_unknown(("code", "text", "guidance", "weight", "source"))
    if code in seen:
        raise NodeProblem(line_of(code_node), f"{what} appears twice (first at line {seen[code]})")
    seen[code] = line_of(code_node)
    words = text(indicator.required("text"), f"the text of {what}", max_length=500)
    weight = _weight(indicator.required("weight"), f"the weight of {what}")
    guidance_node, source_node = indicator.optional("guidance"), indicator.optional("source")
    guidance = text(guidance_node, f"the guidance of {what}") if guidance_node is not None else ""
    source = text(source_node, f"the source of {what}", max_length=500) if source_node is not None else ""
    return Indicator(code, words, weight, guidance, source)


def _weight(node: Node, what: str) -> Weight:
    value = text(node, what)
    if value not in {weight.value for weight in Weight}:
        choices = ", ".join(weight.value for weight in Weight)
        raise NodeProblem(line_of(node), f"{what}: unknown weight '{value}'; use one of: {choices}")
    return Weight(value)


def _level(node: Node, what: str) -> RiskLevel:
    value = text(node, what)
    if value not in {level.value for level in LEVEL_ORDER}:
        choices = ", ".join(level.value for level in LEVEL_ORDER)
        raise NodeProblem(line_of(node), f"{what}: unknown level '{value}'; use one of: {choices}")
    return RiskLevel(value)


def _thresholds(node: Node, domains: tuple[Domain, ...]) -> Thresholds:
    thresholds = Mapping(node, "thresholds")
    thresholds.refuse_unknown(("rules", "otherwise"))
    rules_node = thresholds.required("rules")
    otherwise = _level(thresholds.required("otherwise"), "otherwise")
    rules = []
    for number, item in enumerate(items(rules_node, "the rules of thresholds"), start=1):
        what = f"threshold rule {number}"
        rule = Mapping(item, what)
        rule.refuse_unknown(("level", "when"))
        level_node = rule.required("level")
        level = _level(level_node, f"the level of {what}")
        if LEVEL_ORDER.index(level) <= LEVEL_ORDER.index(otherwise):
            raise NodeProblem(
                line_of(level_node), f"{what} suggests '{level}', which must be above otherwise ('{otherwise}')"
            )
        when_node = rule.required("when")
        conditions = tuple(_condition(entry, what, domains) for entry in items(when_node, f"the when of {what}"))
        if not conditions:
            raise NodeProblem(rule.key_lines["when"], f"{what} has no conditions under when")
        rules.append(ThresholdRule(level, conditions))
    if not rules:
        raise NodeProblem(thresholds.key_lines["rules"], "thresholds has no rules")
    return Thresholds(tuple(rules), otherwise)


def _condition(node: Node, rule: str, domains: tuple[Domain, ...]) -> Condition:
    what = f"a condition of {rule}"
    condition_map = Mapping(node, what)
    condition_map.refuse_unknown(("at_least", "min_weight", "across_domains"))
    at_least = whole_number(condition_map.required("at_least"), f"at_least in {what}", minimum=1)
    min_weight = _weight(condition_map.required("min_weight"), f"min_weight in {what}")
    across_node = condition_map.optional("across_domains")
    across = whole_number(across_node, f"across_domains in {what}", minimum=1) if across_node is not None else 1
    if across > at_least:
        raise NodeProblem(
            line_of(node), f"{what} asks for {at_least} indicator(s) across {across} domains, which cannot happen"
        )
    condition = Condition(at_least, min_weight, across)
    # A rule that can never hold is a mistake in the file, not a policy.
    counted = [(domain.code, i) for domain in domains for i in domain.indicators if condition.counts(i)]
    if len(counted) < at_least or len({code for code, _ in counted}) < across:
        raise NodeProblem(
            line_of(node),
            f"{what} can never hold: the tool has {len(counted)} indicator(s) weighted {min_weight} or above, "
            f"in {len({code for code, _ in counted})} domain(s)",
        )
    return condition
