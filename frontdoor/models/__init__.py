from frontdoor.models.contact import Contact, ContactLinkedChild, Involvement, ReporterRelationship
from frontdoor.models.referral import Referral
from frontdoor.models.review_reminder import ReviewReminder
from frontdoor.models.screening import Screening
from frontdoor.models.task import EarlyHelpSupportPeriod, Task, TaskReminder, TaskStatus

__all__ = [
    "Contact",
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
