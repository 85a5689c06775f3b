"""What a referral carries, as plain values: the page's form and the API both build one and hand it
to `referral_make`."""

import datetime as dt
from dataclasses import dataclass

from children.models import Gender
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
