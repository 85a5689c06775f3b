"""The case note form: its choices of source are the child, each recorded parent or carer, a
professional of an agency, the recorder's own observation, and someone else."""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from accounts.models import Agency
from children.inputs.notes import CaseNoteInput
from children.models import Carer, NoteSource
from core.forms import DatePartsMixin, date_part, time_from_text

CARER_PREFIX = "carer-"


class CaseNoteForm(DatePartsMixin):
    occurred_day = date_part(2)
    occurred_month = date_part(2)
    occurred_year = date_part(4)
    occurred_time = forms.CharField(label="Time it happened", max_length=5, required=False)
    source = forms.ChoiceField(
        label="Who gave the information?", error_messages={"required": "Select who gave the information"}
    )
    agency = forms.ChoiceField(label="If a professional: their agency", required=False)
    source_detail = forms.CharField(
        label="More about the source",
        max_length=150,
        required=False,
        error_messages={"max_length": "Say more about the source in 150 characters or fewer"},
    )
    summary = forms.CharField(
        label="What were you told, or what did you see?",
        widget=forms.Textarea,
        max_length=10000,
        error_messages={"required": "Enter what you were told or saw"},
    )

    def __init__(self, *args: Any, carers: list[Carer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.carers = {f"{CARER_PREFIX}{carer.pk}": carer for carer in carers}
        source = self.fields["source"]
        assert isinstance(source, forms.ChoiceField)
        source.choices = [
            (NoteSource.CHILD.value, NoteSource.CHILD.label),
            *(
                (key, f"{carer.name} ({carer.get_relationship_display().lower()})")
                for key, carer in self.carers.items()
            ),
            (NoteSource.PROFESSIONAL.value, NoteSource.PROFESSIONAL.label),
            (NoteSource.OWN_OBSERVATION.value, NoteSource.OWN_OBSERVATION.label),
            (NoteSource.SOMEONE_ELSE.value, NoteSource.SOMEONE_ELSE.label),
        ]
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ChoiceField)
        agency.choices = [
            ("", "Select an agency"),
            *((str(pk), name) for pk, name in Agency.objects.values_list("id", "name").order_by("name")),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        occurred_on = self.date_from_parts("occurred", label="Date it happened", required=True)
        text = data.get("occurred_time", "").strip()
        occurred_time = time_from_text(text)
        if not text:
            self.add_error("occurred_time", "Enter the time it happened, like 14:30")
        elif occurred_time is None:
            self.add_error("occurred_time", "Enter the time as hours and minutes, like 14:30")
        if occurred_on and occurred_time:
            data["occurred_at"] = timezone.make_aware(dt.datetime.combine(occurred_on, occurred_time))
        return data

    def to_input(self) -> CaseNoteInput:
        data = self.cleaned_data
        choice: str = data["source"]
        carer = self.carers.get(choice)
        agency = data.get("agency") or ""
        return CaseNoteInput(
            occurred_at=data["occurred_at"],
            source=NoteSource.PARENT_OR_CARER.value if carer else choice,
            carer_id=carer.pk if carer else None,
            agency_id=int(agency) if agency.isdigit() else None,
            source_detail=data.get("source_detail", ""),
            summary=data["summary"],
        )
