"""The search box: what to look for, which kind of thing, and whether to include look-alike characters."""

from typing import Any

from django import forms

from intelligence.models import EntityKind
from intelligence.selectors.search import ALL, SearchQuery, search_problem

KINDS = [
    (ALL, "Everything"),
    (EntityKind.VEHICLE.value, "Vehicles"),
    (EntityKind.PERSON.value, "People"),
    (EntityKind.PHONE.value, "Phone numbers"),
    (EntityKind.LOCATION.value, "Places"),
    (EntityKind.ONLINE_ACCOUNT.value, "Online accounts"),
]


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search for",
        max_length=100,
        error_messages={
            "required": "Enter a registration, name, phone number, place or online account",
            "max_length": "Search for 100 characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="Look in", choices=KINDS, required=False, error_messages={"invalid_choice": "Select what to look in"}
    )
    lookalikes = forms.BooleanField(
        label="Include look-alike characters: 0 and O, 1 and I, 2 and Z, 5 and S, 8 and B", required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "q" in data and "kind" in data:
            problem = search_problem(self.to_query(data))
            if problem:
                self.add_error("q", problem)
        return data

    def to_query(self, data: dict[str, Any] | None = None) -> SearchQuery:
        data = self.cleaned_data if data is None else data
        return SearchQuery(
            text=data["q"].strip(), kind=data.get("kind") or ALL, lookalikes=bool(data.get("lookalikes"))
        )
