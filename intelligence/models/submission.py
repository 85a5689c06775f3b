"""A submission: one information sharing form from a professional, or one community report from a
member of the public, with the children it concerns."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Agency, Area
from children.models import Child


class SubmissionSource(models.TextChoices):
    PROFESSIONAL = "professional", "Professional (information sharing form)"
    COMMUNITY = "community", "Member of the public (community report)"


class SubmissionStatus(models.TextChoices):
    NEW = "new", "New: waiting to be graded"
    GRADED = "graded", "Graded"


class Knowledge(models.TextChoices):
    """How the submitter knows what they report (rule 13: every record keeps its source)."""

    SEEN_OR_HEARD = "seen_or_heard", "I saw or heard it myself"
    TOLD_BY_CHILD = "told_by_child", "A child or young person told me"
    TOLD_BY_SOMEONE_ELSE = "told_by_someone_else", "Someone else told me"
    RUMOUR = "rumour", "It may be rumour"
    NOT_SAID = "not_said", "Not said"


class LocationKind(models.TextChoices):
    """Where it happens (seed 004), as the form offers it."""

    PARK = "park", "Park"
    SHOPPING_CENTRE = "shopping_centre", "Shopping centre"
    TAXI_RANK = "taxi_rank", "Taxi rank"
    BUS_STOP = "bus_stop", "Bus stop"
    PUB = "pub", "Pub"
    BAR = "bar", "Bar"
    CLUB = "club", "Club"
    RESTAURANT = "restaurant", "Restaurant"
    TAKEAWAY = "takeaway", "Takeaway"
    GYM = "gym", "Gym"
    LEISURE_CENTRE = "leisure_centre", "Leisure centre"
    HOTEL = "hotel", "Hotel"
    HOSTEL = "hostel", "Hostel"
    HOUSE = "house", "House or flat"
    ONLINE = "online", "Online"
    OTHER = "other", "Somewhere else"


class Submission(models.Model):
    reference = models.CharField(max_length=40, unique=True)
    source = models.CharField(max_length=20, choices=SubmissionSource.choices)
    received_at = models.DateTimeField(default=timezone.now)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    narrative = models.TextField(help_text="What was seen or heard, in the submitter's words.")
    knowledge = models.CharField(max_length=30, choices=Knowledge.choices, default=Knowledge.NOT_SAID)
    knowledge_detail = models.TextField(blank=True)
    occurred_from = models.DateTimeField(null=True, blank=True)
    occurred_to = models.DateTimeField(null=True, blank=True)
    occurred_text = models.CharField(max_length=200, blank=True, help_text="When, in words: 'most Friday nights'.")
    children_text = models.TextField(blank=True, help_text="Children described but not identified.")
    urgent = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.NEW)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    reporter_identity = models.BinaryField(
        blank=True, default=b"", help_text="Encrypted (core/crypto.py); shown only to police intelligence."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            # the queue's order (urgent first, then oldest), so that any page of it is read from the index
            models.Index(fields=["status", "-urgent", "received_at", "id"], name="submission_queue_order"),
            # the most recent reports first: the network overview's window, a chart's newest reports
            models.Index(fields=["received_at", "id"], name="submission_received"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(occurred_to__isnull=True)
                | models.Q(occurred_from__isnull=True)
                | models.Q(occurred_to__gte=models.F("occurred_from")),
                name="submission_occurred_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.reference


class SubmissionChild(models.Model):
    """A child on CSE Hub that a submission concerns."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="children")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="intelligence_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "child"], name="submission_child_once")]

    def __str__(self) -> str:
        return f"{self.submission_id} concerns {self.child_id}"
