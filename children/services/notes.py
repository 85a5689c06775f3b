"""Case notes: what a practitioner learns about the child, from whom, written into the chronology.

Seed 003, 3.10: all those caring for a child at risk "should gather record and share relevant
information", and parents and carers are encouraged to do so too, "as this may be required in
subsequent criminal proceedings". Rule 13: every record keeps who recorded it, when, and from what
source. A note is one chronology entry (kind NOTE), append-only: a note written wrongly is put right
by another note, never by changing it.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, User
from accounts.standing import agency_of
from children.access import access_child_to_write
from children.inputs.notes import CaseNoteInput
from children.models import Carer, Child, ChronologyEntry, ChronologyKind, NoteSource
from children.services import chronology_entry_create

SUMMARY_MAX = 10000
DETAIL_MAX = 150  # the words of the source, with a carer's or agency's name, fit the entry's 200


def _with_detail(base: str, detail: str) -> str:
    return f"{base}: {detail}" if detail else base


def _note_errors(*, child: Child, data: CaseNoteInput) -> tuple[dict[str, str], Carer | None, Agency | None]:
    errors: dict[str, str] = {}
    carer: Carer | None = None
    agency: Agency | None = None
    if timezone.is_naive(data.occurred_at):
        errors["occurred_at"] = "Give the time it happened with its offset from UTC"
    elif data.occurred_at > timezone.now():
        errors["occurred_at"] = "The date and time it happened must be now or in the past"
    if not data.summary.strip():
        errors["summary"] = "Enter what you were told or saw"
    elif len(data.summary.strip()) > SUMMARY_MAX:
        errors["summary"] = f"The note must be {SUMMARY_MAX} characters or fewer"
    detail = data.source_detail.strip()
    if len(detail) > DETAIL_MAX:
        errors["source_detail"] = f"Say more about the source in {DETAIL_MAX} characters or fewer"
    if data.source not in NoteSource.values:
        errors["source"] = "Select who gave the information"
    elif data.source == NoteSource.PARENT_OR_CARER:
        carer = child.carers.filter(pk=data.carer_id).first() if data.carer_id is not None else None
        if carer is None:
            errors["carer_id"] = (
                f"Select which of {child.first_name}'s parents or carers gave the information"
                if child.carers.exists()
                else f"No parent or carer of {child.first_name} is recorded: choose 'Someone else' and say who"
            )
    elif data.source == NoteSource.PROFESSIONAL:
        agency = Agency.objects.filter(pk=data.agency_id).first() if data.agency_id is not None else None
        if agency is None:
            errors["agency_id"] = "Select the professional's agency"
        if not detail and "source_detail" not in errors:
            errors["source_detail"] = "Enter the professional's name and role"
    elif data.source == NoteSource.SOMEONE_ELSE and not detail and "source_detail" not in errors:
        errors["source_detail"] = "Say who gave the information"
    return errors, carer, agency


def _source_words(*, data: CaseNoteInput, actor: User, carer: Carer | None, agency: Agency | None) -> str:
    detail = data.source_detail.strip()
    if data.source == NoteSource.CHILD:
        return _with_detail("The child", detail)
    if data.source == NoteSource.PARENT_OR_CARER and carer is not None:
        return _with_detail(f"{carer.name} ({carer.get_relationship_display().lower()})", detail)
    if data.source == NoteSource.PROFESSIONAL and agency is not None:
        return f"{detail}, {agency.name}"
    if data.source == NoteSource.OWN_OBSERVATION:
        return _with_detail(f"Own observation of {actor.display_name}", detail)
    return detail


@transaction.atomic
def case_note_record(*, actor: User, child_id: uuid.UUID | str, data: CaseNoteInput) -> ChronologyEntry:
    """Write a case note into the child's chronology. Those who work the case may (decision 0025);
    someone who only sees the child may not (PermissionDenied), and a child they may not see is not
    found (Http404)."""
    child = access_child_to_write(actor, child_id)
    errors, carer, agency = _note_errors(child=child, data=data)
    if errors:
        raise ValidationError(errors)
    source_agency = agency if data.source == NoteSource.PROFESSIONAL else None
    if data.source == NoteSource.OWN_OBSERVATION:
        source_agency = agency_of(actor)
    return chronology_entry_create(
        child=child,
        recorded_by=actor,
        kind=ChronologyKind.NOTE,
        summary=data.summary.strip(),
        source=_source_words(data=data, actor=actor, carer=carer, agency=agency),
        occurred_at=data.occurred_at,
        source_agency=source_agency,
        source_kind=data.source,
        source_carer=carer,
        source_detail=data.source_detail.strip(),
    )
