"""The GOV.UK date boxes: "today" is the partnership's day (Europe/London), not the server's."""

import datetime as dt

import time_machine
from django import forms

from core.forms import DatePartsMixin, date_part


class SeenForm(DatePartsMixin):
    seen_day = date_part(2)
    seen_month = date_part(2)
    seen_year = date_part(4)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        cleaned["seen"] = self.date_from_parts("seen", label="Date seen", required=True)
        return cleaned


def cleaned(day: dt.date) -> forms.Form:
    form = SeenForm({"seen_day": str(day.day), "seen_month": str(day.month), "seen_year": str(day.year)})
    form.is_valid()
    return form


def test_today_in_london_is_not_in_the_future_when_utc_is_still_yesterday():
    # 00:20 on 1 July in London (British Summer Time) is 23:20 on 30 June in UTC.
    with time_machine.travel(dt.datetime(2027, 6, 30, 23, 20, tzinfo=dt.UTC), tick=False):
        assert cleaned(dt.date(2027, 7, 1)).cleaned_data["seen"] == dt.date(2027, 7, 1)
        tomorrow = cleaned(dt.date(2027, 7, 2))
        assert tomorrow.errors["seen_day"] == ["Date seen must be today or in the past"]
