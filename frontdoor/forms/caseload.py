"""The caseload's filters and sorting (decision 0030)."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.http import urlencode

from frontdoor.selectors.caseload import MISSING_WINDOW_DAYS, CaseloadQuery, CaseloadSort, LevelFilter


class CaseloadFilterForm(forms.Form):
    """The filters and sorting of a caseload (decision 0030); anything not understood is left out."""

    level = forms.ChoiceField(
        label="Level of risk",
        required=False,
        choices=[
            ("", "Any level"),
            (LevelFilter.HIGH.value, "High"),
            (LevelFilter.MEDIUM.value, "Medium"),
            (LevelFilter.LOW.value, "Low"),
            (LevelFilter.NONE.value, "Not assessed"),
        ],
    )
    review_overdue = forms.BooleanField(label="Review overdue", required=False)
    missing = forms.BooleanField(label=f"Missing in the last {MISSING_WINDOW_DAYS} days", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            (CaseloadSort.LEVEL.value, "Level of risk, highest first"),
            (CaseloadSort.REVIEW.value, "Next review, soonest first"),
            (CaseloadSort.MISSING.value, "Missing episodes, most first"),
            (CaseloadSort.TASKS.value, "Open tasks, most first"),
            (CaseloadSort.NAME.value, "Name"),
        ],
    )
    team = forms.TypedChoiceField(label="Team", required=False, coerce=int, empty_value=None, choices=[])

    def __init__(self, *args: Any, teams: Sequence[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team_field = self.fields["team"]
        assert isinstance(team_field, forms.TypedChoiceField)
        team_field.choices = [("", "All your teams"), *((str(pk), name) for pk, name in teams)]

    def to_query(self, *, page: int) -> CaseloadQuery:
        data = self.cleaned_data if self.is_valid() else {}
        return CaseloadQuery(
            level=LevelFilter(data["level"]) if data.get("level") else None,
            review_overdue=bool(data.get("review_overdue")),
            missing=bool(data.get("missing")),
            sort=CaseloadSort(data["sort"]) if data.get("sort") else CaseloadSort.LEVEL,
            team_id=data.get("team"),
            page=page,
        )

    def query_string(self) -> str:
        """The filters as a query string, for the links to other pages of the list."""
        data = self.cleaned_data if self.is_valid() else {}
        kept = {
            "level": data.get("level") or "",
            "review_overdue": "on" if data.get("review_overdue") else "",
            "missing": "on" if data.get("missing") else "",
            "sort": data.get("sort") or "",
            "team": str(data["team"]) if data.get("team") else "",
        }
        return urlencode({name: value for name, value in kept.items() if value})
