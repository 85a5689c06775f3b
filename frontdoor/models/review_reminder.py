"""Reminders that a child's risk assessment review is due or overdue (decision 0036)."""

from django.db import models
from django.utils import timezone

from assessments.models import Assessment


class ReviewReminder(models.Model):
    """A reminder sent for an assessment's review, so that send_reminders sends each one once."""

    class Kind(models.TextChoices):
        DUE = "due", "Due within 7 days"
        OVERDUE = "overdue", "Overdue"

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="review_reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "kind"], name="one_review_reminder_per_assessment_and_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} review reminder for assessment {self.assessment_id}"
