"""Writes for the risk assessment tool (loading and activating versions) and for assessments of a child."""

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from assessments.levels import RiskLevel
from assessments.models import (
    Assessment,
    AssessmentStatus,
    AssessmentTool,
    RiskLevelRecord,
    RiskLevelSource,
)
from assessments.scoring import UnknownIndicatorError, level_suggest
from assessments.selectors import assessment_tool_active, child_risk_level_records, tool_definition_of
from assessments.tool_definition import ToolDefinition, tool_definition_parse
from assessments.tool_json import tool_definition_to_dict
from children.models import Child, ChronologyKind
from children.services import chronology_entry_create


class ToolVersionConflictError(ValueError):
    pass


def assessment_tool_load(
    *, text: str, source_name: str, loaded_by: User | None = None, activate: bool = False
) -> AssessmentTool:
    """Load a version of a tool; the same content again changes nothing; changed content needs a new version.

    Raises ToolDefinitionError for an invalid file and ToolVersionConflictError for changed content
    under a version already loaded; in both cases nothing is saved.
    """
    definition = tool_definition_parse(text, source_name=source_name)
    checksum = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with transaction.atomic():
        tool = _tool_version_get_or_create(
            definition=definition, text=text, checksum=checksum, source_name=source_name, loaded_by=loaded_by
        )
        if tool.checksum != checksum:
            loaded_at = timezone.localtime(tool.loaded_at)
            raise ToolVersionConflictError(
                f"{source_name}: {tool.code} version {tool.version} is already loaded with different content "
                f"(loaded {loaded_at:%d %B %Y %H:%M} from {tool.source_name or 'an unnamed source'}). A loaded "
                "version never changes, because assessments made with it must keep their meaning: give the "
                "changed tool a new version."
            )
        if activate and not tool.is_active:
            tool = assessment_tool_activate(tool=tool)
    return tool


def _tool_version_get_or_create(
    *, definition: ToolDefinition, text: str, checksum: str, source_name: str, loaded_by: User | None
) -> AssessmentTool:
    existing = AssessmentTool.objects.select_for_update().filter(code=definition.code, version=definition.version)
    tool = existing.first()
    if tool is not None:
        return tool
    try:
        with transaction.atomic():
            return AssessmentTool.objects.create(
                code=definition.code,
                version=definition.version,
                title=definition.title,
                definition=tool_definition_to_dict(definition),
                source_text=text,
                source_name=source_name[:255],
                checksum=checksum,
                loaded_by=loaded_by,
            )
    except IntegrityError:
        # Someone loaded the same version at the same moment; compare with theirs.
        return existing.get()


@transaction.atomic
def assessment_tool_activate(*, tool: AssessmentTool) -> AssessmentTool:
    """Make `tool` the one active version of its code, deactivating the others in the same transaction."""
    versions = list(AssessmentTool.objects.select_for_update().filter(code=tool.code).order_by("pk"))
    # Deactivate first: the database allows only one active version per code at any moment.
    AssessmentTool.objects.filter(pk__in=[v.pk for v in versions if v.is_active and v.pk != tool.pk]).update(
        is_active=False
    )
    tool.is_active = True
    tool.save(update_fields=["is_active"])
    return tool


# --- Assessments of a child ------------------------------------------------------------------------


def assessment_start(*, child: Child, by: User, selected: frozenset[str] = frozenset()) -> Assessment:
    """A draft assessment with the active tool; `selected` pre-ticks indicators already known (a contact's signs)."""
    tool = assessment_tool_active()
    definition = tool_definition_of(tool)
    known = frozenset(code for code in selected if code in definition.indicators)
    suggestion = level_suggest(tool=definition, selected=known)
    assessment: Assessment = Assessment.objects.create(
        child=child,
        tool=tool,
        created_by=by,
        selected_indicators=sorted(known),
        suggested_level=suggestion.level,
        suggestion_reasons=list(suggestion.reasons),
    )
    return assessment


def _draft_only(assessment: Assessment) -> None:
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError("This assessment is complete and cannot change. Start a review to reassess.")


@transaction.atomic
def assessment_answers_save(
    *, assessment: Assessment, selected: frozenset[str], domain_notes: dict[str, str]
) -> Assessment:
    _draft_only(assessment)
    definition = tool_definition_of(assessment.tool)
    unknown_domains = sorted(set(domain_notes) - {domain.code for domain in definition.domains})
    if unknown_domains:
        raise ValidationError(f"The tool has no domain {', '.join(unknown_domains)}")
    try:
        suggestion = level_suggest(tool=definition, selected=selected)
    except UnknownIndicatorError as error:
        raise ValidationError(str(error)) from error
    assessment.selected_indicators = sorted(selected)
    assessment.domain_notes = {code: note.strip() for code, note in domain_notes.items() if note.strip()}
    assessment.suggested_level = suggestion.level
    assessment.suggestion_reasons = list(suggestion.reasons)
    assessment.save()
    return assessment


@transaction.atomic
def assessment_complete(
    *,
    assessment: Assessment,
    by: User,
    confirmed_level: RiskLevel,
    reason: str,
    review_due_on: dt.date | None,
) -> Assessment:
    """Confirm the level. The practitioner's level routes; a reason is required when it differs from the tool's."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _draft_only(assessment)
    if confirmed_level not in RiskLevel.values:
        raise ValidationError({"confirmed_level": "Select the level of risk you confirm"})
    if confirmed_level != assessment.suggested_level and not reason.strip():
        raise ValidationError(
            {"reason": f"Enter why you confirm {confirmed_level} when the tool suggests {assessment.suggested_level}"}
        )
    if review_due_on is not None and review_due_on < timezone.localdate():
        raise ValidationError({"review_due_on": "The review date must be today or in the future"})
    assessment.supersedes = (
        Assessment.objects.filter(child=assessment.child, status=AssessmentStatus.COMPLETE)
        .exclude(pk=assessment.pk)
        .order_by("-completed_at", "-id")
        .first()
    )
    assessment.status = AssessmentStatus.COMPLETE
    assessment.confirmed_level = confirmed_level
    assessment.confirmation_reason = reason.strip()
    assessment.review_due_on = review_due_on
    assessment.completed_at = timezone.now()
    assessment.completed_by = by
    assessment.save()
    risk_level_record(
        child=assessment.child,
        level=confirmed_level,
        by=by,
        source=RiskLevelSource.ASSESSMENT,
        assessment=assessment,
        reason=assessment.confirmation_reason,
    )
    override = (
        f" The tool suggested {assessment.suggested_level}: {assessment.confirmation_reason}"
        if (assessment.overrides_suggestion)
        else ""
    )
    chronology_entry_create(
        child=assessment.child,
        recorded_by=by,
        kind=ChronologyKind.ASSESSMENT,
        summary=f"CSE risk assessment completed: {confirmed_level} risk.{override}",
        source=f"{assessment.tool.title} {assessment.tool.version}",
    )
    return assessment


def risk_level_record(
    *,
    child: Child,
    level: RiskLevel,
    by: User,
    source: RiskLevelSource,
    assessment: Assessment | None = None,
    reason: str = "",
    decided_at: dt.datetime | None = None,
) -> RiskLevelRecord:
    """Record a confirmed level, and keep the child's current level (`Child.risk_level`, the newest
    record's) in the same transaction. The child's row is locked first, so that two levels recorded at
    once for one child take turns and the kept level is the newest of both. `decided_at` records a
    decision made earlier (a record brought in late); the kept level is still the newest."""
    with transaction.atomic():
        Child.objects.select_for_update().filter(pk=child.pk).values_list("pk", flat=True).get()
        record: RiskLevelRecord = RiskLevelRecord.objects.create(
            child=child,
            level=level,
            decided_by=by,
            source=source,
            assessment=assessment,
            reason=reason,
            decided_at=decided_at or timezone.now(),
        )
        current = child_risk_level_records(child_id=child.pk).values_list("level", flat=True).first() or ""
        Child.objects.filter(pk=child.pk).update(risk_level=current)
        child.risk_level = current
    return record
