"""The suggested level: which threshold rules of a tool hold for the selected indicators, and why.

Pure: no database. The tool never predicts; it suggests, shows its reasons, and the practitioner
confirms the level (DESIGN.md, "The risk assessment tool").
"""

from dataclasses import dataclass

from assessments.levels import RiskLevel
from assessments.tool_definition import LEVEL_ORDER, Condition, Domain, Indicator, ThresholdRule, ToolDefinition


class UnknownIndicatorError(ValueError):
    pass


@dataclass(frozen=True)
class ConditionMatch:
    """A condition that holds, with the selected indicators it counted and their domains."""

    condition: Condition
    counted: tuple[tuple[Domain, Indicator], ...]

    @property
    def domain_count(self) -> int:
        return len({domain.code for domain, _ in self.counted})


@dataclass(frozen=True)
class RuleMatch:
    rule: ThresholdRule
    conditions: tuple[ConditionMatch, ...]


@dataclass(frozen=True)
class Suggestion:
    level: RiskLevel
    reasons: tuple[str, ...]
    # The rules that hold at the suggested level; empty when the level is the tool's `otherwise`.
    matches: tuple[RuleMatch, ...]
    # The selected indicators with their domains, in the tool's order.
    selected: tuple[tuple[Domain, Indicator], ...]

    @property
    def counted(self) -> frozenset[str]:
        """The codes of the indicators that the rules at the suggested level counted, each once: the
        reasons give the rules and how many they counted; the indicators are shown once, by domain."""
        return frozenset(
            indicator.code
            for match in self.matches
            for condition in match.conditions
            for _, indicator in condition.counted
        )


def level_suggest(*, tool: ToolDefinition, selected: frozenset[str]) -> Suggestion:
    """The level the tool suggests for the selected indicator codes: the highest level whose rule holds."""
    unknown = sorted(selected - tool.indicators.keys())
    if unknown:
        names = ", ".join(f"'{code}'" for code in unknown)
        raise UnknownIndicatorError(
            f"{tool.code} version {tool.version} has no indicator {names}; "
            "select only the indicators of the tool version the assessment uses"
        )
    chosen = tuple(pair for code, pair in tool.indicators.items() if code in selected)
    matches = [match for rule in tool.thresholds.rules if (match := _rule_match(rule, chosen)) is not None]
    if not matches:
        level = tool.thresholds.otherwise
        return Suggestion(level, (_reason_for_otherwise(level, chosen),), (), chosen)
    level = max((match.rule.level for match in matches), key=LEVEL_ORDER.index)
    at_level = tuple(match for match in matches if match.rule.level == level)
    return Suggestion(level, tuple(_reason(match) for match in at_level), at_level, chosen)


def _rule_match(rule: ThresholdRule, chosen: tuple[tuple[Domain, Indicator], ...]) -> RuleMatch | None:
    conditions = []
    for condition in rule.conditions:
        counted = tuple((domain, indicator) for domain, indicator in chosen if condition.counts(indicator))
        match = ConditionMatch(condition, counted)
        if len(counted) < condition.at_least or match.domain_count < condition.across_domains:
            return None
        conditions.append(match)
    return RuleMatch(rule, tuple(conditions))


def _counts(pairs: tuple[tuple[Domain, Indicator], ...]) -> str:
    domains = len({domain.code for domain, _ in pairs})
    return f"{len(pairs)} selected, in {domains} domain{'s' if domains != 1 else ''}"


# The reasons name the rules and how many indicators each counted, never the indicators themselves:
# one indicator can count for several rules, and a list per rule printed the same indicators twice.
# The indicators are shown once, domain by domain, marked where they counted (decision 0027).
def _reason(match: RuleMatch) -> str:
    parts = [f"{condition.condition.phrase()} ({_counts(condition.counted)})" for condition in match.conditions]
    return f"Suggests {match.rule.level.value} because of " + ", together with ".join(parts) + "."


def _reason_for_otherwise(level: RiskLevel, chosen: tuple[tuple[Domain, Indicator], ...]) -> str:
    if not chosen:
        return f"Suggests {level.value}: no indicator is selected."
    return f"Suggests {level.value}: no rule for a higher level holds ({_counts(chosen)})."
