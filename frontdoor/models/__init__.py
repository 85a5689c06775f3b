from frontdoor.models.contact import (
    WAITING_TO_BE_SCREENED,
    Contact,
    ContactLinkedChild,
    Involvement,
    ReporterRelationship,
)
from frontdoor.models.contact_closure import ContactClosure, ContactClosureReason
from frontdoor.models.referral import Referral
from frontdoor.models.review_reminder import ReviewReminder
from frontdoor.models.screening import Screening
from frontdoor.models.task import EarlyHelpSupportPeriod, Task, TaskReminder, TaskStatus

__all__ = [
    "WAITING_TO_BE_SCREENED",
    "Contact",
    "ContactClosure",
    "ContactClosureReason",
    "ContactLinkedChild",
    "EarlyHelpSupportPeriod",
    "Involvement",
    "Referral",
    "ReporterRelationship",
    "ReviewReminder",
    "Screening",
    "Task",
    "TaskReminder",
    "TaskStatus",
]
