"""Recording contacts at the front door, and the linked children they name (rules 1, 2 and 8)."""

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, Area, Team, TeamKind, User
from accounts.standing import agency_of, standing_of
from children.access import access_child
from children.models import Child, ChronologyKind
from children.services import NewChild, child_create, chronology_entry_create
from core.references import reference_next
from frontdoor.concern_codes import GroomingModel, GroomingStage, Setting, VulnerabilityFactor
from frontdoor.models import Contact, ContactLinkedChild, Involvement, ReporterRelationship, Task, TaskStatus
from frontdoor.routing import Owner, TaskCode
from frontdoor.warning_signs import WarningSign

CLOCK_SKEW = dt.timedelta(minutes=5)
SUMMARY_LENGTH = 300


@dataclass(frozen=True, kw_only=True)
class ContactDetails:
    received_at: dt.datetime
    reporter_relationship: ReporterRelationship
    concern: str
    immediate_risk: bool
    reporter_name: str = ""
    reporter_role: str = ""
    reporter_agency: Agency | None = None
    reporter_organisation: str = ""
    reporter_phone: str = ""
    reporter_email: str = ""
    warning_signs: frozenset[WarningSign] = frozenset()
    vulnerability_factors: frozenset[VulnerabilityFactor] = frozenset()
    grooming_models: frozenset[GroomingModel] = frozenset()
    grooming_stage: GroomingStage = GroomingStage.NOT_KNOWN
    setting: Setting = Setting.NOT_KNOWN
    platforms: tuple[str, ...] = field(default=())


@dataclass(frozen=True, kw_only=True)
class LinkedChildDetails:
    involvement: Involvement
    existing_child_id: uuid.UUID | None = None
    new_child: NewChild | None = None
    notes: str = ""


def front_door_team_of(user: User) -> Team:
    """The front door team the user screens for; only front door screeners record contacts."""
    team = (
        Team.objects.filter(id__in=standing_of(user).screener_team_ids, agency__area__isnull=False)
        .select_related("agency__area")
        .order_by("name")
        .first()
    )
    if team is None:
        raise ValidationError("Only front door screeners can record a contact.")
    return team


def is_front_door_screener(user: User) -> bool:
    return standing_of(user).is_screener


def _details_check(details: ContactDetails) -> None:
    errors: dict[str, str] = {}
    if not details.concern.strip():
        errors["concern"] = "Enter the concern, in the reporter's words"
    if timezone.is_naive(details.received_at):
        errors["received_at"] = "The date and time received must include a time zone"
    elif details.received_at > timezone.now() + CLOCK_SKEW:
        errors["received_at"] = "The date and time received must be in the past"
    if details.reporter_relationship == ReporterRelationship.PROFESSIONAL and not (
        details.reporter_agency or details.reporter_organisation.strip()
    ):
        errors["reporter_organisation"] = "Enter the professional's agency or organisation"
    if errors:
        raise ValidationError(errors)


def _reporter_description(details: ContactDetails) -> str:
    organisation = details.reporter_agency.name if details.reporter_agency else details.reporter_organisation
    who = ", ".join(part for part in (details.reporter_name, details.reporter_role, organisation) if part)
    relationship = ReporterRelationship(details.reporter_relationship).label
    return f"{relationship}: {who}" if who else relationship


def _summary(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"


def _linked_child_resolve(*, user: User, linked: LinkedChildDetails, front_door: Team, area: Area) -> Child:
    if (linked.existing_child_id is None) == (linked.new_child is None):
        raise ValidationError({"linked_children": "Name each linked child once: an existing record or a new child"})
    if linked.existing_child_id is not None:
        return access_child(user, linked.existing_child_id)
    assert linked.new_child is not None
    return child_create(
        details=linked.new_child, holding_team=front_door, area=area, created_by=user, source=front_door.name
    )


@transaction.atomic
def contact_create(
    *,
    recorded_by: User,
    details: ContactDetails,
    child_id: uuid.UUID | None = None,
    new_child: NewChild | None = None,
    linked_children: Sequence[LinkedChildDetails] = (),
    screening_of: ContactLinkedChild | None = None,
    front_door: Team | None = None,
) -> Contact:
    """Record a contact about an existing or a new child, with any other children it names.

    The front door is the recorder's own, unless a lead worker is referring a child to it (rule 8).
    All or nothing: a problem with any part leaves no contact, no child and no chronology entry.
    """
    front_door = front_door or front_door_team_of(recorded_by)
    area = front_door.agency.area
    assert area is not None
    _details_check(details)
    if (child_id is None) == (new_child is None):
        raise ValidationError({"child": "Choose the child the contact is about, or enter a new child"})
    if child_id is not None:
        child = access_child(recorded_by, child_id)
    else:
        assert new_child is not None
        child = child_create(
            details=new_child, holding_team=front_door, area=area, created_by=recorded_by, source=front_door.name
        )

    Area.objects.select_for_update().get(pk=area.pk)
    contact = Contact.objects.create(
        reference=reference_next(queryset=Contact.objects.all(), field="reference", prefix=f"CT-{area.code.upper()}"),
        child=child,
        recorded_by=recorded_by,
        received_at=details.received_at,
        reporter_name=details.reporter_name.strip(),
        reporter_relationship=details.reporter_relationship,
        reporter_role=details.reporter_role.strip(),
        reporter_agency=details.reporter_agency,
        reporter_organisation=details.reporter_organisation.strip(),
        reporter_phone=details.reporter_phone.strip(),
        reporter_email=details.reporter_email.strip(),
        concern=details.concern.strip(),
        immediate_risk=details.immediate_risk,
        warning_signs=sorted(details.warning_signs),
        vulnerability_factors=sorted(details.vulnerability_factors),
        grooming_models=sorted(details.grooming_models),
        grooming_stage=details.grooming_stage,
        setting=details.setting,
        platforms=[platform.strip() for platform in details.platforms if platform.strip()],
        screening_of=screening_of,
    )
    source = _reporter_description(details)
    chronology_entry_create(
        child=child,
        recorded_by=recorded_by,
        kind=ChronologyKind.CONTACT,
        occurred_at=details.received_at,
        summary=f"Contact {contact.reference} received. {_summary(details.concern)}",
        source=source,
        source_agency=details.reporter_agency,
    )
    if details.immediate_risk:
        # Rule 1: the first action, before any screening.
        Task.objects.create(
            child=child,
            contact=contact,
            code=TaskCode.CONTACT_POLICE_999,
            owner=Owner.CONTACT_RECORDER,
            team=front_door,
            assigned_to=recorded_by,
            status=TaskStatus.OPEN,
            due_at=timezone.now(),
            reason="The child is at immediate risk: contact the police on 999 first (procedure 2.2).",
        )

    for linked in linked_children:
        contact_linked_child_add(recorded_by=recorded_by, contact=contact, linked=linked, front_door=front_door)
    return contact


@transaction.atomic
def contact_linked_child_add(
    *, recorded_by: User, contact: Contact, linked: LinkedChildDetails, front_door: Team | None = None
) -> ContactLinkedChild:
    """Name another child who may be involved (rule 2): an existing record, or a new one to screen."""
    front_door = front_door or front_door_team_of(recorded_by)
    area = front_door.agency.area
    assert area is not None
    linked_child = _linked_child_resolve(user=recorded_by, linked=linked, front_door=front_door, area=area)
    already = {contact.child_id, *contact.linked_children.values_list("child_id", flat=True)}
    if linked_child.id in already:
        raise ValidationError(
            {"linked_children": f"{linked_child.full_name} is already named in contact {contact.reference}"}
        )
    link: ContactLinkedChild = ContactLinkedChild.objects.create(
        contact=contact, child=linked_child, involvement=linked.involvement, notes=linked.notes.strip()
    )
    chronology_entry_create(
        child=linked_child,
        recorded_by=recorded_by,
        kind=ChronologyKind.CONTACT,
        occurred_at=contact.received_at,
        summary=f"Named in contact {contact.reference} about {contact.child.full_name}: "
        f"{Involvement(linked.involvement).label.lower()}.",
        source=contact.reporter_agency.name if contact.reporter_agency else contact.get_reporter_relationship_display(),
        source_agency=contact.reporter_agency,
    )
    return link


@transaction.atomic
def contact_create_for_linked_child(*, recorded_by: User, linked: ContactLinkedChild) -> Contact:
    """A contact of its own for a child named in another contact, so that the child is screened in turn."""
    existing = Contact.objects.filter(screening_of=linked).first()
    if existing is not None:
        return existing
    original = linked.contact
    return contact_create(
        recorded_by=recorded_by,
        child_id=linked.child_id,
        screening_of=linked,
        details=ContactDetails(
            received_at=original.received_at,
            reporter_relationship=ReporterRelationship(original.reporter_relationship),
            reporter_name=original.reporter_name,
            reporter_role=original.reporter_role,
            reporter_agency=original.reporter_agency,
            reporter_organisation=original.reporter_organisation,
            reporter_phone=original.reporter_phone,
            reporter_email=original.reporter_email,
            concern=f"Named in contact {original.reference} ({Involvement(linked.involvement).label.lower()}). "
            f"{linked.notes}".strip(),
            immediate_risk=False,
        ),
    )


def front_door_of_child(child: Child) -> Team:
    team = (
        Team.objects.filter(kind=TeamKind.FRONT_DOOR, agency__area=child.responsible_authority_id)
        .select_related("agency__area")
        .order_by("id")
        .first()
    )
    if team is None:
        raise ValidationError(f"{child.responsible_authority} has no front door team to refer to.")
    return team


@transaction.atomic
def front_door_referral_create(
    *, lead_worker: User, child_id: uuid.UUID, concern: str, immediate_risk: bool
) -> Contact:
    """Rule 8 in one action: a lead worker refers a new or escalating risk back to the front door.

    The referral is a contact in the front door's queue, and settles the lead worker's standing
    'refer to the front door' task for the child.
    """
    child = access_child(lead_worker, child_id)
    agency = agency_of(lead_worker)
    contact = contact_create(
        recorded_by=lead_worker,
        child_id=child.id,
        front_door=front_door_of_child(child),
        details=ContactDetails(
            received_at=timezone.now(),
            reporter_relationship=ReporterRelationship.PROFESSIONAL,
            reporter_name=lead_worker.display_name,
            reporter_role=lead_worker.job_title,
            reporter_agency=agency,
            reporter_email=lead_worker.email,
            concern=concern,
            immediate_risk=immediate_risk,
        ),
    )
    Task.objects.filter(child=child, code=TaskCode.REFER_TO_FRONT_DOOR, status=TaskStatus.WAITING).update(
        status=TaskStatus.DONE,
        completed_at=timezone.now(),
        completed_by=lead_worker,
        outcome_note=f"Referred to the front door in contact {contact.reference}.",
    )
    return contact
