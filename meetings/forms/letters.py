import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from children.models import Carer, CarerRelationship
from core.forms import DatePartsMixin, date_part
from meetings.letter_text import placeholders_check
from meetings.models import FeedbackFrom, SendingMethod

YES_NO = [("yes", "Yes"), ("no", "No")]


class LetterTemplateForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the letter's title"}, strip=True
    )
    body = forms.CharField(
        label="Text of the letter",
        widget=forms.Textarea,
        max_length=20000,
        error_messages={"required": "Enter the text of the letter"},
    )

    @staticmethod
    def _placeholders(value: str) -> str:
        problems = placeholders_check(value)
        if problems:
            raise ValidationError(problems)
        return value

    def clean_title(self) -> str:
        return self._placeholders(self.cleaned_data["title"])

    def clean_body(self) -> str:
        return self._placeholders(self.cleaned_data["body"])


class CarerForm(forms.Form):
    name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter the parent or carer's name"}
    )
    relationship = forms.ChoiceField(
        label="Who are they to the child?",
        choices=CarerRelationship.choices,
        error_messages={"required": "Select who they are to the child"},
    )
    address = forms.CharField(label="Address", widget=forms.Textarea, required=False, max_length=1000)
    parental_responsibility = forms.ChoiceField(
        label="Do they have parental responsibility?",
        choices=YES_NO,
        error_messages={"required": "Select whether they have parental responsibility"},
    )
    lives_with_child = forms.ChoiceField(
        label="Does the child live with them?",
        choices=YES_NO,
        error_messages={"required": "Select whether the child lives with them"},
    )


class LetterSentForm(forms.Form):
    method = forms.ChoiceField(
        label="How was the letter sent?",
        choices=SendingMethod.choices,
        error_messages={"required": "Select how the letter was sent"},
    )


class FeedbackForm(DatePartsMixin):
    """Who gave it is the child, a recorded parent or carer ('carer-<id>'), or another parent or carer."""

    given_by = forms.ChoiceField(
        label="Who gave the feedback?", error_messages={"required": "Select who gave the feedback"}
    )
    text = forms.CharField(
        label="What did they say?",
        widget=forms.Textarea,
        max_length=10000,
        error_messages={"required": "Enter what they said"},
    )
    received_day = date_part(2)
    received_month = date_part(2)
    received_year = date_part(4)

    def __init__(self, *args: Any, carers: list[Carer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.carers = {f"carer-{carer.pk}": carer for carer in carers}
        given_by = self.fields["given_by"]
        assert isinstance(given_by, forms.ChoiceField)
        given_by.choices = [
            (FeedbackFrom.CHILD.value, "The child"),
            *(
                (key, f"{carer.name} ({carer.get_relationship_display().lower()})")
                for key, carer in self.carers.items()
            ),
            (FeedbackFrom.PARENT.value, "Another parent or carer"),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["received_on"] = self.date_from_parts("received", label="Date received", required=True)
        return data

    @property
    def given_by_value(self) -> str:
        choice: str = self.cleaned_data["given_by"]
        return FeedbackFrom.PARENT.value if choice in self.carers else choice

    @property
    def carer(self) -> Carer | None:
        return self.carers.get(self.cleaned_data["given_by"])

    @property
    def received_on(self) -> dt.date:
        received: dt.date = self.cleaned_data["received_on"]
        return received
