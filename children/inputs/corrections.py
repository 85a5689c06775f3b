"""What a correction of the child's details carries, as plain values: the form and the API's PATCH
both build one and hand it to the service."""

import datetime as dt
from dataclasses import dataclass, fields
from enum import Enum


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
