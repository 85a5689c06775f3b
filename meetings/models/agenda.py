"""What a meeting discusses: the children (meetings/agenda.py decides who), contextual items (places,
suspected perpetrators, vehicles, peer groups), and the recorded decisions to take a child off."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Area
from children.models import Child
from core.append_only import AppendOnlyModel
from meetings.models.meeting import Meeting


class ContextualKind(models.TextChoices):
    LOCATION = "location", "Location of concern"
    PERPETRATOR = "perpetrator", "Suspected perpetrator"
    VEHICLE = "vehicle", "Vehicle"
    PEER_GROUP = "peer_group", "Peer group"


class ContextualItem(models.Model):
    """Contextual safeguarding: a place, person, vehicle or peer group the MEG discusses as well as
    the children it affects. It stays on the area's agenda until closed."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="contextual_items")
    kind = models.CharField(max_length=20, choices=ContextualKind.choices)
    title = models.CharField(max_length=200, help_text="For example 'Takeaway on Station Road' or a street name.")
    description = models.TextField(blank=True)
    children = models.ManyToManyField(Child, blank=True, related_name="contextual_items")
    entities = models.ManyToManyField(
        "intelligence.Entity", blank=True, through="ContextualItemEntity", related_name="contextual_items"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", "title", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class ContextualItemEntity(models.Model):
    """A police intelligence officer's link from a contextual item to what intelligence knows of it (the
    suspected perpetrator, the vehicle, the place): the agenda pack draws the shareable network around it."""

    contextual_item = models.ForeignKey(ContextualItem, on_delete=models.CASCADE, related_name="entity_links")
    entity = models.ForeignKey("intelligence.Entity", on_delete=models.CASCADE, related_name="contextual_item_links")
    linked_at = models.DateTimeField(default=timezone.now)
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["contextual_item", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contextual_item", "entity"], name="contextual_item_entity_once")
        ]

    def __str__(self) -> str:
        return f"{self.contextual_item_id} is entity {self.entity_id}"


class AgendaItem(models.Model):
    """One item of a held meeting's agenda, frozen when the meeting is held so that its minutes and
    pack say what was discussed. Before then, the agenda is worked out afresh at every read."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveIntegerField()
    child = models.ForeignKey(Child, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    contextual_item = models.ForeignKey(
        ContextualItem, on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    level = models.CharField(max_length=10, blank=True, help_text="The child's level when the meeting was held.")
    new = models.BooleanField(default=False, help_text="A new referral to the MEG.")

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(child__isnull=False) & models.Q(contextual_item__isnull=True))
                | (models.Q(child__isnull=True) & models.Q(contextual_item__isnull=False)),
                name="agenda_item_is_a_child_or_a_contextual_item",
            ),
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position_unique"),
            models.UniqueConstraint(
                fields=["meeting", "child"], condition=models.Q(child__isnull=False), name="child_once_per_agenda"
            ),
            models.UniqueConstraint(
                fields=["meeting", "contextual_item"],
                condition=models.Q(contextual_item__isnull=False),
                name="contextual_item_once_per_agenda",
            ),
        ]

    def __str__(self) -> str:
        return f"Item {self.position} of {self.meeting_id}"


class RemovalReason(models.TextChoices):
    RISK_REDUCED = "risk_reduced", "Risk reduced"
    MOVED_AWAY = "moved_away", "Moved away"
    TURNED_18 = "turned_18", "Turned 18"
    INTERVENTIONS_COMPLETED = "interventions_completed", "Interventions and disruption completed"
    OTHER = "other", "Other"


class AgendaRemoval(AppendOnlyModel):
    """The MEG's recorded decision to take a child off its agenda. Append-only."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="removals")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="agenda_removals")
    reason = models.CharField(max_length=30, choices=RemovalReason.choices)
    note = models.TextField(blank=True)
    decided_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.child_id} off the agenda of {self.meeting_id}: {self.reason}"
