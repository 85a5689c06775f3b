from django import forms

from meetings.models import RemovalReason


class AgendaRemovalForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why does the child come off the agenda?",
        choices=RemovalReason.choices,
        error_messages={"required": "Select why the child comes off the agenda"},
    )
    note = forms.CharField(label="Details", widget=forms.Textarea, required=False, max_length=5000)
