from collections.abc import Sequence
from typing import Any

from django import forms

from meetings.selectors.minutes import AgendaRow
from meetings.services.minutes import MAX_TEXT, MinuteText


class MinutesForm(forms.Form):
    """A discussion and a decisions box for each agenda item, named discussion_<id> and decisions_<id>
    after the agenda item, as the service names its errors."""

    def __init__(self, *args: Any, rows: Sequence[AgendaRow], **kwargs: Any) -> None:
        initial = {}
        for row in rows:
            initial[f"discussion_{row.item.pk}"] = row.discussion
            initial[f"decisions_{row.item.pk}"] = row.decisions
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.item_ids = [row.item.pk for row in rows]
        for row in rows:
            for name, label in (("discussion", "Discussion"), ("decisions", "Decisions")):
                self.fields[f"{name}_{row.item.pk}"] = forms.CharField(
                    label=label,
                    widget=forms.Textarea,
                    required=False,
                    strip=False,
                    max_length=MAX_TEXT,
                    error_messages={
                        "max_length": f"The {name} about {row.title} must be {MAX_TEXT} characters or fewer"
                    },
                )
        self.sections = [(row, self[f"discussion_{row.item.pk}"], self[f"decisions_{row.item.pk}"]) for row in rows]

    def texts(self) -> dict[int, MinuteText]:
        data = self.cleaned_data
        return {
            item_id: MinuteText(discussion=data[f"discussion_{item_id}"], decisions=data[f"decisions_{item_id}"])
            for item_id in self.item_ids
        }


class CorrectionForm(forms.Form):
    correction_reason = forms.CharField(
        label="Why do the minutes need correcting?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={
            "required": "Say why the minutes need correcting",
            "max_length": "The reason must be 5000 characters or fewer",
        },
    )
