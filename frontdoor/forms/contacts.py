"""The contact pages' forms: the contact, a child linked to it, a lead worker's referral back (rule 8), and
closing the contact of a young person of 18 or over without a screening (decision 0039)."""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from accounts.models import Agency
from core.forms import date_part, time_from_text
from frontdoor.concern_codes import GroomingModel, GroomingStage, Setting, VulnerabilityFactor
from frontdoor.forms.common import YES_NO, YES_NO_NOT_KNOWN, NewChildFieldsMixin
from frontdoor.inputs import CLOSURE_NOTE_MAX, PASSED_TO_MAX, ContactClosureInput
from frontdoor.models import ContactClosureReason, Involvement, ReporterRelationship
from frontdoor.services.contacts import ContactDetails, LinkedChildDetails
from frontdoor.warning_signs import WarningSign


class ContactForm(NewChildFieldsMixin):
    received_day = date_part(2)
    received_month = date_part(2)
    received_year = date_part(4)
    received_time = forms.CharField(label="Time received", max_length=5, required=False)

    reporter_relationship = forms.ChoiceField(
        label="Who reported the concern?",
        choices=ReporterRelationship.choices,
        error_messages={"required": "Select who reported the concern"},
    )
    reporter_name = forms.CharField(label="Their name (optional)", max_length=150, required=False)
    reporter_role = forms.CharField(label="Their job title (optional)", max_length=150, required=False)
    reporter_agency = forms.ChoiceField(label="Their agency, if a partner agency", required=False)
    reporter_organisation = forms.CharField(label="Or their organisation", max_length=150, required=False)
    reporter_phone = forms.CharField(label="Phone (optional)", max_length=40, required=False)
    reporter_email = forms.EmailField(
        label="Email (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the right format, like name@example.org"},
    )

    concern = forms.CharField(
        label="What is the concern?",
        widget=forms.Textarea,
        max_length=20000,
        error_messages={"required": "Enter the concern, in the reporter's words"},
    )
    immediate_risk = forms.ChoiceField(
        label="Is the child at immediate risk?",
        choices=YES_NO,
        error_messages={"required": "Select yes if the child is at immediate risk"},
    )
    warning_signs = forms.MultipleChoiceField(label="Warning signs seen", choices=WarningSign.choices, required=False)
    vulnerability_factors = forms.MultipleChoiceField(
        label="Vulnerability factors known", choices=VulnerabilityFactor.choices, required=False
    )
    grooming_models = forms.MultipleChoiceField(
        label="Grooming model, if known", choices=GroomingModel.choices, required=False
    )
    grooming_stage = forms.ChoiceField(label="Grooming stage, if known", choices=GroomingStage.choices, required=False)
    setting = forms.ChoiceField(label="Where is it happening?", choices=Setting.choices, initial=Setting.NOT_KNOWN)
    platforms = forms.CharField(label="Apps, sites or games named (optional)", max_length=500, required=False)
    other_children = forms.ChoiceField(
        label="Are any other children or young people involved, as victims or perpetrators?",
        choices=YES_NO_NOT_KNOWN,
        error_messages={"required": "Select whether any other children or young people are involved"},
    )

    def __init__(self, *args: Any, new_child: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_new_child = new_child
        agencies = Agency.objects.order_by("name").values_list("id", "name")
        agency_field = self.fields["reporter_agency"]
        assert isinstance(agency_field, forms.ChoiceField)
        agency_field.choices = [("", "Not a partner agency"), *((str(pk), name) for pk, name in agencies)]
        if not new_child:
            for name in ("first_name", "last_name", "known_as", "gender", "learning_disability", "school"):
                del self.fields[name]
            for part in ("day", "month", "year"):
                del self.fields[f"dob_{part}"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_new_child:
            self.clean_new_child()
        received_on = self.date_from_parts("received", label="Date received", required=True)
        received_time = time_from_text(data.get("received_time", ""))
        if not data.get("received_time", "").strip():
            self.add_error("received_time", "Enter the time the concern was received, like 14:30")
        elif received_time is None:
            self.add_error("received_time", "Enter the time as hours and minutes, like 14:30")
        if received_on and received_time:
            data["received_at"] = timezone.make_aware(dt.datetime.combine(received_on, received_time))
        return data

    def contact_details(self) -> ContactDetails:
        data = self.cleaned_data
        agency_id = data.get("reporter_agency")
        return ContactDetails(
            received_at=data["received_at"],
            reporter_relationship=ReporterRelationship(data["reporter_relationship"]),
            reporter_name=data.get("reporter_name", ""),
            reporter_role=data.get("reporter_role", ""),
            reporter_agency=Agency.objects.get(pk=agency_id) if agency_id else None,
            reporter_organisation=data.get("reporter_organisation", ""),
            reporter_phone=data.get("reporter_phone", ""),
            reporter_email=data.get("reporter_email", ""),
            concern=data["concern"],
            immediate_risk=data["immediate_risk"] == "yes",
            warning_signs=frozenset(WarningSign(sign) for sign in data.get("warning_signs", [])),
            vulnerability_factors=frozenset(VulnerabilityFactor(v) for v in data.get("vulnerability_factors", [])),
            grooming_models=frozenset(GroomingModel(model) for model in data.get("grooming_models", [])),
            grooming_stage=GroomingStage(data.get("grooming_stage") or ""),
            setting=Setting(data.get("setting") or Setting.NOT_KNOWN),
            platforms=tuple(part.strip() for part in data.get("platforms", "").split(",") if part.strip()),
        )


class LinkedChildForm(NewChildFieldsMixin):
    existing_reference = forms.CharField(
        label="CSE Hub reference, if they already have a record", max_length=20, required=False
    )
    involvement = forms.ChoiceField(
        label="How may they be involved?",
        choices=Involvement.choices,
        error_messages={"required": "Select how the child may be involved"},
    )
    notes = forms.CharField(label="What is known about them (optional)", widget=forms.Textarea, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("existing_reference", "").strip():
            self.clean_new_child()
        return data

    def linked_child(self) -> LinkedChildDetails:
        return LinkedChildDetails(
            involvement=Involvement(self.cleaned_data["involvement"]),
            new_child=self.new_child(),
            notes=self.cleaned_data.get("notes", ""),
        )


class FrontDoorReferralForm(forms.Form):
    concern = forms.CharField(
        label="What is the new or escalating risk?",
        widget=forms.Textarea,
        max_length=20000,
        error_messages={"required": "Enter the new or escalating risk"},
    )
    immediate_risk = forms.ChoiceField(
        label="Is the child at immediate risk?",
        choices=YES_NO,
        error_messages={"required": "Select yes if the child is at immediate risk"},
    )


class ContactCloseForm(forms.Form):
    """Closing the contact of a young person of 18 or over: why, to whom it was passed, and a note."""

    reason = forms.ChoiceField(
        label="What has the front door done with the concern?",
        choices=ContactClosureReason.choices,
        error_messages={"required": "Select what the front door has done with the concern"},
    )
    passed_to_agency = forms.ChoiceField(label="The partner agency it was passed to", required=False)
    passed_to_organisation = forms.CharField(
        label="Or the service it was passed to", max_length=PASSED_TO_MAX, required=False
    )
    note = forms.CharField(
        label="Why is the contact closed?",
        widget=forms.Textarea,
        max_length=CLOSURE_NOTE_MAX,
        error_messages={"required": "Enter why the contact is closed, and what was agreed with whom"},
    )
    age_estimate = forms.IntegerField(
        label="The young person's age, as best you know it",
        required=False,
        min_value=0,
        max_value=120,
        error_messages={
            "invalid": "Enter the age as a whole number of years, like 19",
            "min_value": "Enter the age as a whole number of years, like 19",
            "max_value": "Enter the age as a whole number of years, like 19",
        },
    )

    def __init__(self, *args: Any, date_of_birth_known: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.order_by("name").values_list("id", "name")
        agency_field = self.fields["passed_to_agency"]
        assert isinstance(agency_field, forms.ChoiceField)
        agency_field.choices = [("", "Not a partner agency"), *((str(pk), name) for pk, name in agencies)]
        if date_of_birth_known:
            del self.fields["age_estimate"]

    def closure_input(self) -> ContactClosureInput:
        data = self.cleaned_data
        agency_id = data.get("passed_to_agency")
        return ContactClosureInput(
            reason=data["reason"],
            note=data["note"],
            passed_to_agency_id=int(agency_id) if agency_id else None,
            passed_to_organisation=data.get("passed_to_organisation", ""),
            age_estimate=data.get("age_estimate"),
        )
