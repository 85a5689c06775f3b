"""Loaded versions of the risk assessment tool. An assessment keeps the exact version it used."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from assessments.levels import RiskLevel
from core.append_only import AppendOnlyModel


class ImmutableToolVersionError(Exception):
    pass


class AssessmentTool(models.Model):
    code = models.CharField(max_length=60)
    version = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    definition = models.JSONField(help_text="The parsed definition, in the shape of the YAML file.")
    source_text = models.TextField(help_text="The YAML file exactly as it was loaded.")
    source_name = models.CharField(max_length=255, blank=True, help_text="The file it was loaded from.")
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the YAML text (UTF-8), in hex.")
    loaded_at = models.DateTimeField(default=timezone.now)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_active = models.BooleanField(default=False, help_text="The version new assessments use; one per code.")

    class Meta:
        ordering = ["code", "-loaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="assessment_tool_code_version_unique"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(is_active=True), name="assessment_tool_one_active_per_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Assessments point at a version and must keep meaning what they meant: once saved, only
        # whether the version is active may change.
        update_fields = kwargs.get("update_fields")
        if not self._state.adding and (update_fields is None or set(update_fields) - {"is_active"}):
            raise ImmutableToolVersionError(
                f"Tool {self} is immutable once loaded; only is_active may change. Load a new version instead."
            )
        super().save(*args, **kwargs)


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    COMPLETE = "complete", "Complete"


class Assessment(models.Model):
    """One CSE risk assessment of a child, with the exact tool version it used.

    Complete assessments never change: a review is a new assessment that supersedes the last.
    """

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="assessments")
    tool = models.ForeignKey(AssessmentTool, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    selected_indicators = models.JSONField(default=list, blank=True)
    domain_notes = models.JSONField(default=dict, blank=True, help_text="What the practitioner noted, by domain code.")
    suggested_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    suggestion_reasons = models.JSONField(default=list, blank=True)
    confirmed_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    confirmation_reason = models.TextField(blank=True, help_text="Required when the confirmed level differs.")
    review_due_on = models.DateField(null=True, blank=True)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | ~models.Q(confirmed_level=""),
                name="complete_assessment_has_a_confirmed_level",
            )
        ]

    def __str__(self) -> str:
        return f"Assessment {self.pk} of {self.child_id}"

    @property
    def overrides_suggestion(self) -> bool:
        return bool(self.confirmed_level) and self.confirmed_level != self.suggested_level


class RiskLevelSource(models.TextChoices):
    ASSESSMENT = "assessment", "Risk assessment"
    MEETING = "meeting", "Strategy or multi-agency meeting"


class RiskLevelRecord(AppendOnlyModel):
    """Each confirmed level of risk for a child, newest last. The child's current level is the latest."""

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="risk_levels")
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    decided_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=20, choices=RiskLevelSource.choices)
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["child", "decided_at"], name="risk_level_child_time")]

    def __str__(self) -> str:
        return f"{self.child_id}: {self.level} at {self.decided_at:%Y-%m-%d}"
