"""The forms of a referral by any professional, and of matching it to a child (decision 0031)."""

from typing import Any

from django import forms

from children.models import Gender
from core.forms import DatePartsMixin, date_part
from frontdoor.forms.common import YES_NO
from frontdoor.inputs import ReferralInput
from frontdoor.warning_signs import WarningSign


class ReferralMakeForm(DatePartsMixin):
    """A referral by any professional: the child as they know them, and their concern (decision 0031)."""

    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)
    known_as = forms.CharField(label="Known as", max_length=100, required=False)
    dob_day = date_part(2)
    dob_month = date_part(2)
    dob_year = date_part(4)
    age_estimate = forms.IntegerField(
        label="Or their age, as best you know it",
        required=False,
        min_value=0,
        max_value=25,
        error_messages={
            "invalid": "Enter the age as a whole number of years, like 14",
            "min_value": "Enter the age as a whole number of years, like 14",
            "max_value": "The procedure is for children and young people under 18",
        },
    )
    gender = forms.ChoiceField(
        label="Gender",
        choices=Gender.choices,
        initial=Gender.NOT_KNOWN,
        error_messages={"required": "Select the child's gender, or not known"},
    )
    school = forms.CharField(label="School or college (optional)", max_length=150, required=False)
    address = forms.CharField(
        label="Address or postcode (optional)", widget=forms.Textarea, max_length=1000, required=False
    )
    description = forms.CharField(
        label="Anything else that would help find them (optional)",
        widget=forms.Textarea,
        max_length=5000,
        required=False,
    )
    area = forms.ChoiceField(label="Which area does the child live in?", required=False)

    concern = forms.CharField(
        label="What is your concern?",
        widget=forms.Textarea,
        max_length=20000,
        error_messages={"required": "Enter your concern, in your own words"},
    )
    immediate_risk = forms.ChoiceField(
        label="Is the child at immediate risk?",
        choices=YES_NO,
        error_messages={"required": "Select yes if the child is at immediate risk"},
    )
    warning_signs = forms.MultipleChoiceField(label="Warning signs seen", choices=WarningSign.choices, required=False)
    other_children = forms.CharField(
        label="Other children or young people who may be involved (optional)",
        widget=forms.Textarea,
        max_length=5000,
        required=False,
    )

    def __init__(self, *args: Any, areas: list[tuple[int, str]], own_area_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field = self.fields["area"]
        assert isinstance(area_field, forms.ChoiceField)
        first = [] if own_area_id is not None else [("", "Choose an area")]
        area_field.choices = [*first, *((str(pk), name) for pk, name in areas)]
        area_field.initial = str(own_area_id) if own_area_id is not None else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["date_of_birth"] = self.date_from_parts("dob", label="Date of birth", required=False)
        return data

    def referral_input(self) -> ReferralInput:
        data = self.cleaned_data
        return ReferralInput(
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            known_as=data.get("known_as", ""),
            date_of_birth=data.get("date_of_birth"),
            age_estimate=data.get("age_estimate"),
            gender=data.get("gender") or Gender.NOT_KNOWN,
            school=data.get("school", ""),
            address=data.get("address", ""),
            description=data.get("description", ""),
            area_id=int(data["area"]) if data.get("area") else None,
            concern=data["concern"],
            immediate_risk=data["immediate_risk"] == "yes",
            warning_signs=frozenset(WarningSign(sign) for sign in data.get("warning_signs", [])),
            other_children=data.get("other_children", ""),
        )


class ReferralMatchForm(forms.Form):
    child = forms.ChoiceField(
        label="Which child is this referral about?",
        error_messages={"required": "Select the child this referral is about, or a new child"},
    )
    reference = forms.CharField(label="CSE Hub reference", max_length=20, required=False)

    NEW = "new"
    BY_REFERENCE = "reference"

    def __init__(self, *args: Any, candidates: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        child_field = self.fields["child"]
        assert isinstance(child_field, forms.ChoiceField)
        child_field.choices = [
            *candidates,
            (self.BY_REFERENCE, "Another child, by their CSE Hub reference"),
            (self.NEW, "A child not yet recorded: make a new record from the referral"),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("child") == self.BY_REFERENCE and not data.get("reference", "").strip():
            self.add_error("reference", "Enter the child's CSE Hub reference")
        return data
