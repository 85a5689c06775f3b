"""Form pieces the GOV.UK patterns need and Django does not provide: dates as three boxes."""

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

TIME_PATTERN = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def date_part(length: int) -> forms.CharField:
    """One box of a GOV.UK date input; declare <prefix>_day, <prefix>_month and <prefix>_year."""
    return forms.CharField(required=False, max_length=length)


class DatePartsMixin(forms.Form):
    """Reads a GOV.UK date input (day, month, year boxes) into a date, with GOV.UK's error messages."""

    def date_parts(self, prefix: str) -> list[tuple[forms.BoundField, str, int]]:
        return [
            (self[f"{prefix}_day"], "Day", 2),
            (self[f"{prefix}_month"], "Month", 2),
            (self[f"{prefix}_year"], "Year", 4),
        ]

    def date_from_parts(self, prefix: str, *, label: str, required: bool, allow_future: bool = False) -> dt.date | None:
        data: dict[str, Any] = self.cleaned_data
        parts = [str(data.get(f"{prefix}_{name}") or "").strip() for name in ("day", "month", "year")]
        target = f"{prefix}_day"
        if not any(parts):
            if required:
                self.add_error(target, f"Enter the {label.lower()}")
            return None
        if not all(parts):
            self.add_error(target, f"{label} must include a day, month and year")
            return None
        if not all(part.isdigit() for part in parts) or len(parts[2]) != 4:
            self.add_error(target, f"{label} must be a real date, like 27 3 2010")
            return None
        try:
            value = dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            self.add_error(target, f"{label} must be a real date, like 27 3 2010")
            return None
        if not allow_future and value > timezone.localdate():  # the partnership's today, not the server's
            self.add_error(target, f"{label} must be today or in the past")
            return None
        return value


def time_from_text(text: str) -> dt.time | None:
    """'14:05', '9.30' -> time; None when it is not a time of day."""
    match = TIME_PATTERN.match(text or "")
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def form_add_service_errors(
    form: forms.Form, error: ValidationError, *, field_for: dict[str, str | None] | None = None
) -> None:
    """Put a service's refusal on the form field it is about (renamed by `field_for` where the form's
    field differs from the service's), or on the whole form when the form has no such field."""
    items = error.message_dict.items() if hasattr(error, "error_dict") else [("", error.messages)]
    for name, messages in items:
        field = (field_for or {}).get(name, name)
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
