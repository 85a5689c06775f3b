"""Mentions and entities. Every person, vehicle, place, phone or online account a submission names is a
mention; mentions resolve to entities: by exact key for vehicles (normalised registration), phones
(E.164), online accounts (platform and case-folded handle) and places (postcode and number, or venue
name); by probabilistic linkage (Splink) for people, with an analyst's decisions kept and respected."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.append_only import AppendOnlyModel
from intelligence.models.submission import Submission


class EntityKind(models.TextChoices):
    PERSON = "person", "Person"
    VEHICLE = "vehicle", "Vehicle"
    LOCATION = "location", "Place"
    PHONE = "phone", "Phone"
    ONLINE_ACCOUNT = "online_account", "Online account"


class Entity(models.Model):
    kind = models.CharField(max_length=20, choices=EntityKind.choices)
    key = models.CharField(
        max_length=200, blank=True, help_text="The exact resolution key; empty for people, resolved by linkage."
    )
    label = models.CharField(max_length=200, help_text="How the entity is shown: a registration, a name.")
    attributes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "entities"
        ordering = ["kind", "label", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], condition=~models.Q(key=""), name="entity_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"


class MentionQuerySet(models.QuerySet["Mention"]):
    def bulk_create(self, objs: Iterable["Mention"], *args: Any, **kwargs: Any) -> list["Mention"]:
        """Each mention with its anchors, as `Mention.save` gives them: a bulk path cannot leave a
        partial registration that search would not find."""
        mentions = list(objs)
        for mention in mentions:
            mention.anchors_fill()
        return super().bulk_create(mentions, *args, **kwargs)


class Mention(models.Model):
    """One thing a submission names, as given (`attributes`), with its normalised key and the entity it
    resolved to. A partial registration is searchable but resolves to no entity on its own; its anchors
    let search find it through an index."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="mentions")
    kind = models.CharField(max_length=20, choices=EntityKind.choices)
    position = models.PositiveSmallIntegerField(default=0)
    attributes = models.JSONField(default=dict)
    key = models.CharField(max_length=200, blank=True, help_text="Normalised: 'AB12CDE', '+447700900123'.")
    partial = models.BooleanField(default=False, help_text="A registration with characters unknown.")
    search_text = models.CharField(max_length=300, blank=True, help_text="Lower-case text searched by name.")
    entity = models.ForeignKey(Entity, on_delete=models.SET_NULL, null=True, blank=True, related_name="mentions")
    # A partial registration's anchors (normalise.registration_anchors), which search looks up through
    # indexes (migration 0003), filled whenever a mention is saved or bulk created. Null, not empty,
    # for every other mention: null is "not a partial registration" and empty "no such anchor" (which
    # fits every search), and the planner's statistics are then those of partial registrations alone.
    anchor_run = models.CharField(  # noqa: DJ001
        max_length=200, null=True, blank=True, help_text="Longest run of known characters: 'V8N'."
    )
    anchor_start = models.CharField(  # noqa: DJ001
        max_length=200, null=True, blank=True, help_text="The start to its first run: '?X7'."
    )
    anchor_end = models.CharField(  # noqa: DJ001
        max_length=200, null=True, blank=True, help_text="The end to its last run, reversed."
    )

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["submission", "kind", "position", "id"]
        indexes = [
            models.Index(fields=["kind", "key"], name="mention_kind_key"),
            models.Index(fields=["search_text"], name="mention_search_text"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(partial=False)
                | models.Q(anchor_run__isnull=False, anchor_start__isnull=False, anchor_end__isnull=False),
                name="mention_partial_has_anchors",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in {self.submission_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.anchors_fill()
        super().save(*args, **kwargs)

    def anchors_fill(self) -> None:
        """The anchors of its key if it is a partial registration, else none."""
        from intelligence.normalise import mention_anchors  # normalise reads EntityKind from here

        anchors = mention_anchors(self.kind, self.key) if self.partial else None
        self.anchor_run, self.anchor_start, self.anchor_end = (
            (anchors.run, anchors.start, anchors.end) if anchors else (None, None, None)
        )


class MatchStatus(models.TextChoices):
    LINKED = "linked", "Linked automatically"
    REVIEW = "review", "Waiting for an analyst"
    CONFIRMED = "confirmed", "Confirmed by an analyst"
    REJECTED = "rejected", "Rejected by an analyst"


class MatchCandidate(models.Model):
    """A suggested match between two person mentions, with Splink's probability. Above the threshold it
    links automatically; in the grey zone it waits for an analyst."""

    left = models.ForeignKey(Mention, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Mention, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField()
    status = models.CharField(max_length=20, choices=MatchStatus.choices)
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-probability", "id"]
        constraints = [
            models.UniqueConstraint(fields=["left", "right"], name="match_candidate_once"),
            models.CheckConstraint(condition=models.Q(left__lt=models.F("right")), name="match_candidate_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.left_id} ~ {self.right_id} ({self.probability:.2f})"


class MatchDecision(AppendOnlyModel):
    """An analyst's decision on a pair of person mentions. Every later run respects the latest one."""

    left = models.ForeignKey(Mention, on_delete=models.PROTECT, related_name="+")
    right = models.ForeignKey(Mention, on_delete=models.PROTECT, related_name="+")
    same_person = models.BooleanField()
    note = models.TextField(blank=True)
    decided_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(left__lt=models.F("right")), name="match_decision_ordered")
        ]

    def __str__(self) -> str:
        return f"{self.left_id} {'=' if self.same_person else '!='} {self.right_id}"
