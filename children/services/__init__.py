"""Writes to the child record. Every change leaves a line in the chronology (rule 13)."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, Area, Team, User
from children.case_status import CaseStatus
from children.inputs.placement import PlacementInput
from children.learning_disability import LearningDisability
from children.models import Carer, Child, ChronologyEntry, ChronologyKind, Ethnicity, Gender
from core.references import reference_next


@dataclass(frozen=True, kw_only=True)
class NewChild:
    first_name: str
    last_name: str
    known_as: str = ""
    date_of_birth: dt.date | None = None
    gender: str = Gender.NOT_KNOWN
    ethnicity: str = Ethnicity.NOT_STATED
    learning_disability: str = LearningDisability.NOT_KNOWN
    school: str = ""


def chronology_entry_create(
    *,
    child: Child,
    recorded_by: User,
    kind: ChronologyKind,
    summary: str,
    source: str,
    occurred_at: dt.datetime | None = None,
    source_agency: Agency | None = None,
    source_kind: str = "",
    source_carer: Carer | None = None,
    source_detail: str = "",
) -> ChronologyEntry:
    entry: ChronologyEntry = ChronologyEntry.objects.create(
        source_kind=source_kind,
        source_carer=source_carer,
        source_detail=source_detail,
        child=child,
        recorded_by=recorded_by,
        kind=kind,
        summary=summary,
        source=source,
        occurred_at=occurred_at or timezone.now(),
        source_agency=source_agency,
    )
    return entry


@transaction.atomic
def child_create(*, details: NewChild, holding_team: Team, area: Area, created_by: User, source: str) -> Child:
    """A new child record, held by the team that recorded it, numbered in its area."""
    Area.objects.select_for_update().get(pk=area.pk)
    child = Child.objects.create(
        reference=reference_next(queryset=Child.objects.all(), field="reference", prefix=area.code.upper()),
        first_name=details.first_name.strip(),
        last_name=details.last_name.strip(),
        known_as=details.known_as.strip(),
        date_of_birth=details.date_of_birth,
        gender=details.gender,
        ethnicity=details.ethnicity,
        learning_disability=details.learning_disability,
        school=details.school.strip(),
        home_authority=area,
        responsible_authority=area,
        case_status=CaseStatus.NEW_CASE,
        holding_team=holding_team,
        created_by=created_by,
    )
    chronology_entry_create(
        child=child,
        recorded_by=created_by,
        kind=ChronologyKind.CHILD_RECORDED,
        summary=f"Child recorded by {holding_team.name}.",
        source=source,
        source_agency=holding_team.agency,
    )
    return child


@transaction.atomic
def child_transfer(*, child: Child, to_team: Team, by: User, reason: str) -> Child:
    """Move the case to the team that now holds it; the old team keeps only what allocations give it."""
    if child.holding_team_id == to_team.pk:
        return child
    from_team = child.holding_team
    child.holding_team = to_team
    child.save(update_fields=["holding_team"])
    chronology_entry_create(
        child=child,
        recorded_by=by,
        kind=ChronologyKind.CASE_STATUS,
        summary=f"Case transferred from {from_team.name} to {to_team.name}. {reason}".strip(),
        source=from_team.name,
        source_agency=from_team.agency,
    )
    return child


@transaction.atomic
def child_case_status_set(*, child: Child, case_status: CaseStatus, by: User, source: str) -> Child:
    """The front door's status for the case (a screening, or a task that moves the case): a closed case
    that receives one is open again (decision 0024)."""
    if child.closed_at is not None:
        child.closed_at, child.closed_by, child.closure_reason = None, None, ""
        child.save(update_fields=["closed_at", "closed_by", "closure_reason"])
        chronology_entry_create(
            child=child,
            recorded_by=by,
            kind=ChronologyKind.CASE_STATUS,
            summary=f"Case reopened: {CaseStatus(case_status).label}.",
            source=source,
        )
    if child.case_status == case_status:
        return child
    previous = CaseStatus(child.case_status).label
    child.case_status = case_status
    child.save(update_fields=["case_status"])
    chronology_entry_create(
        child=child,
        recorded_by=by,
        kind=ChronologyKind.CASE_STATUS,
        summary=f"Case status changed from {previous} to {CaseStatus(case_status).label}.",
        source=source,
    )
    return child


@transaction.atomic
def child_placement_set(*, child: Child, placement: PlacementInput, by: User, source: str) -> Child:
    """Whether the child is placed out of area, and the host authority and its social worker, as the front
    door's screening found it (procedure correction 5): a change goes in the chronology."""
    if child.placement == placement:
        return child
    previous = child.placement
    child.placed_out_of_area = placement.placed_out_of_area
    child.host_authority = placement.host_authority
    child.host_social_worker = placement.host_social_worker
    child.host_social_worker_contact = placement.host_social_worker_contact
    child.save(
        update_fields=["placed_out_of_area", "host_authority", "host_social_worker", "host_social_worker_contact"]
    )
    chronology_entry_create(
        child=child,
        recorded_by=by,
        kind=ChronologyKind.CASE_STATUS,
        summary=f"Placement changed: {placement.summary()} (Was: {previous.summary()})",
        source=source,
    )
    return child
