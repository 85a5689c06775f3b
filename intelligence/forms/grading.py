from django import forms

from intelligence.models import HandlingCode, IntelligenceAssessment, Outcome, SourceEvaluation


def _choice(label: str, choices: list[tuple[str, str]], problem: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, error_messages={"required": problem, "invalid_choice": problem}
    )


class GradingForm(forms.Form):
    """The 3x5x2 grade. The rules (conditions for code C, a summary) are the service's: its refusals
    come back onto these fields."""

    source_evaluation = _choice(
        "Source evaluation", SourceEvaluation.choices, "Select how reliable the source is (1, 2 or 3)"
    )
    intelligence_assessment = _choice(
        "Intelligence assessment",
        IntelligenceAssessment.choices,
        "Select how the source knows the information (A to E)",
    )
    handling_code = _choice("Handling code", HandlingCode.choices, "Select the handling code (P or C)")
    handling_conditions = forms.CharField(
        label="Conditions partners must respect (required for code C)",
        required=False,
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"max_length": "Enter the conditions in 2,000 characters or fewer"},
    )
    outcome = _choice("Outcome", Outcome.choices, "Select the outcome")
    sanitised_summary = forms.CharField(
        label="Sanitised summary for partners",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        error_messages={"max_length": "Enter the sanitised summary in 5,000 characters or fewer"},
    )
