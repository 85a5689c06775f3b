from django import forms


class CaseCloseForm(forms.Form):
    reason = forms.CharField(
        label="Why is the case being closed?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={
            "required": "Enter why the case is being closed",
            "max_length": "The reason must be 5,000 characters or fewer",
        },
    )
