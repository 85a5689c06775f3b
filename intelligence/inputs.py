"""What a submission carries, as plain values: the form, the community report, the API and the bulk
import all build one of these and hand it to `submission_record`."""

import datetime as dt
import uuid
from dataclasses import dataclass, field


@dataclass(frozen=True, kw_only=True)
class OnlineAccountInput:
    platform: str
    handle: str


@dataclass(frozen=True, kw_only=True)
class PersonInput:
    name: str = ""
    nickname: str = ""
    age_estimate: int | None = None
    gender: str = ""
    description: str = ""
    phones: list[str] = field(default_factory=list)
    online_accounts: list[OnlineAccountInput] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class VehicleInput:
    registration: str = ""
    make: str = ""
    model: str = ""
    colour: str = ""
    marks: str = ""


@dataclass(frozen=True, kw_only=True)
class LocationInput:
    name: str = ""
    address: str = ""
    postcode: str = ""
    kind: str = ""


@dataclass(frozen=True, kw_only=True)
class SubmissionInput:
    source: str
    narrative: str
    knowledge: str = "not_said"
    knowledge_detail: str = ""
    occurred_from: dt.datetime | None = None
    occurred_to: dt.datetime | None = None
    occurred_text: str = ""
    urgent: bool = False
    area_id: int | None = None
    children: list[uuid.UUID] = field(default_factory=list)
    children_text: str = ""
    persons: list[PersonInput] = field(default_factory=list)
    vehicles: list[VehicleInput] = field(default_factory=list)
    locations: list[LocationInput] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)  # phones not tied to a person
    online_accounts: list[OnlineAccountInput] = field(default_factory=list)  # accounts not tied to a person
    reference: str = ""  # given by a bulk import; otherwise made up
    received_at: dt.datetime | None = None
    idempotency_key: str = ""
    reporter_identity: str = ""  # community reports: encrypted before it is stored
