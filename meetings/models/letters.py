"""The child's voice (seed 001): letters to the child and to their parents or carers when the child
comes onto the MEG agenda, induction packs for new families, and the feedback they give."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Area
from children.models import Carer, Child
from meetings.models.meeting import Meeting


class LetterAudience(models.TextChoices):
    CHILD = "child", "The child"
    PARENT = "parent", "A parent or carer"
    INDUCTION = "induction", "Induction pack for the family"


class AgeBand(models.TextChoices):
    ANY = "any", "Any age"
    UNDER_13 = "under_13", "Under 13"
    FROM_13 = "from_13", "13 and over"


class LetterTemplate(models.Model):
    """An editable letter. The body uses $placeholders (meetings/letter_text.py lists them), never
    template code, so that editing a letter cannot run anything."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    audience = models.CharField(max_length=20, choices=LetterAudience.choices)
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, default=AgeBand.ANY)
    title = models.CharField(max_length=200)
    body = models.TextField()
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["area", "audience", "age_band"]
        constraints = [
            models.UniqueConstraint(fields=["area", "audience", "age_band"], name="one_letter_template_per_audience")
        ]

    def __str__(self) -> str:
        return self.title


class SendingMethod(models.TextChoices):
    POST = "post", "Post"
    BY_HAND = "by_hand", "By hand, by the lead worker"
    EMAIL = "email", "Email"


class Letter(models.Model):
    """A letter generated for one recipient. Its text is kept as it was generated, so that what was
    sent stays on record even when the template changes."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="letters")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="letters")
    audience = models.CharField(max_length=20, choices=LetterAudience.choices)
    carer = models.ForeignKey(Carer, on_delete=models.PROTECT, null=True, blank=True, related_name="letters")
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="letters")
    recipient_name = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_method = models.CharField(max_length=20, choices=SendingMethod.choices, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "child", "audience", "carer"],
                condition=models.Q(carer__isnull=False),
                name="one_letter_per_carer_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["meeting", "child", "audience"],
                condition=models.Q(carer__isnull=True),
                name="one_letter_per_audience_per_meeting",
            ),
            models.CheckConstraint(
                condition=models.Q(sent_at__isnull=True, sent_by__isnull=True, sent_method="")
                | models.Q(sent_at__isnull=False, sent_by__isnull=False) & ~models.Q(sent_method=""),
                name="letter_sent_by_someone_somehow",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} for {self.recipient_name}"


class FeedbackFrom(models.TextChoices):
    CHILD = "child", "The child"
    PARENT = "parent", "A parent or carer"


class Feedback(models.Model):
    """What the child or family said about the plan and the help they get; shown at the next MEG."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="meg_feedback")
    given_by = models.CharField(max_length=20, choices=FeedbackFrom.choices)
    carer = models.ForeignKey(Carer, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    text = models.TextField()
    received_on = models.DateField()
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["received_on", "id"]

    def __str__(self) -> str:
        return f"Feedback from {self.given_by} about {self.child_id}"
