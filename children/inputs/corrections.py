"""What a correction of the child's details carries, as plain values: the form and the API's PATCH
both build one and hand it to the service."""

import dataclasses
import datetime as dt
from dataclasses import dataclass, fields
from enum import Enum
from typing import Any

from children.inputs.placement import PLACEMENT_FIELDS, PlacementInput


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
    # Whether the child is placed out of area, and with whom (decision 0034): corrected as one answer.
    placed_out_of_area: bool | Unchanged = UNCHANGED
    host_authority: str | Unchanged = UNCHANGED
    host_social_worker: str | Unchanged = UNCHANGED
    host_social_worker_contact: str | Unchanged = UNCHANGED

    def given(self) -> dict[str, object]:
        return {
            item.name: getattr(self, item.name) for item in fields(self) if getattr(self, item.name) is not UNCHANGED
        }

    def placement(self, current: PlacementInput) -> PlacementInput | None:
        """The placement this correction gives: the `current` one with the parts given replaced (a host
        left out stays as it is), or None when it gives no part of it."""
        parts: dict[str, Any] = {name: value for name, value in self.given().items() if name in PLACEMENT_FIELDS}
        return dataclasses.replace(current, **parts) if parts else None
