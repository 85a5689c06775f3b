import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone

from accounts.models import Agency, User
from core.forms import DatePartsMixin, date_part
from meetings.models import ActionStatus, Meeting, Plan
from meetings.services.plans import TACTICS_FOR

DUE_LABEL = "Date the action is due"
NOT_LISTED = {"invalid_choice": "Select an option from the list"}


def _choices(field: forms.Field, choices: list[tuple[str, str]]) -> None:
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _person(user: User) -> str:
    return f"{user.display_name}, {user.job_title}" if user.job_title else user.display_name


class ActionForm(DatePartsMixin):
    description = forms.CharField(
        label="What will be done?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Describe the action"},
    )
    tactic = forms.ChoiceField(label="Tactic", error_messages={"required": "Select the tactic", **NOT_LISTED})
    owning_agency = forms.ChoiceField(
        label="Agency that will do it",
        error_messages={"required": "Select the agency that will do this", **NOT_LISTED},
    )
    owner = forms.ChoiceField(label="Person who owns it (optional)", required=False, error_messages=NOT_LISTED)
    due_day = date_part(2)
    due_month = date_part(2)
    due_year = date_part(4)
    meeting = forms.ChoiceField(label="Agreed at (optional)", required=False, error_messages=NOT_LISTED)

    def __init__(
        self,
        *args: Any,
        plan: Plan,
        agencies: Sequence[Agency],
        owners: Sequence[User],
        meetings: Sequence[Meeting],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._agencies = {str(agency.pk): agency for agency in agencies}
        self._owners = {str(owner.pk): owner for owner in owners}
        self._meetings = {str(meeting.pk): meeting for meeting in meetings}
        _choices(self.fields["tactic"], [(tactic.value, tactic.label) for tactic in TACTICS_FOR[plan.kind]])
        _choices(
            self.fields["owning_agency"],
            [("", "Select an agency"), *((key, agency.name) for key, agency in self._agencies.items())],
        )
        _choices(self.fields["owner"], [("", "Not named yet"), *((k, _person(u)) for k, u in self._owners.items())])
        _choices(
            self.fields["meeting"],
            [
                ("", "Not agreed at a meeting"),
                *((k, f"MEG, {timezone.localtime(m.starts_at):%d %B %Y}") for k, m in self._meetings.items()),
            ],
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["due_on"] = self.date_from_parts(
            "due", label="Date the action is due", required=True, allow_future=True
        )
        return cleaned

    @property
    def due_parts(self) -> list[tuple[forms.BoundField, str, int]]:
        return self.date_parts("due")

    @property
    def due_on(self) -> dt.date | None:
        value = self.cleaned_data.get("due_on")
        return value if isinstance(value, dt.date) else None

    @property
    def agency(self) -> Agency | None:
        return self._agencies.get(self.cleaned_data.get("owning_agency") or "")

    @property
    def owner_user(self) -> User | None:
        return self._owners.get(self.cleaned_data.get("owner") or "")

    @property
    def agreed_at(self) -> Meeting | None:
        return self._meetings.get(self.cleaned_data.get("meeting") or "")


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="Status after this update",
        choices=ActionStatus.choices,
        error_messages={"required": "Select the status of the action", **NOT_LISTED},
    )
    note = forms.CharField(
        label="What has been done?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Say what has been done"},
    )


class BringAgencyForm(forms.Form):
    agency = forms.ChoiceField(label="Agency", required=False)

    def __init__(self, *args: Any, agencies: Sequence[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["agency"], [(str(agency.pk), agency.name) for agency in agencies])
