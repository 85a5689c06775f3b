"""The tool definition as plain JSON data for storage, in the same shape as the YAML file."""

from typing import Any

from assessments.levels import RiskLevel
from assessments.tool_definition import Condition, Domain, Indicator, ThresholdRule, Thresholds, ToolDefinition, Weight


def tool_definition_to_dict(tool: ToolDefinition) -> dict[str, Any]:
    """The definition as plain JSON data, in the same shape as the YAML file."""
    return {
        "code": tool.code,
        "version": tool.version,
        "title": tool.title,
        "description": tool.description,
        "domains": [
            {
                "code": domain.code,
                "title": domain.title,
                "guidance": domain.guidance,
                "indicators": [
                    {
                        "code": i.code,
                        "text": i.text,
                        "weight": i.weight.value,
                        "guidance": i.guidance,
                        "source": i.source,
                    }
                    for i in domain.indicators
                ],
            }
            for domain in tool.domains
        ],
        "thresholds": {
            "rules": [
                {
                    "level": rule.level.value,
                    "when": [
                        {"at_least": c.at_least, "min_weight": c.min_weight.value, "across_domains": c.across_domains}
                        for c in rule.conditions
                    ],
                }
                for rule in tool.thresholds.rules
            ],
            "otherwise": tool.thresholds.otherwise.value,
        },
    }


def tool_definition_from_dict(data: dict[str, Any]) -> ToolDefinition:
    """The inverse of tool_definition_to_dict, for data that was validated when it was loaded."""
    domains = tuple(
        Domain(
            d["code"],
            d["title"],
            d["guidance"],
            tuple(
                Indicator(i["code"], i["text"], Weight(i["weight"]), i["guidance"], i["source"])
                for i in d["indicators"]
            ),
        )
        for d in data["domains"]
    )
    rules = tuple(
        ThresholdRule(
            RiskLevel(rule["level"]),
            tuple(Condition(c["at_least"], Weight(c["min_weight"]), c["across_domains"]) for c in rule["when"]),
        )
        for rule in data["thresholds"]["rules"]
    )
    thresholds = Thresholds(rules, RiskLevel(data["thresholds"]["otherwise"]))
    return ToolDefinition(data["code"], data["version"], data["title"], data["description"], domains, thresholds)
