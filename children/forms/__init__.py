from typing import Any

from django import forms

from children.selectors import ChildSearchQuery
from core.forms import DatePartsMixin, date_part


class ChildSearchForm(DatePartsMixin):
    name = forms.CharField(label="Name", required=False, max_length=100)
    dob_day = date_part(2)
    dob_month = date_part(2)
    dob_year = date_part(4)
    identifier = forms.CharField(label="Reference or NHS number", required=False, max_length=20)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["date_of_birth"] = self.date_from_parts("dob", label="Date of birth", required=False)
        if not self.errors and not (
            data.get("name", "").strip() or data["date_of_birth"] or data.get("identifier", "").strip()
        ):
            self.add_error("name", "Enter a name, a date of birth or a reference")
        return data

    def to_query(self) -> ChildSearchQuery:
        return ChildSearchQuery(
            name=self.cleaned_data.get("name", ""),
            date_of_birth=self.cleaned_data.get("date_of_birth"),
            identifier=self.cleaned_data.get("identifier", ""),
        )
