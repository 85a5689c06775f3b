import datetime as dt

from django import forms

from children.selectors import ChildSearchQuery


class ChildSearchForm(forms.Form):
    name = forms.CharField(label="Name", required=False, max_length=100)
    dob_day = forms.IntegerField(required=False, min_value=1, max_value=31)
    dob_month = forms.IntegerField(required=False, min_value=1, max_value=12)
    dob_year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    identifier = forms.CharField(label="Reference or NHS number", required=False, max_length=20)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        parts = [data.get("dob_day"), data.get("dob_month"), data.get("dob_year")]
        if any(self.errors.get(name) for name in ("dob_day", "dob_month", "dob_year")):
            self.errors.pop("dob_day", None)
            self.errors.pop("dob_month", None)
            self.errors.pop("dob_year", None)
            self.add_error(None, forms.ValidationError("Date of birth must be a real date", code="dob"))
            return data
        date_of_birth = None
        if any(part is not None for part in parts):
            if any(part is None for part in parts):
                self.add_error(
                    None, forms.ValidationError("Date of birth must include a day, month and year", code="dob")
                )
                return data
            try:
                date_of_birth = dt.date(int(parts[2]), int(parts[1]), int(parts[0]))  # type: ignore[arg-type]
            except ValueError:
                self.add_error(None, forms.ValidationError("Date of birth must be a real date", code="dob"))
                return data
        data["date_of_birth"] = date_of_birth
        if not (data.get("name", "").strip() or date_of_birth or data.get("identifier", "").strip()):
            self.add_error(None, forms.ValidationError("Enter a name, a date of birth or a reference", code="empty"))
        return data

    def to_query(self) -> ChildSearchQuery:
        return ChildSearchQuery(
            name=self.cleaned_data.get("name", ""),
            date_of_birth=self.cleaned_data.get("date_of_birth"),
            identifier=self.cleaned_data.get("identifier", ""),
        )
