import datetime as dt
from typing import Any

from django import forms

from children.selectors import ChildSearchQuery

DATE_PARTS = ("dob_day", "dob_month", "dob_year")


class ChildSearchForm(forms.Form):
    name = forms.CharField(label="Name", required=False, max_length=100)
    dob_day = forms.CharField(required=False, max_length=2)
    dob_month = forms.CharField(required=False, max_length=2)
    dob_year = forms.CharField(required=False, max_length=4)
    identifier = forms.CharField(label="Reference or NHS number", required=False, max_length=20)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["date_of_birth"] = self._date_of_birth(data)
        if not self.errors and not (
            data.get("name", "").strip() or data["date_of_birth"] or data.get("identifier", "").strip()
        ):
            self.add_error("name", "Enter a name, a date of birth or a reference")
        return data

    def _date_of_birth(self, data: dict[str, Any]) -> dt.date | None:
        # GOV.UK date pattern: one message for the whole date, linked to its first box.
        parts = [str(data.get(name) or "").strip() for name in DATE_PARTS]
        if not any(parts):
            return None
        if not all(parts):
            self.add_error("dob_day", "Date of birth must include a day, month and year")
            return None
        if not all(part.isdigit() for part in parts) or len(parts[2]) != 4:
            self.add_error("dob_day", "Date of birth must be a real date, like 27 3 2010")
            return None
        try:
            date_of_birth = dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            self.add_error("dob_day", "Date of birth must be a real date, like 27 3 2010")
            return None
        if date_of_birth > dt.date.today():  # noqa: DTZ011 - a calendar date, compared with today's date
            self.add_error("dob_day", "Date of birth must be in the past")
            return None
        return date_of_birth

    def to_query(self) -> ChildSearchQuery:
        return ChildSearchQuery(
            name=self.cleaned_data.get("name", ""),
            date_of_birth=self.cleaned_data.get("date_of_birth"),
            identifier=self.cleaned_data.get("identifier", ""),
        )
