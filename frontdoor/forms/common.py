"""What the front door's forms share: the yes/no answers, and the details of a child it does not know."""

from django import forms

from children.learning_disability import LearningDisability
from children.models import Gender
from children.services import NewChild
from core.forms import DatePartsMixin, date_part

YES_NO = [("yes", "Yes"), ("no", "No")]
YES_NO_NOT_KNOWN = [("yes", "Yes"), ("no", "No"), ("not_known", "Not known")]


class NewChildFieldsMixin(DatePartsMixin):
    """The few details the front door needs to start a record for a child it does not know."""

    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)
    known_as = forms.CharField(label="Known as (optional)", max_length=100, required=False)
    dob_day = date_part(2)
    dob_month = date_part(2)
    dob_year = date_part(4)
    gender = forms.ChoiceField(
        label="Gender",
        choices=Gender.choices,
        initial=Gender.NOT_KNOWN,
        error_messages={"required": "Select the child's gender, or not known"},
    )
    learning_disability = forms.ChoiceField(
        label="Does the child have a learning disability?",
        choices=LearningDisability.choices,
        initial=LearningDisability.NOT_KNOWN,
    )
    school = forms.CharField(label="School or college (optional)", max_length=150, required=False)

    def new_child(self) -> NewChild:
        data = self.cleaned_data
        return NewChild(
            first_name=data["first_name"],
            last_name=data["last_name"],
            known_as=data.get("known_as", ""),
            date_of_birth=data.get("date_of_birth"),
            gender=data["gender"],
            # Not known stays not known: the child page asks again, and until then it routes as yes.
            learning_disability=data.get("learning_disability") or LearningDisability.NOT_KNOWN,
            school=data.get("school", ""),
        )

    def clean_new_child(self) -> None:
        data = self.cleaned_data
        if not data.get("first_name", "").strip():
            self.add_error("first_name", "Enter the child's first name, or 'Unknown'")
        if not data.get("last_name", "").strip():
            self.add_error("last_name", "Enter the child's last name, or 'Unknown'")
        data["date_of_birth"] = self.date_from_parts("dob", label="Date of birth", required=False)
