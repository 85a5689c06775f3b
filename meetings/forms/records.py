import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone

from accounts.models import Agency, User
from assessments.levels import RiskLevel
from core.forms import DatePartsMixin, date_part, time_from_text
from meetings.models import Attendance, MeetingKind, MeetingParticipant
from meetings.selectors.records import Representative

KIND_CHOICES = [
    (MeetingKind.STRATEGY.value, "Strategy meeting (child protection procedures)"),
    (MeetingKind.MULTI_AGENCY.value, "Multi-agency meeting"),
]

ATTENDANCE_CHOICES = [
    (Attendance.INVITED.value, "Not recorded yet"),
    (Attendance.ATTENDED.value, "Attended"),
    (Attendance.APOLOGIES.value, "Sent apologies"),
    (Attendance.ABSENT.value, "Did not attend"),
]


def person_label(user: User) -> str:
    return f"{user.display_name}, {user.job_title}" if user.job_title else user.display_name


def _choices_set(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class _UserChoiceMixin(forms.Form):
    """A select of people whose value is read back into the user it names."""

    users: dict[str, User]

    def user_from(self, field: str) -> User | None:
        value = self.cleaned_data.get(field) or ""
        return self.users.get(str(value))


class MeetingArrangeForm(DatePartsMixin, _UserChoiceMixin):
    kind = forms.ChoiceField(
        label="Which meeting was decided on?",
        choices=KIND_CHOICES,
        error_messages={"required": "Select a strategy meeting or a multi-agency meeting"},
    )
    date_day = date_part(2)
    date_month = date_part(2)
    date_year = date_part(4)
    time = forms.CharField(
        label="Time it starts", max_length=5, error_messages={"required": "Enter the time the meeting starts"}
    )
    location = forms.CharField(
        label="Where is it held?",
        max_length=200,
        error_messages={
            "required": "Enter where the meeting is held",
            "max_length": "Where the meeting is held must be 200 characters or fewer",
        },
    )
    chair = forms.ChoiceField(
        label="Who chairs it?", required=False, error_messages={"invalid_choice": "Select a chair from the list"}
    )

    def __init__(self, *args: Any, chairs: Sequence[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.users = {str(user.pk): user for user in chairs}
        _choices_set(self, "chair", [("", "Decide later")] + [(str(u.pk), person_label(u)) for u in chairs])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day = self.date_from_parts("date", label="Date of the meeting", required=True, allow_future=True)
        time: dt.time | None = None
        if data.get("time"):
            time = time_from_text(data["time"])
            if time is None:
                self.add_error("time", "Enter the time as hours and minutes, like 14:30")
        if day is not None and time is not None:
            data["starts_at"] = timezone.make_aware(dt.datetime.combine(day, time))
        return data


class ChairForm(_UserChoiceMixin):
    chair = forms.ChoiceField(
        label="Who chairs the meeting?",
        error_messages={"required": "Select who chairs it", "invalid_choice": "Select a chair from the list"},
    )

    def __init__(self, *args: Any, chairs: Sequence[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.users = {str(user.pk): user for user in chairs}
        _choices_set(self, "chair", [("", "Choose a chair")] + [(str(u.pk), person_label(u)) for u in chairs])


class InviteForm(_UserChoiceMixin):
    agency = forms.ChoiceField(
        label="Agency",
        error_messages={"required": "Select the agency to invite", "invalid_choice": "Select an agency from the list"},
    )
    user = forms.ChoiceField(
        label="Person with an account (optional)",
        required=False,
        error_messages={"invalid_choice": "Select a person from the list"},
    )
    name = forms.CharField(
        label="Or the name of someone without an account (optional)",
        required=False,
        max_length=150,
        error_messages={"max_length": "Name must be 150 characters or fewer"},
    )

    def __init__(self, *args: Any, agencies: Sequence[Agency], people: Sequence[Representative], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = {str(agency.pk): agency for agency in agencies}
        self.users = {str(person.user.pk): person.user for person in people}
        _choices_set(self, "agency", [("", "Choose an agency")] + [(str(a.pk), a.name) for a in agencies])
        _choices_set(
            self,
            "user",
            [("", "No one named")]
            + [(str(person.user.pk), f"{person_label(person.user)} ({person.agency.name})") for person in people],
        )

    def chosen_agency(self) -> Agency:
        return self.agencies[self.cleaned_data["agency"]]


class AttendanceForm(forms.Form):
    """One set of radios per participant, named participant_<id>."""

    def __init__(self, *args: Any, participants: Sequence[MeetingParticipant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows: list[tuple[MeetingParticipant, str]] = []
        for participant in participants:
            name = f"participant_{participant.pk}"
            who = participant.name or (participant.user.display_name if participant.user else "")
            label = f"{who}, {participant.agency.name}" if who else participant.agency.name
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=ATTENDANCE_CHOICES,
                initial=participant.attendance,
                error_messages={
                    "required": f"Select whether {label} attended",
                    "invalid_choice": f"Select whether {label} attended",
                },
            )
            self.rows.append((participant, name))

    def attendance(self) -> dict[int, str]:
        return {participant.pk: self.cleaned_data[name] for participant, name in self.rows}


class AgencyRequestForm(forms.Form):
    agency = forms.ChoiceField(
        label="Agency",
        error_messages={"required": "Select the agency", "invalid_choice": "Select an agency from the list"},
    )
    request = forms.CharField(
        label="What must it bring?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={
            "required": "Say what the agency must bring",
            "max_length": "What the agency must bring must be 5000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, agencies: Sequence[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = {str(agency.pk): agency for agency in agencies}
        _choices_set(self, "agency", [("", "Choose an agency")] + [(str(a.pk), a.name) for a in agencies])

    def chosen_agency(self) -> Agency:
        return self.agencies[self.cleaned_data["agency"]]


class MeetingOutcomeForm(forms.Form):
    level = forms.ChoiceField(
        label="What level of risk did the meeting determine?",
        choices=RiskLevel.choices,
        error_messages={
            "required": "Select the level of risk the meeting determined",
            "invalid_choice": "Select low, medium or high",
        },
    )
    outcome = forms.CharField(
        label="What did the meeting decide?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={
            "required": "Enter what the meeting decided",
            "max_length": "What the meeting decided must be 5000 characters or fewer",
        },
    )
