"""The forms for a missing episode, its return and the return home interview: GOV.UK date inputs and a
time box, read into the same inputs the API gives the services."""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from children.inputs.missing import MissingEpisodeInput, MissingEpisodeReturnInput, ReturnInterviewInput
from children.services.missing import REPORTER_KINDS
from core.forms import DatePartsMixin, date_part, time_from_text

# Where a service's refusal about a moment goes on the page: its date's first box.
SERVICE_FIELDS: dict[str, str | None] = {
    "started_at": "started_day",
    "ended_at": "ended_day",
    "completed_at": "completed_day",
}


class _MomentMixin(DatePartsMixin):
    def moment_from_parts(self, prefix: str, *, label: str, required: bool) -> dt.datetime | None:
        """A GOV.UK date input and a time box (<prefix>_time) as one moment in the partnership's time."""
        day = self.date_from_parts(prefix, label=label, required=required)
        text = str(self.cleaned_data.get(f"{prefix}_time") or "").strip()
        if day is None:
            if text and not self.has_error(f"{prefix}_day"):
                self.add_error(f"{prefix}_day", f"Enter the {label.lower()}")
            return None
        if not text:
            self.add_error(f"{prefix}_time", f"Enter the time, like 14:30 ({label.lower()})")
            return None
        time = time_from_text(text)
        if time is None:
            self.add_error(f"{prefix}_time", "Enter the time as hours and minutes, like 14:30")
            return None
        return timezone.make_aware(dt.datetime.combine(day, time))


def _time_field(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=5)


class MissingEpisodeForm(_MomentMixin):
    started_day = date_part(2)
    started_month = date_part(2)
    started_year = date_part(4)
    started_time = _time_field("Time they went missing")
    reported_by_kind = forms.ChoiceField(
        label="Who reported the child missing?",
        choices=[(kind.value, kind.label) for kind in REPORTER_KINDS],
        error_messages={
            "required": "Select who reported the child missing",
            "invalid_choice": "Select who reported the child missing",
        },
    )
    reported_by = forms.CharField(
        label="Their name or role (optional unless someone else)",
        required=False,
        max_length=200,
        error_messages={"max_length": "Who reported the child missing must be 200 characters or fewer"},
    )
    ended_day = date_part(2)
    ended_month = date_part(2)
    ended_year = date_part(4)
    ended_time = _time_field("Time they came back")
    where_found = forms.CharField(
        label="Where were they found? (if they have come back)",
        required=False,
        max_length=300,
        error_messages={"max_length": "Where the child was found must be 300 characters or fewer"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["started_at"] = self.moment_from_parts("started", label="Date they went missing", required=True)
        data["ended_at"] = self.moment_from_parts("ended", label="Date they came back", required=False)
        return data

    def to_input(self) -> MissingEpisodeInput:
        data = self.cleaned_data
        return MissingEpisodeInput(
            started_at=data["started_at"],
            reported_by_kind=data["reported_by_kind"],
            reported_by=data.get("reported_by", ""),
            ended_at=data.get("ended_at"),
            where_found=data.get("where_found", ""),
        )


class MissingEpisodeReturnForm(_MomentMixin):
    ended_day = date_part(2)
    ended_month = date_part(2)
    ended_year = date_part(4)
    ended_time = _time_field("Time they came back")
    where_found = forms.CharField(
        label="Where were they found?",
        max_length=300,
        error_messages={
            "required": "Enter where the child was found",
            "max_length": "Where the child was found must be 300 characters or fewer",
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["ended_at"] = self.moment_from_parts("ended", label="Date they came back", required=True)
        return data

    def to_input(self) -> MissingEpisodeReturnInput:
        return MissingEpisodeReturnInput(
            ended_at=self.cleaned_data["ended_at"], where_found=self.cleaned_data["where_found"]
        )


class ReturnInterviewForm(_MomentMixin):
    completed_day = date_part(2)
    completed_month = date_part(2)
    completed_year = date_part(4)
    completed_time = _time_field("Time of the interview")
    interviewed_by = forms.CharField(
        label="Who held the interview?",
        max_length=200,
        error_messages={
            "required": "Enter who held the return home interview",
            "max_length": "Who held the interview must be 200 characters or fewer",
        },
    )
    summary = forms.CharField(
        label="What the child said and what was learnt",
        widget=forms.Textarea,
        max_length=10_000,
        error_messages={
            "required": "Enter what the child said and what was learnt",
            "max_length": "The summary must be 10,000 characters or fewer",
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["completed_at"] = self.moment_from_parts("completed", label="Date of the interview", required=True)
        return data

    def to_input(self) -> ReturnInterviewInput:
        data = self.cleaned_data
        return ReturnInterviewInput(
            completed_at=data["completed_at"], interviewed_by=data["interviewed_by"], summary=data["summary"]
        )
