"""Minutes: the discussion and decisions against each agenda item. Once the chair approves a version
it is locked; a correction is a new version that the chair approves in turn."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from meetings.models.agenda import AgendaItem
from meetings.models.meeting import Meeting


class Minutes(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="minutes")
    version = models.PositiveSmallIntegerField()
    correction_reason = models.TextField(blank=True, help_text="Why a new version corrects the approved one.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "version"]
        verbose_name_plural = "minutes"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="minutes_version_unique"),
            models.CheckConstraint(
                condition=models.Q(approved_at__isnull=True, approved_by__isnull=True)
                | models.Q(approved_at__isnull=False, approved_by__isnull=False),
                name="minutes_approved_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"Minutes of {self.meeting_id}, version {self.version}"

    @property
    def approved(self) -> bool:
        return self.approved_at is not None


class MinuteItem(models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.PROTECT, related_name="items")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="minute_items")
    discussion = models.TextField(blank=True)
    decisions = models.TextField(blank=True)

    class Meta:
        ordering = ["agenda_item__position"]
        constraints = [models.UniqueConstraint(fields=["minutes", "agenda_item"], name="minute_item_once_per_version")]

    def __str__(self) -> str:
        return f"Minutes {self.minutes_id}, item {self.agenda_item_id}"
