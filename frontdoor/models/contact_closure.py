"""A contact the front door closes without a CSE screening, because the person it is about is 18 or over
(decision 0039): passed to a service for adults, or no further action, with who closed it, when and why."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Agency


class ContactClosureReason(models.TextChoices):
    ADULT_SAFEGUARDING = "adult_safeguarding", "Passed to adult social care or adult safeguarding"
    LEAVING_CARE = "leaving_care", "Passed to the leaving care service"
    OTHER_SERVICE = "other_service", "Passed to another service or agency"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


class ContactClosure(models.Model):
    contact = models.OneToOneField("frontdoor.Contact", on_delete=models.PROTECT, related_name="closure")
    closed_at = models.DateTimeField(default=timezone.now)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=30, choices=ContactClosureReason.choices)
    passed_to_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="A partner agency."
    )
    passed_to_organisation = models.CharField(
        max_length=150, blank=True, help_text="When the service it was passed to is not a partner agency."
    )
    note = models.TextField(help_text="Why it was closed, and what was agreed with whom.")
    age_years = models.PositiveSmallIntegerField(help_text="The age the closure relied on: 18 or over.")
    age_estimated = models.BooleanField(
        default=False, help_text="True when the date of birth is not known and the age is the screener's estimate."
    )

    def __str__(self) -> str:
        return f"Closure of {self.contact}"

    @property
    def passed_to(self) -> str:
        """The agency or organisation it was passed to, by name; empty for no further action."""
        return self.passed_to_agency.name if self.passed_to_agency else self.passed_to_organisation
