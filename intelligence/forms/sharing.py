"""The information sharing form (rule 10): one page with a fixed number of repeated groups, so that it
works without JavaScript. It reads the page into a SubmissionInput; submission_record validates and
stores it."""

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from children.models import Child
from core.forms import DatePartsMixin, date_part, time_from_text
from intelligence.inputs import LocationInput, OnlineAccountInput, PersonInput, SubmissionInput, VehicleInput
from intelligence.models import Knowledge, LocationKind, SubmissionSource

GROUPS = 3  # places, suspected offenders and vehicles each
ACCOUNTS_PER_PERSON = 2
GENDERS = [("", "Not known"), ("female", "Female"), ("male", "Male"), ("other", "Another gender")]
PHONE = re.compile(r"^\+?[0-9 ()\-]{6,20}$")
REGISTRATION = re.compile(r"^[A-Za-z0-9?* ]{1,12}$")
FORM_KEY = re.compile(r"^[0-9a-f]{32}$")
SEPARATORS = re.compile(r"[,;\n]+")


def _too_long(label: str, max_length: int) -> dict[str, str]:
    return {"max_length": f"{label.removesuffix(' (optional)')} must be {max_length:,} characters or fewer"}


def _text(label: str, max_length: int = 200) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=max_length, error_messages=_too_long(label, max_length)
    )


def _long_text(label: str, max_length: int = 2000) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.Textarea,
        error_messages=_too_long(label, max_length),
    )


def _split(text: str) -> list[str]:
    return [part.strip() for part in SEPARATORS.split(text) if part.strip()]


def new_form_key() -> str:
    return uuid.uuid4().hex


class SharingForm(DatePartsMixin):
    narrative = forms.CharField(
        label="What did you see or hear?",
        widget=forms.Textarea,
        max_length=20_000,
        error_messages={
            "required": "Describe what you saw or heard",
            "max_length": "Describe what you saw or heard in 20,000 characters or fewer",
        },
    )
    occurred_day = date_part(2)
    occurred_month = date_part(2)
    occurred_year = date_part(4)
    occurred_time = _text("Time (optional)", 5)
    occurred_text = _text("Or describe when, in words (optional)")
    phones = _long_text("Other phone numbers (optional)", 500)
    child_references = _text("References of children on CSE Hub (optional)", 500)
    children_text = _long_text("Children who are not on CSE Hub (optional)")
    knowledge = forms.ChoiceField(
        label="How do you know this?",
        choices=[(value, label) for value, label in Knowledge.choices if value != Knowledge.NOT_SAID],
        error_messages={"required": "Select how you know this", "invalid_choice": "Select how you know this"},
    )
    knowledge_detail = _long_text("Anything more about how you know it (optional)")
    urgent = forms.BooleanField(label="A child is at risk now", required=False)
    form_key = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, listed_children: Sequence[Child], visible_children: QuerySet[Child], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._visible = visible_children
        self.listed_children = list(listed_children)
        if self.listed_children:
            self.fields["children"] = forms.MultipleChoiceField(
                label="Children on CSE Hub (optional)",
                required=False,
                choices=[(str(child.pk), f"{child.full_name} ({child.reference})") for child in self.listed_children],
                error_messages={"invalid_choice": "Choose children from the list"},
            )
        for n in range(1, GROUPS + 1):
            self.fields[f"place{n}_name"] = _text("Venue or place name")
            self.fields[f"place{n}_address"] = _text("Address", 300)
            self.fields[f"place{n}_postcode"] = _text("Postcode", 10)
            self.fields[f"place{n}_kind"] = forms.ChoiceField(
                label="Kind of place",
                required=False,
                choices=[("", "Not known"), *LocationKind.choices],
                error_messages={"invalid_choice": "Select a kind of place from the list"},
            )
            self.fields[f"person{n}_name"] = _text("Name")
            self.fields[f"person{n}_nickname"] = _text("Nickname or street name")
            self.fields[f"person{n}_age"] = _text("Approximate age", 20)
            self.fields[f"person{n}_gender"] = forms.ChoiceField(
                label="Gender",
                required=False,
                choices=GENDERS,
                error_messages={"invalid_choice": "Select a gender from the list"},
            )
            self.fields[f"person{n}_description"] = _long_text("Description")
            self.fields[f"person{n}_phones"] = _text("Phone numbers", 300)
            for a in range(1, ACCOUNTS_PER_PERSON + 1):
                self.fields[f"person{n}_account{a}_platform"] = _text(f"Online account {a}: app or website", 50)
                self.fields[f"person{n}_account{a}_handle"] = _text(f"Online account {a}: account name", 100)
            self.fields[f"vehicle{n}_registration"] = _text("Registration, in full or in part", 12)
            self.fields[f"vehicle{n}_make"] = _text("Make", 50)
            self.fields[f"vehicle{n}_model"] = _text("Model", 50)
            self.fields[f"vehicle{n}_colour"] = _text("Colour", 50)
            self.fields[f"vehicle{n}_marks"] = _text("Damage, stickers or other marks", 300)
        self.order_fields(self._order())

    def _order(self) -> list[str]:
        # The error summary lists problems in the order the page asks its questions.
        names = ["narrative", "occurred_day", "occurred_month", "occurred_year", "occurred_time", "occurred_text"]
        for kind in ("place", "person", "vehicle"):
            names += [name for name in self.fields if name.startswith(kind)]
        return [*names, "phones", "children", "child_references", "children_text", "knowledge", "knowledge_detail"]

    # --- groups for the template ---------------------------------------------------------------

    def _groups(self, kind: str) -> list[dict[str, Any]]:
        groups = []
        for n in range(1, GROUPS + 1):
            prefix = f"{kind}{n}_"
            fields = {name[len(prefix) :]: self[name] for name in self.fields if name.startswith(prefix)}
            filled = any(str(bound.value() or "").strip() for bound in fields.values())
            errors = any(bound.errors for bound in fields.values())
            groups.append({"number": n, "open": n == 1 or filled or errors, **fields})
        return groups

    @property
    def place_groups(self) -> list[dict[str, Any]]:
        return self._groups("place")

    @property
    def person_groups(self) -> list[dict[str, Any]]:
        return self._groups("person")

    @property
    def vehicle_groups(self) -> list[dict[str, Any]]:
        return self._groups("vehicle")

    @property
    def occurred_parts(self) -> list[tuple[forms.BoundField, str, int]]:
        return self.date_parts("occurred")

    # --- reading the page -----------------------------------------------------------------------

    def _value(self, name: str) -> str:
        return str(self.cleaned_data.get(name) or "").strip()

    def _occurred(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        day = self.date_from_parts("occurred", label="Date it happened", required=False)
        time_text = self._value("occurred_time")
        time = time_from_text(time_text) if time_text else None
        if time_text and time is None:
            self.add_error("occurred_time", "Enter the time like 14:30, or leave it blank")
        elif time_text and day is None and not self.has_error("occurred_day"):
            self.add_error("occurred_day", "Enter the date it happened as well as the time")
        if day is None:
            return None, None
        if time is not None:
            return timezone.make_aware(dt.datetime.combine(day, time)), None
        # A day without a time: it happened some time that day.
        return (
            timezone.make_aware(dt.datetime.combine(day, dt.time(0))),
            timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59))),
        )

    def _phones(self, name: str, label: str) -> list[str]:
        numbers = _split(self._value(name))
        if any(not PHONE.match(number) for number in numbers):
            self.add_error(name, f"Enter {label} using digits, like 07700 900123, separated by commas")
        return numbers

    def _places(self) -> list[LocationInput]:
        places = []
        for n in range(1, GROUPS + 1):
            name, address, postcode = (self._value(f"place{n}_{part}") for part in ("name", "address", "postcode"))
            kind = self._value(f"place{n}_kind")
            if kind and not (name or address or postcode):
                self.add_error(f"place{n}_name", f"Enter the name, address or postcode of place {n}")
            if name or address or postcode:
                places.append(LocationInput(name=name, address=address, postcode=postcode.upper(), kind=kind))
        return places

    def _accounts(self, n: int) -> list[OnlineAccountInput]:
        accounts = []
        for a in range(1, ACCOUNTS_PER_PERSON + 1):
            prefix = f"person{n}_account{a}_"
            platform, handle = self._value(prefix + "platform"), self._value(prefix + "handle")
            if platform and not handle:
                self.add_error(prefix + "handle", f"Enter the account name of suspected offender {n}'s account")
            elif handle and not platform:
                self.add_error(prefix + "platform", f"Enter the app or website of suspected offender {n}'s account")
            elif handle:
                accounts.append(OnlineAccountInput(platform=platform, handle=handle))
        return accounts

    def _age(self, n: int) -> int | None:
        text = self._value(f"person{n}_age")
        if not text:
            return None
        if not text.isdigit() or not 1 <= int(text) <= 120:
            self.add_error(f"person{n}_age", f"Enter suspected offender {n}'s approximate age as a number, like 30")
            return None
        return int(text)

    def _persons(self) -> list[PersonInput]:
        persons = []
        for n in range(1, GROUPS + 1):
            person = PersonInput(
                name=self._value(f"person{n}_name"),
                nickname=self._value(f"person{n}_nickname"),
                age_estimate=self._age(n),
                gender=self._value(f"person{n}_gender"),
                description=self._value(f"person{n}_description"),
                phones=self._phones(f"person{n}_phones", f"suspected offender {n}'s phone numbers"),
                online_accounts=self._accounts(n),
            )
            if person != PersonInput():
                persons.append(person)
        return persons

    def _vehicles(self) -> list[VehicleInput]:
        vehicles = []
        for n in range(1, GROUPS + 1):
            registration = self._value(f"vehicle{n}_registration")
            if registration and not REGISTRATION.match(registration):
                self.add_error(
                    f"vehicle{n}_registration",
                    f"Enter vehicle {n}'s registration using letters, numbers, ? and * only",
                )
            parts = {part: self._value(f"vehicle{n}_{part}") for part in ("make", "model", "colour", "marks")}
            if registration or any(parts.values()):
                vehicles.append(VehicleInput(registration=registration.upper(), **parts))
        return vehicles

    def _children(self) -> list[uuid.UUID]:
        chosen = {uuid.UUID(value) for value in self.cleaned_data.get("children") or []}
        references = [reference.upper() for reference in _split(self._value("child_references").replace(" ", ","))]
        if references:
            found = dict(self._visible.filter(reference__in=references).values_list("reference", "pk"))
            missing = [reference for reference in references if reference not in found]
            if missing:
                # The same answer for a child that does not exist and one the user may not see.
                self.add_error("child_references", f"No child you work with has the reference {missing[0]}")
            chosen |= set(found.values())
        return sorted(chosen, key=str)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        occurred_from, occurred_to = self._occurred()
        cleaned["data"] = SubmissionInput(
            source=SubmissionSource.PROFESSIONAL,
            narrative=self._value("narrative"),
            knowledge=self._value("knowledge") or Knowledge.NOT_SAID,
            knowledge_detail=self._value("knowledge_detail"),
            occurred_from=occurred_from,
            occurred_to=occurred_to,
            occurred_text=self._value("occurred_text"),
            urgent=bool(cleaned.get("urgent")),
            children=self._children(),
            children_text=self._value("children_text"),
            persons=self._persons(),
            vehicles=self._vehicles(),
            locations=self._places(),
            phones=self._phones("phones", "the other phone numbers"),
        )
        return cleaned

    def submission_input(self, *, area_id: int | None) -> SubmissionInput:
        data: SubmissionInput = self.cleaned_data["data"]
        key = self._value("form_key")
        # A double click sends the page twice with the same key: submission_record stores it once.
        idempotency_key = f"share-{key}" if FORM_KEY.match(key) else ""
        return replace(data, area_id=area_id, idempotency_key=idempotency_key)
