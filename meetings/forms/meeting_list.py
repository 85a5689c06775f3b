"""The filters of the list of meetings: a form sent by GET, read into `MeetingListFilters`."""

from urllib.parse import urlencode

from django import forms

from meetings.inputs import MeetingListFilters, MeetingWhen
from meetings.models import MeetingKind

WHEN_LABELS = {MeetingWhen.TODAY: "Today", MeetingWhen.UPCOMING: "Upcoming", MeetingWhen.PAST: "Past"}
ANY = ("", "Any")


class MeetingListForm(forms.Form):
    when = forms.ChoiceField(
        label="When",
        required=False,
        choices=[(when.value, label) for when, label in WHEN_LABELS.items()],
        error_messages={"invalid_choice": "Select today, upcoming or past"},
    )
    kind = forms.ChoiceField(
        label="Kind of meeting",
        required=False,
        choices=[ANY, *MeetingKind.choices],
        error_messages={"invalid_choice": "Select a kind of meeting from the list"},
    )
    held = forms.ChoiceField(
        label="Held",
        required=False,
        choices=[ANY, ("yes", "Held"), ("no", "Not held yet")],
        error_messages={"invalid_choice": "Select held or not held yet"},
    )
    minutes = forms.ChoiceField(
        label="Minutes",
        required=False,
        choices=[ANY, ("approved", "Approved"), ("not_approved", "Not approved")],
        error_messages={"invalid_choice": "Select minutes approved or not approved"},
    )

    def to_filters(self) -> MeetingListFilters:
        data = self.cleaned_data
        return MeetingListFilters(
            when=MeetingWhen(data["when"]) if data.get("when") else None,
            kind=data.get("kind") or None,
            held={"yes": True, "no": False}.get(data.get("held") or ""),
            minutes_approved={"approved": True, "not_approved": False}.get(data.get("minutes") or ""),
        )

    def query(self, *, when: str | None = None) -> str:
        """The valid filters as a query string, with `when` in place of the chosen one when given: for the
        links to the other parts of the calendar and to the other pages."""
        values = {key: str(self.cleaned_data.get(key) or "") for key in self.fields}
        if when is not None:
            values["when"] = when
        return urlencode({key: value for key, value in values.items() if value})
