from django import forms

SAME, DIFFERENT = "same", "different"


class MatchDecisionForm(forms.Form):
    """The analyst's answer: the button pressed says which, the note says why (optional)."""

    decision = forms.ChoiceField(
        choices=[(SAME, "Same person"), (DIFFERENT, "Different people")],
        error_messages={
            "required": "Select whether these are the same person",
            "invalid_choice": "Select whether these are the same person",
        },
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": "The note must be 2,000 characters or fewer"},
    )

    @property
    def same_person(self) -> bool:
        return bool(self.cleaned_data["decision"] == SAME)
