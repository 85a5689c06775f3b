"""The community report form: what a member of the public may tell us (seed 004's list), anonymous
unless they choose otherwise, read into the one `SubmissionInput` every route stores."""

import datetime as dt
import re
import secrets
from typing import Any

from django import forms
from django.utils import timezone

from core.forms import DatePartsMixin, date_part
from intelligence.inputs import LocationInput, PersonInput, SubmissionInput, VehicleInput
from intelligence.models import Knowledge, SubmissionSource

PEOPLE = 3
PLACES = 2
VEHICLES = 3
NARRATIVE_MAX = 10_000
# Community keys carry their own prefix, so that a key sent to the public form can never name, or
# probe for, a submission made through another route.
KEY_PREFIX = "public-"
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,56}$")
REGISTRATION_PATTERN = re.compile(r"^[A-Za-z0-9 ?*]*$")
HONEYPOT = "website"
PERSON_PARTS = ("name", "nickname", "description")
PLACE_PARTS = ("name", "address", "postcode")
VEHICLE_PARTS = ("registration", "make", "model", "colour")
GROUPS = (("person", PEOPLE, PERSON_PARTS), ("place", PLACES, PLACE_PARTS), ("vehicle", VEHICLES, VEHICLE_PARTS))

KNOWLEDGE_CHOICES = [
    (Knowledge.SEEN_OR_HEARD.value, "I saw or heard it myself"),
    (Knowledge.TOLD_BY_CHILD.value, "A child or young person told me"),
    (Knowledge.TOLD_BY_SOMEONE_ELSE.value, "Someone else told me"),
    (Knowledge.RUMOUR.value, "It may be rumour or gossip"),
]


def new_idempotency_key() -> str:
    return secrets.token_urlsafe(24)


def _text(label: str, max_length: int, *, what: str = "", widget: type[forms.Widget] | None = None) -> forms.CharField:
    """An optional box of text; `what` names it in the error message when the label alone does not."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=widget or forms.TextInput,
        error_messages={"max_length": f"{what or label} must be {max_length:,} characters or fewer"},
    )


class CommunityReportForm(DatePartsMixin):
    narrative = forms.CharField(
        label="What did you see or hear?",
        widget=forms.Textarea,
        max_length=NARRATIVE_MAX,
        error_messages={
            "required": "Describe what you saw or heard",
            "max_length": f"Describe what you saw or heard in {NARRATIVE_MAX:,} characters or fewer",
        },
    )
    when_day = date_part(2)
    when_month = date_part(2)
    when_year = date_part(4)
    when_text = _text("Time, or more about when (optional)", 200, what="More about when")
    knowledge = forms.ChoiceField(
        label="How do you know this? (optional)",
        choices=KNOWLEDGE_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Select how you know this from the list"},
    )
    reporter_name = _text("Your name", 200)
    reporter_contact = _text("Your phone number or email address", 200)
    idempotency_key = forms.CharField(required=False, widget=forms.HiddenInput)
    # Left empty by people, who never see it (it sits in a `hidden` block); filled by form-filling bots.
    website = forms.CharField(label="Leave this empty", required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number in range(1, PEOPLE + 1):
            person = f"Person {number}'s"
            self.fields[f"person_{number}_name"] = _text("Name", 200, what=f"{person} name")
            self.fields[f"person_{number}_nickname"] = _text("Nickname or street name", 200, what=f"{person} nickname")
            self.fields[f"person_{number}_description"] = _text(
                "What they look like", 2_000, what=f"The description of person {number}", widget=forms.Textarea
            )
        for number in range(1, PLACES + 1):
            place = f"Place {number}'s"
            self.fields[f"place_{number}_name"] = _text("Name of the place", 200, what=f"{place} name")
            self.fields[f"place_{number}_address"] = _text(
                "Address, or where it is", 500, what=f"{place} address", widget=forms.Textarea
            )
            self.fields[f"place_{number}_postcode"] = _text("Postcode", 10, what=f"{place} postcode")
        for number in range(1, VEHICLES + 1):
            vehicle = f"Vehicle {number}'s"
            self.fields[f"vehicle_{number}_registration"] = _text(
                "Registration (number plate)", 12, what=f"{vehicle} registration"
            )
            self.fields[f"vehicle_{number}_make"] = _text("Make", 100, what=f"{vehicle} make")
            self.fields[f"vehicle_{number}_model"] = _text("Model", 100, what=f"{vehicle} model")
            self.fields[f"vehicle_{number}_colour"] = _text("Colour", 100, what=f"{vehicle} colour")
        # The error summary lists problems in the order the page asks the questions.
        boxes = [
            f"{prefix}_{n}_{part}" for prefix, count, parts in GROUPS for n in range(1, count + 1) for part in parts
        ]
        self.order_fields(["narrative", *boxes, "when_day", "when_month", "when_year", "when_text", "knowledge"])

    @property
    def is_from_a_bot(self) -> bool:
        return bool(str(self.data.get(HONEYPOT, "")).strip())

    @property
    def key_for_page(self) -> str:
        """The key the page carries: the one sent, so that sending again is still the same report, or a
        new one for a new form."""
        sent = str(self.data.get("idempotency_key", "")) if self.is_bound else ""
        return sent if KEY_PATTERN.match(sent) else str(self.initial.get("idempotency_key") or new_idempotency_key())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not KEY_PATTERN.match(str(cleaned.get("idempotency_key") or "")):
            # Only a page we did not serve lacks one; the page sent back carries a fresh key.
            self.add_error(None, "The form was not sent in full. Check your answers and send it again.")
        cleaned["when_on"] = self.date_from_parts("when", label="The date it happened", required=False)
        for number in range(1, VEHICLES + 1):
            name = f"vehicle_{number}_registration"
            if not REGISTRATION_PATTERN.match(str(cleaned.get(name) or "")):
                self.add_error(
                    name, f"Vehicle {number}'s registration can only include letters, numbers, spaces, ? and *"
                )
        return cleaned

    @property
    def when_parts(self) -> list[tuple[forms.BoundField, str, int]]:
        return self.date_parts("when")

    def groups(self, prefix: str, count: int, parts: tuple[str, ...]) -> list[list[forms.BoundField]]:
        return [[self[f"{prefix}_{number}_{part}"] for part in parts] for number in range(1, count + 1)]

    @property
    def people(self) -> list[list[forms.BoundField]]:
        return self.groups("person", PEOPLE, PERSON_PARTS)

    @property
    def places(self) -> list[list[forms.BoundField]]:
        return self.groups("place", PLACES, PLACE_PARTS)

    @property
    def vehicles(self) -> list[list[forms.BoundField]]:
        return self.groups("vehicle", VEHICLES, VEHICLE_PARTS)

    @property
    def stored_key(self) -> str:
        """The key as the submission keeps it."""
        return KEY_PREFIX + str(self.cleaned_data["idempotency_key"])

    def _values(self, prefix: str, number: int, parts: tuple[str, ...]) -> dict[str, str]:
        return {part: str(self.cleaned_data.get(f"{prefix}_{number}_{part}") or "").strip() for part in parts}

    def submission_input(self) -> SubmissionInput:
        data = self.cleaned_data
        people = [self._values("person", n, PERSON_PARTS) for n in range(1, PEOPLE + 1)]
        places = [self._values("place", n, PLACE_PARTS) for n in range(1, PLACES + 1)]
        vehicles = [self._values("vehicle", n, VEHICLE_PARTS) for n in range(1, VEHICLES + 1)]
        identity = "\n".join(
            f"{label}: {value}"
            for label, value in (("Name", data["reporter_name"]), ("Contact", data["reporter_contact"]))
            if value.strip()
        )
        occurred_from, occurred_to = _day_span(data.get("when_on"))
        return SubmissionInput(
            source=SubmissionSource.COMMUNITY,
            narrative=data["narrative"],
            knowledge=data["knowledge"] or Knowledge.NOT_SAID,
            occurred_from=occurred_from,
            occurred_to=occurred_to,
            occurred_text=data["when_text"],
            persons=[
                PersonInput(name=person["name"], nickname=person["nickname"], description=person["description"])
                for person in people
                if any(person.values())
            ],
            locations=[LocationInput(**place) for place in places if any(place.values())],
            vehicles=[VehicleInput(**vehicle) for vehicle in vehicles if any(vehicle.values())],
            idempotency_key=self.stored_key,
            reporter_identity=identity,
        )


def _day_span(day: object) -> tuple[dt.datetime | None, dt.datetime | None]:
    """A date without a time: it happened at some point during that local day."""
    if not isinstance(day, dt.date):
        return None, None
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, timezone.make_aware(dt.datetime.combine(day, dt.time.max))
