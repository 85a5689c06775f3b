"""Reviewing a child's risk assessment: a new assessment that supersedes the last, and what its
change of level sets in motion (step-down, or the referrals of a medium or high risk case)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import User
from assessments.levels import RiskLevel
from assessments.models import Assessment, AssessmentStatus
from assessments.selectors import child_risk_level_current
from assessments.services import assessment_answers_save, assessment_complete, assessment_start
from children.case_status import CaseStatus
from children.learning_disability import LearningDisability
from children.models import Child
from frontdoor.access import may_review_assessment
from frontdoor.models import Screening, Task
from frontdoor.routing import RoutingInput, RoutingInputError, reassessment_tasks
from frontdoor.services.screening import routing_age
from frontdoor.services.tasks import tasks_create


def _reviewer_check(*, child: Child, by: User) -> None:
    if not may_review_assessment(by, child=child):
        raise PermissionDenied(
            "Only those who work the case review its risk assessment: its team, an allocated worker, the front door."
        )


@transaction.atomic
def reassessment_start(*, child: Child, by: User) -> Assessment:
    """The review in progress for the child, or a new one that starts from the last complete assessment."""
    _reviewer_check(child=child, by=by)
    draft = (
        Assessment.objects.filter(child=child, status=AssessmentStatus.DRAFT, screening__isnull=True)
        .order_by("-created_at")
        .first()
    )
    if draft is not None:
        return draft
    last = (
        Assessment.objects.filter(child=child, status=AssessmentStatus.COMPLETE)
        .order_by("-completed_at", "-id")
        .first()
    )
    return assessment_start(child=child, by=by, selected=frozenset(last.selected_indicators) if last else frozenset())


@transaction.atomic
def reassessment_answers_save(
    *, assessment: Assessment, selected: frozenset[str], domain_notes: dict[str, str], by: User
) -> Assessment:
    """Save the answers of a review in progress."""
    _reviewer_check(child=assessment.child, by=by)
    if Screening.objects.filter(assessment=assessment).exists():
        raise ValidationError("This assessment belongs to a screening: answer it on the screening's page.")
    return assessment_answers_save(assessment=assessment, selected=selected, domain_notes=domain_notes)


@transaction.atomic
def reassessment_complete(
    *,
    assessment: Assessment,
    by: User,
    confirmed_level: RiskLevel,
    reason: str,
    review_due_on: dt.date | None,
    age_estimate: int | None = None,
) -> list[Task]:
    _reviewer_check(child=assessment.child, by=by)
    if Screening.objects.filter(assessment=assessment).exists():
        raise ValidationError("This assessment belongs to a screening: confirm it on the screening's page.")
    child = assessment.child
    previous = child_risk_level_current(child_id=child.id)
    try:
        facts = RoutingInput(
            case_status=CaseStatus(child.case_status),
            risk_level=confirmed_level,
            previous_risk_level=previous,
            age_years=routing_age(child, age_estimate),
            learning_disability=LearningDisability(child.learning_disability),
            immediate_risk=False,
        )
    except RoutingInputError as error:
        raise ValidationError(str(error)) from error
    assessment_complete(
        assessment=assessment, by=by, confirmed_level=confirmed_level, reason=reason, review_due_on=review_due_on
    )
    return tasks_create(child=child, planned=reassessment_tasks(facts))
