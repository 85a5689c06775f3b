"""Reads for the risk assessment tool and for a child's level of risk."""

import uuid

from assessments.levels import RiskLevel
from assessments.models import AssessmentTool, RiskLevelRecord
from assessments.tool_definition import DEFAULT_TOOL_CODE, ToolDefinition
from assessments.tool_json import tool_definition_from_dict


def assessment_tool_active(*, code: str = DEFAULT_TOOL_CODE) -> AssessmentTool:
    """The active version of a tool; AssessmentTool.DoesNotExist, saying what to do, when none is."""
    tool = AssessmentTool.objects.filter(code=code, is_active=True).first()
    if tool is None:
        raise AssessmentTool.DoesNotExist(
            f"No version of the assessment tool '{code}' is active. "
            "Load one with `python manage.py load_assessment_tool FILE --activate`."
        )
    return tool


def tool_definition_of(tool: AssessmentTool) -> ToolDefinition:
    return tool_definition_from_dict(tool.definition)


def child_risk_level_current(*, child_id: uuid.UUID) -> RiskLevel | None:
    """The child's latest confirmed level of risk, from an assessment or a meeting; None before any."""
    level = (
        RiskLevelRecord.objects.filter(child_id=child_id)
        .order_by("-decided_at", "-id")
        .values_list("level", flat=True)
        .first()
    )
    return RiskLevel(level) if level else None
