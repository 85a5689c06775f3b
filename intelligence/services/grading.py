"""Grading a submission by the 3x5x2 model: police intelligence only. Each grading is kept; the latest
is the submission's grade, and the children it concerns get its sanitised summary in their chronology,
so that everyone working with them learns what the police may share."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from accounts.standing import agency_of
from children.models import ChronologyKind
from children.services import chronology_entry_create
from intelligence.access import is_intelligence_officer
from intelligence.models import (
    Grading,
    HandlingCode,
    IntelligenceAssessment,
    Outcome,
    SourceEvaluation,
    Submission,
    SubmissionStatus,
)

MAX_SUMMARY = 5000
MAX_CONDITIONS = 2000
CHRONOLOGY_SOURCE = "Police intelligence"


def _errors(
    *,
    source_evaluation: str,
    intelligence_assessment: str,
    handling_code: str,
    handling_conditions: str,
    outcome: str,
    sanitised_summary: str,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if source_evaluation not in SourceEvaluation.values:
        errors["source_evaluation"] = "Select how reliable the source is (1, 2 or 3)"
    if intelligence_assessment not in IntelligenceAssessment.values:
        errors["intelligence_assessment"] = "Select how the source knows the information (A to E)"
    if handling_code not in HandlingCode.values:
        errors["handling_code"] = "Select the handling code (P or C)"
    elif handling_code == HandlingCode.CONDITIONS and not handling_conditions.strip():
        errors["handling_conditions"] = "Enter the conditions partners must respect for handling code C"
    elif len(handling_conditions) > MAX_CONDITIONS:
        errors["handling_conditions"] = f"Enter the conditions in {MAX_CONDITIONS:,} characters or fewer"
    if outcome not in Outcome.values:
        errors["outcome"] = "Select the outcome"
    if not sanitised_summary.strip():
        errors["sanitised_summary"] = "Enter the sanitised summary partners will see"
    elif len(sanitised_summary) > MAX_SUMMARY:
        errors["sanitised_summary"] = f"Enter the sanitised summary in {MAX_SUMMARY:,} characters or fewer"
    return errors


@transaction.atomic
def submission_grade(
    *,
    submission: Submission,
    by: User,
    source_evaluation: str,
    intelligence_assessment: str,
    handling_code: str,
    handling_conditions: str,
    outcome: str,
    sanitised_summary: str,
) -> Grading:
    """Grade the submission and tell the chronology of each child it concerns: the sanitised summary
    only, never the narrative or the source."""
    if not is_intelligence_officer(by):
        raise PermissionDenied("Only police intelligence officers grade submissions.")
    errors = _errors(
        source_evaluation=source_evaluation,
        intelligence_assessment=intelligence_assessment,
        handling_code=handling_code,
        handling_conditions=handling_conditions,
        outcome=outcome,
        sanitised_summary=sanitised_summary,
    )
    if errors:
        raise ValidationError(errors)
    # Two officers grading at once: each grading is kept, in the order the locks grant.
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    grading = Grading.objects.create(
        submission=locked,
        source_evaluation=source_evaluation,
        intelligence_assessment=intelligence_assessment,
        handling_code=handling_code,
        # Conditions typed before switching to P would otherwise travel with intelligence free to share.
        handling_conditions=handling_conditions.strip() if handling_code == HandlingCode.CONDITIONS else "",
        outcome=outcome,
        sanitised_summary=sanitised_summary.strip(),
        graded_at=timezone.now(),
        graded_by=by,
    )
    if locked.status != SubmissionStatus.GRADED:
        locked.status = SubmissionStatus.GRADED
        locked.save(update_fields=["status"])
    submission.status = locked.status
    police = agency_of(by, role=Role.POLICE_INTELLIGENCE)
    for link in locked.children.select_related("child"):
        chronology_entry_create(
            child=link.child,
            recorded_by=by,
            kind=ChronologyKind.NOTE,
            summary=grading.sanitised_summary,
            source=CHRONOLOGY_SOURCE,
            occurred_at=grading.graded_at,
            source_agency=police,
        )
    return grading
