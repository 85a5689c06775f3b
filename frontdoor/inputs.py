"""What a referral and the closing of a young adult's contact carry, as plain values: the page's form
and the API both build one and hand it to the service (`referral_make`, `contact_close`)."""

import datetime as dt
from dataclasses import dataclass

from children.models import Gender
from frontdoor.models.contact_closure import ContactClosureReason
from frontdoor.warning_signs import WarningSign


@dataclass(frozen=True, kw_only=True)
class ReferralInput:
    concern: str
    immediate_risk: bool
    first_name: str = ""
    last_name: str = ""
    known_as: str = ""
    date_of_birth: dt.date | None = None
    age_estimate: int | None = None
    gender: str = Gender.NOT_KNOWN
    school: str = ""
    address: str = ""
    description: str = ""
    warning_signs: frozenset[WarningSign] = frozenset()
    other_children: str = ""
    area_id: int | None = None  # the child's area, when the referrer's agency serves no one area


CLOSURE_NOTE_MAX = 5000
PASSED_TO_MAX = 150


@dataclass(frozen=True, kw_only=True)
class ContactClosureInput:
    """Why the front door closes a contact about someone 18 or over without a screening (decision 0039).

    `reason` is a ContactClosureReason value. Passed on: to a partner agency (`passed_to_agency_id`) or
    to a service named in words (`passed_to_organisation`); no further action passes it to no one, so
    both are dropped. `age_estimate`: the screener's estimate of the age, when the date of birth is not
    known."""

    reason: str
    note: str
    passed_to_agency_id: int | None = None
    passed_to_organisation: str = ""
    age_estimate: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "note", self.note.strip())
        passes_on = self.reason != ContactClosureReason.NO_FURTHER_ACTION
        object.__setattr__(self, "passed_to_organisation", self.passed_to_organisation.strip() if passes_on else "")
        if not passes_on:
            object.__setattr__(self, "passed_to_agency_id", None)
