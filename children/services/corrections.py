"""Corrections to a child's record: the details a practitioner may put right, with a reason, keeping
what each detail was (decision 0025). Each correction is a ChildCorrection per changed detail and one
chronology entry, in the same transaction as the change."""

import datetime as dt
import re
import uuid
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from children.access import access_child_to_write
from children.case_status import CaseStatus
from children.inputs.corrections import ChildDetailsInput
from children.inputs.placement import PLACEMENT_FIELDS
from children.learning_disability import LearningDisability
from children.models import (
    Child,
    ChildCorrection,
    ChronologyKind,
    Ethnicity,
    Gender,
    SpecialEducationalNeeds,
)
from children.services import chronology_entry_create

LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "known_as": "Known as",
    "date_of_birth": "Date of birth",
    "gender": "Gender",
    "ethnicity": "Ethnicity",
    "nhs_number": "NHS number",
    "learning_disability": "Learning disability",
    "special_educational_needs": "Special educational needs",
    "school": "School",
    "looked_after": "Looked after",
    "placed_out_of_area": "Placed out of area",
    "host_authority": "Host authority",
    "host_social_worker": "Host social worker",
    "host_social_worker_contact": "Host social worker's contact",
}
CHOICES: dict[str, type[Gender] | type[Ethnicity] | type[LearningDisability] | type[SpecialEducationalNeeds]] = {
    "gender": Gender,
    "ethnicity": Ethnicity,
    "learning_disability": LearningDisability,
    "special_educational_needs": SpecialEducationalNeeds,
}
TEXT_LIMITS = {"first_name": 100, "last_name": 100, "known_as": 100, "school": 150}
PLACED_FROM_ANOTHER_AUTHORITY = (
    "A child from another authority living here is not placed out of area by us: select no (procedure 2.2)"
)
NHS_DUPLICATE = (
    "This NHS number is already recorded for another child. Check the number; if both records are the same "
    "child, ask the front door to bring them together"
)


def _nhs_number_problem(number: str) -> str:
    """What is wrong with an NHS number ('' when nothing): 10 digits whose last is the modulus 11 check."""
    if not re.fullmatch(r"\d{10}", number):
        return "Enter the NHS number as 10 digits, like 943 476 5919"
    check = 11 - sum(int(digit) * (10 - place) for place, digit in enumerate(number[:9])) % 11
    if check == 10 or int(number[9]) != (0 if check == 11 else check):
        return "Enter a real NHS number: the last digit does not match the others"
    return ""


def _in_words(name: str, value: object) -> str:
    if name in CHOICES:
        return str(CHOICES[name](str(value)).label)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if name == "nhs_number" and isinstance(value, str) and value:
        return f"{value[:3]} {value[3:6]} {value[6:]}"
    return str(value) if value not in (None, "") else "Not recorded"


def _cleaned(name: str, value: object, errors: dict[str, str]) -> object:
    """The value as the record keeps it, or the problem with it in `errors`."""
    label = LABELS[name]
    if name in TEXT_LIMITS:
        text = str(value).strip()
        if name in ("first_name", "last_name") and not text:
            errors[name] = f"Enter the child's {label.lower()}, or 'Unknown'"
        elif len(text) > TEXT_LIMITS[name]:
            errors[name] = f"{label} must be {TEXT_LIMITS[name]} characters or fewer"
        return text
    if name in CHOICES:
        if value not in CHOICES[name].values:
            errors[name] = f"Select the child's {label.lower()}"
        return value
    if name == "date_of_birth":
        if value is not None and (not isinstance(value, dt.date) or value > timezone.localdate()):
            errors[name] = "Date of birth must be today or in the past"
        return value
    if name == "nhs_number":
        number = re.sub(r"[\s-]", "", str(value))
        if number and (problem := _nhs_number_problem(number)):
            errors[name] = problem
        return number
    if name == "looked_after" and not isinstance(value, bool):
        errors[name] = "Select whether the child is looked after"
    return value


def _placement_changes(
    child: Child, data: ChildDetailsInput, errors: dict[str, str]
) -> dict[str, tuple[object, object]]:
    """The placement out of area, judged as the screening judges it (decision 0034): one answer, whose
    host is required when the child is placed and kept nothing of when not."""
    placement = data.placement(child.placement)
    if placement is None:
        return {}
    if not isinstance(placement.placed_out_of_area, bool):
        errors["placed_out_of_area"] = "Select yes if the child is placed out of area"
        return {}
    problems = placement.problems()
    if placement.placed_out_of_area and child.case_status == CaseStatus.OUT_OF_AUTHORITY:
        problems["placed_out_of_area"] = PLACED_FROM_ANOTHER_AUTHORITY
    if problems:
        errors.update(problems)
        return {}
    return {
        name: (getattr(child, name), getattr(placement, name))
        for name in PLACEMENT_FIELDS
        if getattr(placement, name) != getattr(child, name)
    }


def _changes(child: Child, data: ChildDetailsInput, errors: dict[str, str]) -> dict[str, tuple[object, object]]:
    changes: dict[str, tuple[object, object]] = {}
    for name, given in data.given().items():
        if name in PLACEMENT_FIELDS:
            continue
        value = _cleaned(name, given, errors)
        if name not in errors and value != getattr(child, name):
            changes[name] = (getattr(child, name), value)
    return changes | _placement_changes(child, data, errors)


def _summary(changes: dict[str, tuple[object, object]], reason: str) -> str:
    lines = [f"{LABELS[name]}: {_in_words(name, old)} → {_in_words(name, new)}" for name, (old, new) in changes.items()]
    return "Details corrected. " + "; ".join(lines) + f". Reason: {reason}"


def _save(child: Child, fields: list[str], on_duplicate: Callable[[], ValidationError]) -> None:
    try:
        with transaction.atomic():
            child.save(update_fields=fields)
    except IntegrityError as clash:  # two corrections at once giving one NHS number
        raise on_duplicate() from clash


@transaction.atomic
def child_details_correct(
    *, actor: User, child_id: uuid.UUID | str, data: ChildDetailsInput, reason: str
) -> list[ChildCorrection]:
    """Put right the details given in `data` that differ from the record, with a reason. Those who work
    the case may (decision 0025); someone who only sees the child may not (PermissionDenied), and a child
    they may not see is not found (Http404). Nothing is saved when any detail is refused."""
    child = access_child_to_write(actor, child_id)
    child = Child.objects.select_for_update(of=("self",)).get(pk=child.pk)
    errors: dict[str, str] = {}
    changes = _changes(child, data, errors)
    new_number = changes.get("nhs_number", (None, ""))[1]
    if new_number and Child.objects.filter(nhs_number=new_number).exclude(pk=child.pk).exists():
        errors["nhs_number"] = NHS_DUPLICATE
    if not reason.strip():
        errors["reason"] = "Enter why the details are being corrected"
    if not errors and not changes:
        errors["__all__"] = "Nothing has changed: correct at least one detail, or go back"
    if errors:
        raise ValidationError(errors)
    for name, (_, new) in changes.items():
        setattr(child, name, new)
    _save(child, list(changes), lambda: ValidationError({"nhs_number": NHS_DUPLICATE}))
    now = timezone.now()
    corrections = [
        ChildCorrection.objects.create(
            child=child,
            field=name,
            old_value=_in_words(name, old)[:200],
            new_value=_in_words(name, new)[:200],
            reason=reason.strip(),
            corrected_by=actor,
            corrected_at=now,
        )
        for name, (old, new) in changes.items()
    ]
    chronology_entry_create(
        child=child,
        recorded_by=actor,
        kind=ChronologyKind.CORRECTION,
        summary=_summary(changes, reason.strip()),
        source=actor.display_name,
        occurred_at=now,
    )
    return corrections
