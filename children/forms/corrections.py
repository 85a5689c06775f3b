"""The form that corrects a child's details, filled with the record as it is."""

from typing import Any

from django import forms

from children.inputs.corrections import ChildDetailsInput
from children.inputs.placement import HOST_TEXT_MAX
from children.learning_disability import LearningDisability
from children.models import Child, Ethnicity, Gender, SpecialEducationalNeeds
from core.forms import DatePartsMixin, date_part

YES_NO = [("yes", "Yes"), ("no", "No")]


class ChildDetailsForm(DatePartsMixin):
    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)
    known_as = forms.CharField(label="Known as (optional)", max_length=100, required=False)
    dob_day = date_part(2)
    dob_month = date_part(2)
    dob_year = date_part(4)
    gender = forms.ChoiceField(label="Gender", choices=Gender.choices)
    ethnicity = forms.ChoiceField(label="Ethnicity", choices=Ethnicity.choices)
    nhs_number = forms.CharField(label="NHS number (optional)", max_length=14, required=False)
    learning_disability = forms.ChoiceField(
        label="Does the child have a learning disability?", choices=LearningDisability.choices
    )
    special_educational_needs = forms.ChoiceField(
        label="Special educational needs", choices=SpecialEducationalNeeds.choices
    )
    school = forms.CharField(label="School or college (optional)", max_length=150, required=False)
    looked_after = forms.ChoiceField(label="Is the child looked after?", choices=YES_NO)
    # Asked as the screening asks it (decision 0034); the service judges the answer as the screening does.
    placed_out_of_area = forms.ChoiceField(
        label="Is the child one of ours placed out of area?",
        choices=YES_NO,
        error_messages={"required": "Select yes if the child is placed out of area"},
    )
    host_authority = forms.CharField(label="Host authority", required=False, max_length=HOST_TEXT_MAX)
    host_social_worker = forms.CharField(
        label="The host authority's social worker (optional)", required=False, max_length=HOST_TEXT_MAX
    )
    host_social_worker_contact = forms.CharField(
        label="Their phone number or email (optional)", required=False, max_length=HOST_TEXT_MAX
    )
    reason = forms.CharField(
        label="Why are you correcting the details?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter why the details are being corrected"},
    )

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        born = child.date_of_birth
        initial = {
            "first_name": child.first_name,
            "last_name": child.last_name,
            "known_as": child.known_as,
            "dob_day": str(born.day) if born else "",
            "dob_month": str(born.month) if born else "",
            "dob_year": str(born.year) if born else "",
            "gender": child.gender,
            "ethnicity": child.ethnicity,
            "nhs_number": child.nhs_number,
            "learning_disability": child.learning_disability,
            "special_educational_needs": child.special_educational_needs,
            "school": child.school,
            "looked_after": "yes" if child.looked_after else "no",
            "placed_out_of_area": "yes" if child.placed_out_of_area else "no",
            "host_authority": child.host_authority,
            "host_social_worker": child.host_social_worker,
            "host_social_worker_contact": child.host_social_worker_contact,
        }
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["date_of_birth"] = self.date_from_parts("dob", label="Date of birth", required=False)
        return data

    def to_input(self) -> ChildDetailsInput:
        data = self.cleaned_data
        return ChildDetailsInput(
            first_name=data["first_name"],
            last_name=data["last_name"],
            known_as=data["known_as"],
            date_of_birth=data["date_of_birth"],
            gender=data["gender"],
            ethnicity=data["ethnicity"],
            nhs_number=data["nhs_number"],
            learning_disability=data["learning_disability"],
            special_educational_needs=data["special_educational_needs"],
            school=data["school"],
            looked_after=data["looked_after"] == "yes",
            placed_out_of_area=data["placed_out_of_area"] == "yes",
            host_authority=data["host_authority"],
            host_social_worker=data["host_social_worker"],
            host_social_worker_contact=data["host_social_worker_contact"],
        )
