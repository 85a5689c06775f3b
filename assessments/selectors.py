"""Reads for the risk assessment tool and for a child's level of risk. A child's current level is the
latest confirmed one (newest `decided_at`, then newest id): every reader of it asks here."""

import datetime as dt
import uuid

from django.db.models import OuterRef, QuerySet, Subquery

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


def child_risk_level_records(
    *, child_id: uuid.UUID | OuterRef, as_of: dt.datetime | None = None
) -> QuerySet[RiskLevelRecord]:
    """The child's confirmed levels of risk, newest first, so that the first is the current level; with
    `as_of`, only those decided by then, so that the first is the level at that moment. `child_id` may be
    `OuterRef("pk")`, for a subquery of a query of children."""
    records = RiskLevelRecord.objects.filter(child_id=child_id)
    if as_of is not None:
        records = records.filter(decided_at__lte=as_of)
    return records.order_by("-decided_at", "-id")


def child_risk_level_subquery(*, as_of: dt.datetime | None = None) -> Subquery:
    """Each child's current level (at `as_of`, when given) for annotating a query of children, in the
    same query: "low", "medium" or "high", or None before any level was confirmed."""
    return Subquery(child_risk_level_records(child_id=OuterRef("pk"), as_of=as_of).values("level")[:1])


def child_risk_level_record_current(*, child_id: uuid.UUID) -> RiskLevelRecord | None:
    """The record of the child's current level: who confirmed it, when and why; None before any."""
    return child_risk_level_records(child_id=child_id).first()


def child_risk_level_current(*, child_id: uuid.UUID) -> RiskLevel | None:
    """The child's latest confirmed level of risk, from an assessment or a meeting; None before any."""
    level = child_risk_level_records(child_id=child_id).values_list("level", flat=True).first()
    return RiskLevel(level) if level else None
