"""What a case note carries, as plain values: the form and the API both build one and hand it to the
service."""

import datetime as dt
from dataclasses import dataclass


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
