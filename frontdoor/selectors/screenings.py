"""Reads of screenings: the assessment domain by domain, the suggestion and its reasons, the decision."""

from dataclasses import dataclass

from django.db import transaction

from accounts.models import User
from assessments.models import Assessment
from assessments.scoring import level_suggest
from assessments.selectors import tool_definition_of
from assessments.tool_definition import Domain, Indicator, ToolDefinition
from audit.models import AccessAction
from audit.services import access_event_record
from core.request_context import AccessContext
from frontdoor.access import access_assessment, access_screening
from frontdoor.models import Screening, Task


@dataclass(frozen=True)
class DomainAnswer:
    domain: Domain
    selected: list[Indicator]
    note: str
    # The codes of the selected indicators that the rules at the suggested level counted: each
    # indicator is shown once, here, and the reasons say only which rules held (decision 0027).
    counted: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ScreeningRecord:
    screening: Screening
    tool: ToolDefinition
    domains: list[DomainAnswer]
    tasks: list[Task]

    @property
    def assessment(self) -> Assessment:
        return self.screening.assessment


def assessment_domain_answers(*, assessment: Assessment, tool: ToolDefinition) -> list[DomainAnswer]:
    """Every domain of the tool with what was selected in it, and which of those the suggestion counted
    (worked out again from the kept tool version, which never changes: the same answer as when saved)."""
    chosen = frozenset(assessment.selected_indicators) & tool.indicators.keys()
    counted = level_suggest(tool=tool, selected=chosen).counted
    return [
        DomainAnswer(
            domain=domain,
            selected=[indicator for indicator in domain.indicators if indicator.code in chosen],
            note=assessment.domain_notes.get(domain.code, ""),
            counted=frozenset(indicator.code for indicator in domain.indicators if indicator.code in counted),
        )
        for domain in tool.domains
    ]


def screening_detail_read(*, user: User, screening_id: int, context: AccessContext) -> ScreeningRecord:
    with transaction.atomic():
        screening = access_screening(user, screening_id)
        tool = tool_definition_of(screening.assessment.tool)
        record = ScreeningRecord(
            screening=screening,
            tool=tool,
            domains=assessment_domain_answers(assessment=screening.assessment, tool=tool),
            tasks=list(screening.tasks.select_related("team", "assigned_to").order_by("id")),
        )
        access_event_record(
            user=user, action=AccessAction.VIEW, object_type="child", object_ids=[screening.child_id], context=context
        )
    return record


@dataclass(frozen=True)
class AssessmentRecord:
    assessment: Assessment
    tool: ToolDefinition
    domains: list[DomainAnswer]
    history: list[Assessment]  # the child's complete assessments, newest first


def assessment_detail_read(*, user: User, assessment_id: int, context: AccessContext) -> AssessmentRecord:
    with transaction.atomic():
        assessment = access_assessment(user, assessment_id)
        tool = tool_definition_of(assessment.tool)
        record = AssessmentRecord(
            assessment=assessment,
            tool=tool,
            domains=assessment_domain_answers(assessment=assessment, tool=tool),
            history=list(
                Assessment.objects.filter(child=assessment.child, status="complete")
                .select_related("completed_by", "tool")
                .order_by("-completed_at", "-id")
            ),
        )
        access_event_record(
            user=user, action=AccessAction.VIEW, object_type="child", object_ids=[assessment.child_id], context=context
        )
    return record
