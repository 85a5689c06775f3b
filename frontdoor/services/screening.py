"""Screening a contact: the risk assessment, the case status, and the routing decision (seed 003, 2.2)."""

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from assessments.levels import RiskLevel
from assessments.models import Assessment
from assessments.selectors import child_risk_level_current
from assessments.services import assessment_answers_save, assessment_complete, assessment_start
from children.case_status import CaseStatus
from children.inputs.placement import PlacementInput
from children.learning_disability import LearningDisability
from children.models import Child
from children.services import child_case_status_set, child_placement_set, child_transfer
from frontdoor.access import may_screen
from frontdoor.models import Contact, Screening
from frontdoor.routing import (
    ADULT_AGE_YEARS,
    OVER_AGE_EXPLANATION,
    RoutingDecision,
    RoutingInput,
    RoutingInputError,
    route,
)
from frontdoor.routing import Team as TeamKindCode
from frontdoor.routing_json import learning_disability_json, routing_decision_to_json
from frontdoor.services.tasks import tasks_create, team_of_kind

# After screening, the case is held by the team that owns its next step, so that team can see it.
HOLDING_TEAM_AFTER_SCREENING: dict[tuple[CaseStatus, bool], TeamKindCode | None] = {
    (CaseStatus.OPEN_EARLY_HELP, False): None,  # stays with Early Help
    (CaseStatus.OPEN_EARLY_HELP, True): TeamKindCode.FIRST_RESPONSE,
    (CaseStatus.OPEN_SOCIAL_CARE, False): None,  # stays with the case-holding social worker's team
    (CaseStatus.OPEN_SOCIAL_CARE, True): None,
    (CaseStatus.NEW_CASE, False): TeamKindCode.EARLY_HELP,
    (CaseStatus.NEW_CASE, True): TeamKindCode.FIRST_RESPONSE,
    (CaseStatus.OUT_OF_AUTHORITY, False): None,  # the front door keeps it while it informs the placing authority
    (CaseStatus.OUT_OF_AUTHORITY, True): None,
}


@transaction.atomic
def _screener_check(*, child_id: uuid.UUID, by: User) -> None:
    if not may_screen(by, child_id=child_id):
        raise PermissionDenied("Only front door screeners screen a contact.")


def _child_under_18_check(child: Child) -> None:
    """The CSE procedure is for children under 18: a young person whose date of birth says 18 or over is
    refused, with where to go instead (care leavers are a separate service)."""
    age = child.age_years
    if age is not None and age >= ADULT_AGE_YEARS:
        raise ValidationError(f"{child.full_name} is {age}, from the date of birth. {OVER_AGE_EXPLANATION}")


def screening_start(*, contact: Contact, by: User) -> Screening:
    """The screening of a contact, started once; its draft assessment starts from the contact's signs."""
    _screener_check(child_id=contact.child_id, by=by)
    existing = Screening.objects.filter(contact=contact).first()
    if existing is not None:
        return existing
    _contact_open_check(contact)
    _child_under_18_check(contact.child)
    known = {*contact.warning_signs, *contact.vulnerability_factors}
    assessment = assessment_start(child=contact.child, by=by, selected=frozenset(known))
    screening: Screening = Screening.objects.create(
        contact=contact,
        child=contact.child,
        assessment=assessment,
        case_status=contact.child.case_status,
        started_by=by,
        **_placement_fields(contact.child.placement),
    )
    return screening


def _placement_fields(placement: PlacementInput) -> dict[str, object]:
    return {
        "placed_out_of_area": placement.placed_out_of_area,
        "host_authority": placement.host_authority,
        "host_social_worker": placement.host_social_worker,
        "host_social_worker_contact": placement.host_social_worker_contact,
    }


def _placement_check(*, case_status: CaseStatus, placement: PlacementInput) -> None:
    problems = placement.problems()
    if placement.placed_out_of_area and case_status == CaseStatus.OUT_OF_AUTHORITY:
        problems["placed_out_of_area"] = (
            "A child from another authority living here is not placed out of area by us: select no, or the "
            "case status of our child placed in another authority (procedure 2.2)"
        )
    if problems:
        raise ValidationError(problems)


def _undecided(screening: Screening) -> None:
    if screening.is_decided:
        raise ValidationError("This contact has been screened. A new concern needs a new contact.")
    _contact_open_check(screening.contact)


def _contact_open_check(contact: Contact) -> None:
    """A contact the front door closed without a screening (decision 0039) is not screened afterwards."""
    if contact.closed_at is not None:
        raise ValidationError(
            f"Contact {contact.reference} was closed without a screening: the young person is 18 or over. "
            "A new concern needs a new contact."
        )


@transaction.atomic
def screening_answers_save(
    *,
    screening: Screening,
    case_status: CaseStatus,
    selected: frozenset[str],
    domain_notes: dict[str, str],
    by: User,
    placement: PlacementInput | None = None,
) -> Screening:
    """The screener's answers so far. `placement`, whether the child is placed out of area and with whom
    (None: keep what the screening has, at first the child's record), is a duty added to the case status
    (procedure correction 5)."""
    _screener_check(child_id=screening.child_id, by=by)
    _undecided(screening)
    _child_under_18_check(screening.child)
    if case_status not in CaseStatus.values:
        raise ValidationError({"case_status": "Select the case status"})
    placement = placement if placement is not None else screening.placement
    _placement_check(case_status=case_status, placement=placement)
    assessment_answers_save(assessment=screening.assessment, selected=selected, domain_notes=domain_notes)
    screening.case_status = case_status
    fields = _placement_fields(placement)
    for name, value in fields.items():
        setattr(screening, name, value)
    screening.save(update_fields=["case_status", *fields])
    return screening


def routing_age(child: Child, age_estimate: int | None) -> int:
    """The age the routing rules use: from the date of birth, or the practitioner's estimate. Under 18:
    the procedure is for children, and refuses anyone older with where to go instead."""
    if child.age_years is not None:
        _child_under_18_check(child)
        return child.age_years
    if age_estimate is None:
        raise ValidationError(
            {"age_estimate": "The date of birth is not known: enter the child's age, as best you can"}
        )
    if age_estimate >= ADULT_AGE_YEARS:
        raise ValidationError({"age_estimate": OVER_AGE_EXPLANATION})
    return age_estimate


@transaction.atomic
def screening_decide(
    *,
    screening: Screening,
    by: User,
    confirmed_level: RiskLevel,
    reason: str,
    review_due_on: dt.date | None,
    age_estimate: int | None = None,
) -> RoutingDecision:
    """Confirm the level, route the case along its process map, and put the tasks on the teams' worklists."""
    screening = (
        Screening.objects.select_for_update(of=("self",))
        .select_related("contact", "child", "assessment")
        .get(pk=screening.pk)
    )
    _screener_check(child_id=screening.child_id, by=by)
    _undecided(screening)
    child, contact = screening.child, screening.contact
    previous_level = child_risk_level_current(child_id=child.id)
    try:
        facts = RoutingInput(
            case_status=CaseStatus(screening.case_status),
            risk_level=confirmed_level,
            previous_risk_level=previous_level,
            age_years=routing_age(child, age_estimate),
            learning_disability=LearningDisability(child.learning_disability),
            immediate_risk=contact.immediate_risk,
            warning_signs=frozenset(contact.warning_signs),
            placed_out_of_area=screening.placed_out_of_area,
        )
    except RoutingInputError as error:
        raise ValidationError(str(error)) from error
    assessment: Assessment = assessment_complete(
        assessment=screening.assessment,
        by=by,
        confirmed_level=confirmed_level,
        reason=reason,
        review_due_on=review_due_on,
    )
    decision = route(facts)
    screening.decided_at = timezone.now()
    screening.routing_input = {
        "case_status": str(facts.case_status),
        "risk_level": str(facts.risk_level),
        "previous_risk_level": str(facts.previous_risk_level) if facts.previous_risk_level else None,
        "age_years": facts.age_years,
        # true, false or "not_known", as route_preview takes it
        "learning_disability": learning_disability_json(facts.learning_disability),
        "immediate_risk": facts.immediate_risk,
        "warning_signs": sorted(str(sign) for sign in facts.warning_signs),
        "placed_out_of_area": facts.placed_out_of_area,
    }
    screening.decision = routing_decision_to_json(decision)
    screening.save()
    screening.contact.screened_at = screening.decided_at
    screening.contact.save(update_fields=["screened_at"])
    child_case_status_set(
        child=child, case_status=CaseStatus(screening.case_status), by=by, source="Front door screening"
    )
    child_placement_set(child=child, placement=screening.placement, by=by, source="Front door screening")
    next_team = HOLDING_TEAM_AFTER_SCREENING[
        (CaseStatus(screening.case_status), RiskLevel(assessment.confirmed_level).is_medium_or_high)
    ]
    if next_team is not None:
        child_transfer(
            child=child,
            to_team=team_of_kind(child=child, kind=next_team),
            by=by,
            reason=f"Screening of contact {contact.reference}: {assessment.confirmed_level} risk.",
        )
    tasks_create(child=child, planned=decision.tasks, screening=screening, contact=contact)
    return decision
