"""A referral: any professional's concern about a child, known or new, sent to a front door (seed 001:
"a CSE screening tool in place for all agencies to use when they have concerns").

It names the child only as the referrer knows them. The front door matches it to a child record, an
existing one or a new one, and the match makes the contact that the front door screens (decision 0031).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Agency, Team
from children.models import Gender
from frontdoor.models.contact import Contact


class Referral(models.Model):
    reference = models.CharField(max_length=30, unique=True)
    front_door = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="referrals", help_text="The front door it was sent to."
    )
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referrer_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    referred_at = models.DateTimeField(default=timezone.now)

    # The child, as the referrer knows them: none of it is checked against the child records.
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    known_as = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    age_estimate = models.PositiveSmallIntegerField(null=True, blank=True, help_text="When the date is not known.")
    gender = models.CharField(max_length=20, choices=Gender.choices, default=Gender.NOT_KNOWN)
    school = models.CharField(max_length=150, blank=True)
    address = models.TextField(blank=True, help_text="Address or postcode, as written.")
    description = models.TextField(blank=True, help_text="Anything else that would identify the child.")

    concern = models.TextField(help_text="The concern in the referrer's own words.")
    warning_signs = models.JSONField(default=list, blank=True)
    immediate_risk = models.BooleanField()
    other_children = models.TextField(blank=True, help_text="Other children who may be involved, as written.")

    # The front door's handling: set once, by referral_match, with the contact it made.
    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="referral")
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    matched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-referred_at", "-id"]
        indexes = [
            # The front door's referrals to match: few, however many have been matched.
            models.Index(
                fields=["front_door", "referred_at"],
                condition=models.Q(contact__isnull=True),
                name="referral_to_match",
            ),
            models.Index(fields=["referred_by", "referred_at"], name="referral_by_referrer"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contact__isnull=True, matched_by__isnull=True, matched_at__isnull=True)
                | models.Q(contact__isnull=False, matched_by__isnull=False, matched_at__isnull=False),
                name="referral_matched_whole",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_matched(self) -> bool:
        return self.contact_id is not None

    @property
    def child_description(self) -> str:
        """The child as the referrer named them, for lists."""
        name = " ".join(part for part in (self.first_name, self.last_name) if part)
        if self.known_as:
            name = f"{name} (known as {self.known_as})" if name else f"Known as {self.known_as}"
        return name or "Name not known"
