"""Grading by the 3x5x2 model (College of Policing): source evaluation, intelligence assessment, and
handling code. Every grading is kept; the latest is the submission's grade."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.append_only import AppendOnlyModel
from intelligence.models.submission import Submission


class SourceEvaluation(models.TextChoices):
    RELIABLE = "1", "1: Reliable"
    UNTESTED = "2", "2: Untested"
    NOT_RELIABLE = "3", "3: Not reliable"


class IntelligenceAssessment(models.TextChoices):
    KNOWN_DIRECTLY = "A", "A: Known directly to the source"
    KNOWN_INDIRECTLY_CORROBORATED = "B", "B: Known indirectly to the source but corroborated"
    KNOWN_INDIRECTLY = "C", "C: Known indirectly to the source"
    NOT_KNOWN = "D", "D: Not known"
    SUSPECTED_FALSE = "E", "E: Suspected to be false"


class HandlingCode(models.TextChoices):
    PERMITTED = "P", "P: Lawful sharing permitted"
    CONDITIONS = "C", "C: Lawful sharing permitted with conditions"


class Outcome(models.TextChoices):
    INTELLIGENCE_LOG = "intelligence_log", "Intelligence log"
    CRIME_DESK = "crime_desk", "Crime desk"
    SAFEGUARDING_REFERRAL = "safeguarding_referral", "Safeguarding referral"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


class Grading(AppendOnlyModel):
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="gradings")
    source_evaluation = models.CharField(max_length=1, choices=SourceEvaluation.choices)
    intelligence_assessment = models.CharField(max_length=1, choices=IntelligenceAssessment.choices)
    handling_code = models.CharField(max_length=1, choices=HandlingCode.choices)
    handling_conditions = models.TextField(blank=True, help_text="Required for handling code C.")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    sanitised_summary = models.TextField(
        help_text="What partners may see: no source, nothing the handling code withholds."
    )
    graded_at = models.DateTimeField(default=timezone.now)
    graded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-graded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(handling_code="C") | ~models.Q(handling_conditions=""),
                name="grading_conditions_for_code_c",
            )
        ]

    @property
    def code(self) -> str:
        """The grade as police write it, e.g. '2B P'."""
        return f"{self.source_evaluation}{self.intelligence_assessment} {self.handling_code}"

    def __str__(self) -> str:
        return f"{self.submission_id} graded {self.code}"
