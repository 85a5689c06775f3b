"""What a write to the child's record carries, as plain values: the form and the API both build one
of these and hand it to the service."""

import datetime as dt
from dataclasses import dataclass, fields
from enum import Enum


@dataclass(frozen=True, kw_only=True)
class CaseNoteInput:
    """A case note (rule 13): when it happened, who gave the information, and what it was.

    `source` is a `NoteSource` value; `carer_id` names the child's recorded parent or carer when the
    source is a parent or carer; `agency_id` the professional's agency; `source_detail` says more
    about the source (the professional's name and role, how the child or parent told it)."""

    occurred_at: dt.datetime
    source: str
    summary: str
    carer_id: int | None = None
    agency_id: int | None = None
    source_detail: str = ""


class Unchanged(Enum):
    """A detail a correction leaves as it is (the API's PATCH names only what it changes)."""

    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED


@dataclass(frozen=True, kw_only=True)
class ChildDetailsInput:
    """The details of a child's record a practitioner may correct; each one left UNCHANGED or given."""

    first_name: str | Unchanged = UNCHANGED
    last_name: str | Unchanged = UNCHANGED
    known_as: str | Unchanged = UNCHANGED
    date_of_birth: dt.date | Unchanged | None = UNCHANGED
    gender: str | Unchanged = UNCHANGED
    ethnicity: str | Unchanged = UNCHANGED
    nhs_number: str | Unchanged = UNCHANGED
    learning_disability: str | Unchanged = UNCHANGED
    special_educational_needs: str | Unchanged = UNCHANGED
    school: str | Unchanged = UNCHANGED
    looked_after: bool | Unchanged = UNCHANGED

    def given(self) -> dict[str, object]:
        return {
            item.name: getattr(self, item.name) for item in fields(self) if getattr(self, item.name) is not UNCHANGED
        }
