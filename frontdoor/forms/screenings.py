"""The screening and reassessment pages' forms: the tool's domains, the case status, the confirmed level."""

from typing import Any

from django import forms

from assessments.levels import RiskLevel
from assessments.tool_definition import Domain, ToolDefinition
from children.case_status import CaseStatus
from children.inputs.placement import HOST_TEXT_MAX, PlacementInput
from core.forms import DatePartsMixin, date_part
from frontdoor.forms.common import YES_NO
from frontdoor.routing import MAX_AGE_YEARS, MIN_AGE_YEARS, OVER_AGE_EXPLANATION


class AssessmentForm(forms.Form):
    """The risk assessment tool's domains, built from the tool version the assessment uses."""

    def __init__(self, *args: Any, tool: ToolDefinition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tool = tool
        for number, domain in enumerate(tool.domains, start=1):
            self.fields[f"domain_{domain.code}"] = forms.MultipleChoiceField(
                label=f"{number}. {domain.title}",
                choices=[(indicator.code, indicator.text) for indicator in domain.indicators],
                required=False,
            )
            self.fields[f"notes_{domain.code}"] = forms.CharField(
                label=f"Notes on {domain.title.lower()} (optional)",
                widget=forms.Textarea,
                required=False,
                max_length=5000,
            )

    @staticmethod
    def initial_for(tool: ToolDefinition, chosen: set[str], notes: dict[str, str]) -> dict[str, object]:
        """Initial values that tick the chosen indicators and fill the notes, domain by domain."""
        initial: dict[str, object] = {}
        for domain in tool.domains:
            initial[f"domain_{domain.code}"] = [i.code for i in domain.indicators if i.code in chosen]
            initial[f"notes_{domain.code}"] = notes.get(domain.code, "")
        return initial

    def domain_fields(self) -> list[tuple[Domain, forms.BoundField, forms.BoundField]]:
        return [(domain, self[f"domain_{domain.code}"], self[f"notes_{domain.code}"]) for domain in self.tool.domains]

    def selected(self) -> frozenset[str]:
        return frozenset(code for domain in self.tool.domains for code in self.cleaned_data[f"domain_{domain.code}"])

    def domain_notes(self) -> dict[str, str]:
        return {domain.code: self.cleaned_data[f"notes_{domain.code}"] for domain in self.tool.domains}


class ScreeningForm(AssessmentForm):
    """The front door's screening: the case status, then the tool's domains."""

    case_status = forms.ChoiceField(
        label="What is the case status?",
        choices=CaseStatus.choices,
        error_messages={"required": "Select the case status"},
    )
    # "Likewise, if a Darlington child is placed out of area, the case holding social worker will liaise with
    # the host Local Authority" (procedure 2.2): asked as well as the status, not as a status.
    placed_out_of_area = forms.ChoiceField(
        label="Is the child one of ours placed out of area?",
        choices=YES_NO,
        error_messages={"required": "Select yes if the child is placed out of area"},
    )
    host_authority = forms.CharField(label="Host authority", required=False, max_length=HOST_TEXT_MAX)
    host_social_worker = forms.CharField(
        label="The host authority's social worker (optional)", required=False, max_length=HOST_TEXT_MAX
    )
    host_social_worker_contact = forms.CharField(
        label="Their phone number or email (optional)", required=False, max_length=HOST_TEXT_MAX
    )

    field_order = ["case_status", "placed_out_of_area", "host_authority", "host_social_worker"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "placed_out_of_area" in data:
            for name, message in self.placement().problems().items():
                self.add_error(name, message)
        return data

    def placement(self) -> PlacementInput:
        data = self.cleaned_data
        return PlacementInput(
            placed_out_of_area=data.get("placed_out_of_area") == "yes",
            host_authority=data.get("host_authority", ""),
            host_social_worker=data.get("host_social_worker", ""),
            host_social_worker_contact=data.get("host_social_worker_contact", ""),
        )

    @staticmethod
    def placement_initial(placement: PlacementInput) -> dict[str, object]:
        return {
            "placed_out_of_area": "yes" if placement.placed_out_of_area else "no",
            "host_authority": placement.host_authority,
            "host_social_worker": placement.host_social_worker,
            "host_social_worker_contact": placement.host_social_worker_contact,
        }


class ConfirmLevelForm(DatePartsMixin):
    confirmed_level = forms.ChoiceField(
        label="What level of risk do you confirm?",
        choices=RiskLevel.choices,
        error_messages={"required": "Select the level of risk you confirm"},
    )
    reason = forms.CharField(label="Your reason", widget=forms.Textarea, required=False, max_length=5000)
    review_day = date_part(2)
    review_month = date_part(2)
    review_year = date_part(4)
    age_estimate = forms.IntegerField(
        label="The child's age, as best you know it",
        required=False,
        min_value=MIN_AGE_YEARS,
        max_value=MAX_AGE_YEARS,
        error_messages={
            "invalid": "Enter the age as a whole number of years, like 14",
            "min_value": f"The age must be from {MIN_AGE_YEARS} to {MAX_AGE_YEARS}",
            "max_value": OVER_AGE_EXPLANATION,
        },
    )

    def __init__(self, *args: Any, suggested_level: str, age_known: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Not pre-selected: the practitioner confirms a level, the tool only suggests one.
        self.suggested_level = suggested_level
        if age_known:
            del self.fields["age_estimate"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        level = data.get("confirmed_level")
        if level and level != self.suggested_level and not data.get("reason", "").strip():
            self.add_error("reason", f"Enter why you confirm {level} when the tool suggests {self.suggested_level}")
        data["review_due_on"] = self.date_from_parts("review", label="Review date", required=True, allow_future=True)
        if "age_estimate" in self.fields and data.get("age_estimate") is None and "age_estimate" not in self.errors:
            self.add_error("age_estimate", "The date of birth is not known: enter the child's age, as best you can")
        return data

    def answers(self) -> dict[str, Any]:
        """The confirmation, as the screening and review services take it."""
        data = self.cleaned_data
        return {
            "confirmed_level": RiskLevel(data["confirmed_level"]),
            "reason": data.get("reason", ""),
            "review_due_on": data["review_due_on"],
            "age_estimate": data.get("age_estimate"),
        }
