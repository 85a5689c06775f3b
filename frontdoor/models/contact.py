"""A contact: a concern about a child received at the front door (seed 003, 2.2)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Agency
from children.models import Child
from frontdoor.concern_codes import GroomingStage, Setting
from frontdoor.routing import ADULT_AGE_YEARS


class ReporterRelationship(models.TextChoices):
    PROFESSIONAL = "professional", "Professional"
    PARENT_OR_CARER = "parent_or_carer", "Parent or carer"
    FAMILY_OR_FRIEND = "family_or_friend", "Other family member or friend"
    MEMBER_OF_PUBLIC = "member_of_public", "Member of the public"
    CHILD = "child", "The child or young person"
    ANONYMOUS = "anonymous", "Anonymous"


# A contact waits for the front door until its screening is decided, or until the front door closes it
# without one because the person it is about is 18 or over (decision 0039).
WAITING_TO_BE_SCREENED = models.Q(screened_at__isnull=True, closed_at__isnull=True)


class Contact(models.Model):
    reference = models.CharField(max_length=30, unique=True)
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="contacts")
    received_at = models.DateTimeField(help_text="When the front door received the concern.")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    reporter_name = models.CharField(max_length=150, blank=True)
    reporter_relationship = models.CharField(max_length=30, choices=ReporterRelationship.choices)
    reporter_role = models.CharField(max_length=150, blank=True, help_text="Job title, for professionals.")
    reporter_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reporter_organisation = models.CharField(max_length=150, blank=True, help_text="When not a partner agency.")
    reporter_phone = models.CharField(max_length=40, blank=True)
    reporter_email = models.EmailField(blank=True)

    concern = models.TextField(help_text="The concern in the reporter's own words.")
    immediate_risk = models.BooleanField()
    warning_signs = models.JSONField(default=list, blank=True)
    vulnerability_factors = models.JSONField(default=list, blank=True)
    grooming_models = models.JSONField(default=list, blank=True)
    grooming_stage = models.CharField(max_length=30, choices=GroomingStage.choices, blank=True)
    setting = models.CharField(max_length=20, choices=Setting.choices, default=Setting.NOT_KNOWN)
    platforms = models.JSONField(default=list, blank=True, help_text="Apps and sites named, as written.")
    screening_of = models.ForeignKey(
        "ContactLinkedChild",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="screening_contacts",
        help_text="Set when this contact screens a child named in another contact (rule 2).",
    )
    screened_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When its screening was decided: kept by screening_decide, so that the contacts still to "
        "screen are found by an index however many have been screened.",
    )
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the front door closed it without a screening, the person being 18 or over: kept by "
        "contact_close with its ContactClosure (decision 0039), for the same index as screened_at.",
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["received_at"], condition=WAITING_TO_BE_SCREENED, name="contact_to_screen")]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_about_an_adult(self) -> bool:
        """Whether the child's date of birth says 18 or over: the CSE procedure is for children under 18."""
        age = self.child.age_years
        return age is not None and age >= ADULT_AGE_YEARS


class Involvement(models.TextChoices):
    POSSIBLE_VICTIM = "possible_victim", "May also be a victim or at risk"
    POSSIBLE_PERPETRATOR = "possible_perpetrator", "May be a perpetrator"
    NOT_KNOWN = "not_known", "Not known"


class ContactLinkedChild(models.Model):
    """Another child who may be involved (rule 2): a child record of its own, to be screened in turn."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="linked_children")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="linked_in_contacts")
    involvement = models.CharField(max_length=30, choices=Involvement.choices)
    notes = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "child"], name="linked_child_once_per_contact"),
        ]

    def __str__(self) -> str:
        return f"{self.child} linked in {self.contact}"
