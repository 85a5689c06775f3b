from django.conf import settings
from django.db import models
from django.utils import timezone

from core.append_only import AppendOnlyModel


class AccessAction(models.TextChoices):
    VIEW = "view", "Viewed a record"
    LIST = "list", "Listed records"
    SEARCH = "search", "Searched"
    EXPORT = "export", "Exported"
    PRINT = "print", "Printed"
    REFUSED = "refused", "Refused: asked for a record they may not see"


class AccessEvent(AppendOnlyModel):
    """One read of child-identifiable data: who, what, when, from where, and why."""

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_events")
    action = models.CharField(max_length=10, choices=AccessAction.choices)
    object_type = models.CharField(max_length=50, help_text="The kind of record read, e.g. child.")
    object_ids = models.JSONField(
        default=list, help_text="Every record shown, so that 'who saw this child' is complete."
    )
    query = models.JSONField(default=dict, blank=True, help_text="The search terms, for searches.")
    channel = models.CharField(max_length=10)
    route = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "occurred_at"], name="access_event_type_time")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.user_id} {self.action} {self.object_type}"
