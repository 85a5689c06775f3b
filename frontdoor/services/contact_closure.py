"""Closing a contact about a young person of 18 or over without a CSE screening (decision 0039).

The CSE procedure is for children under 18 (seed 003; decision 0007), so the front door does not screen
or route a young adult; what it does with the concern is pass it to the service for adults, or take no
further action, and say so. The closed contact is no longer waiting for the front door: it leaves the
contacts to screen, and no longer stands in the way of closing the case.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone

from accounts.models import Agency, User
from accounts.standing import agency_of
from children.models import Child, ChronologyKind
from children.services import chronology_entry_create
from frontdoor.access import access_contact, may_screen
from frontdoor.inputs import CLOSURE_NOTE_MAX, PASSED_TO_MAX, ContactClosureInput
from frontdoor.models import Contact, ContactClosure, ContactClosureReason
from frontdoor.routing import ADULT_AGE_YEARS

MAY_NOT_CLOSE = "Only front door screeners close a contact."
SCREEN_A_CHILD = "A contact about a child under 18 is screened, not closed: screen this contact (procedure 2.2)."


def _still_open_check(contact: Contact) -> None:
    if contact.closed_at is not None:
        closed = formats.date_format(timezone.localtime(contact.closed_at), "j F Y")
        raise ValidationError(f"Contact {contact.reference} was closed on {closed}: it is no longer open.")
    if contact.screened_at is not None:
        raise ValidationError(
            f"Contact {contact.reference} has been screened and routed: a screened contact is not closed this way."
        )


def _age(child: Child, age_estimate: int | None) -> tuple[int | None, dict[str, str]]:
    """The age the closure relies on, and whether it is the screener's estimate; or what is wrong with it.
    From the date of birth when it is known; otherwise the screener's estimate, as the screening's routing
    takes it (decision 0007). Under 18 is refused: a child's contact is screened."""
    age = child.age_years
    if age is not None:
        if age_estimate is not None:
            return None, {"age_estimate": "The date of birth is known: leave the age estimate out"}
        if age < ADULT_AGE_YEARS:
            return None, {"__all__": f"{child.full_name} is {age}, from the date of birth. {SCREEN_A_CHILD}"}
        return age, {}
    if age_estimate is None:
        return None, {
            "age_estimate": "The date of birth is not known: enter the young person's age, as best you know it"
        }
    if age_estimate < ADULT_AGE_YEARS:
        return None, {"age_estimate": f"{child.full_name} is {age_estimate}, by your estimate. {SCREEN_A_CHILD}"}
    return age_estimate, {}


def _passed_to_agency(data: ContactClosureInput, errors: dict[str, str]) -> Agency | None:
    if data.passed_to_agency_id is None:
        return None
    agency = Agency.objects.filter(pk=data.passed_to_agency_id).first()
    if agency is None:
        errors["passed_to_agency"] = "No partner agency has this id"
    return agency


def _problems(data: ContactClosureInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.reason not in ContactClosureReason.values:
        errors["reason"] = "Select why the contact is closed: passed to a service for adults, or no further action"
    elif data.reason != ContactClosureReason.NO_FURTHER_ACTION:
        if data.passed_to_agency_id is None and not data.passed_to_organisation:
            errors["passed_to_organisation"] = "Enter the service or agency the contact was passed to"
        elif data.passed_to_agency_id is not None and data.passed_to_organisation:
            errors["passed_to_organisation"] = "Choose a partner agency or enter the organisation, not both"
    if len(data.passed_to_organisation) > PASSED_TO_MAX:
        errors["passed_to_organisation"] = f"The organisation must be {PASSED_TO_MAX} characters or fewer"
    if not data.note:
        errors["note"] = "Enter why the contact is closed, and what was agreed with whom"
    elif len(data.note) > CLOSURE_NOTE_MAX:
        errors["note"] = f"The note must be {CLOSURE_NOTE_MAX:,} characters or fewer"
    return errors


def _summary(contact: Contact, closure: ContactClosure) -> str:
    age = f"{closure.age_years}{' (estimated)' if closure.age_estimated else ''}"
    what = ContactClosureReason(closure.reason).label
    passed = f": {closure.passed_to}" if closure.passed_to else ""
    return (
        f"Contact {contact.reference} closed without a CSE screening: {contact.child.first_name} is {age}, and the "
        f"procedure is for children under 18. {what}{passed}. {closure.note}"
    )


@transaction.atomic
def contact_close(*, actor: User, contact_id: int, data: ContactClosureInput) -> ContactClosure:
    """Close a contact about a young person of 18 or over without a screening: a front door screener who
    may screen it, with the reason, the service it was passed to (none for no further action) and a note.
    Refused for a contact about a child under 18, which is screened; for a contact already screened or
    closed; and when the date of birth is not known, without the screener's estimate of the age."""
    contact = access_contact(actor, contact_id)
    if not may_screen(actor, child_id=contact.child_id):
        raise PermissionDenied(MAY_NOT_CLOSE)
    contact = Contact.objects.select_for_update().get(pk=contact.pk)  # two screeners closing at once: one closure
    _still_open_check(contact)
    errors = _problems(data)
    agency = _passed_to_agency(data, errors)
    age, age_errors = _age(contact.child, data.age_estimate)
    errors.update(age_errors)
    if errors:
        raise ValidationError(errors)
    assert age is not None
    now = timezone.now()
    closure = ContactClosure.objects.create(
        contact=contact,
        closed_at=now,
        closed_by=actor,
        reason=data.reason,
        passed_to_agency=agency,
        passed_to_organisation=data.passed_to_organisation,
        note=data.note,
        age_years=age,
        age_estimated=data.age_estimate is not None,  # allowed only when the date of birth is not known
    )
    contact.closed_at = now
    contact.save(update_fields=["closed_at"])
    chronology_entry_create(
        child=contact.child,
        recorded_by=actor,
        kind=ChronologyKind.CONTACT,
        occurred_at=now,
        summary=_summary(contact, closure),
        source="Front door",
        source_agency=agency_of(actor),
    )
    return closure
