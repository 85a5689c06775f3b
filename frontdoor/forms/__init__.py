"""Forms for the front door's pages, a module for each family of pages. They parse input; the services decide and
save. The forms are named here as well, so that `from frontdoor.forms import ContactForm` reads as it always has."""

from frontdoor.forms.caseload import CaseloadFilterForm
from frontdoor.forms.common import YES_NO, YES_NO_NOT_KNOWN, NewChildFieldsMixin
from frontdoor.forms.contacts import ContactCloseForm, ContactForm, FrontDoorReferralForm, LinkedChildForm
from frontdoor.forms.referrals import ReferralMakeForm, ReferralMatchForm
from frontdoor.forms.screenings import AssessmentForm, ConfirmLevelForm, ScreeningForm
from frontdoor.forms.tasks import TaskCancelForm, TaskCompleteForm

__all__ = [
    "YES_NO",
    "YES_NO_NOT_KNOWN",
    "AssessmentForm",
    "CaseloadFilterForm",
    "ConfirmLevelForm",
    "ContactCloseForm",
    "ContactForm",
    "FrontDoorReferralForm",
    "LinkedChildForm",
    "NewChildFieldsMixin",
    "ReferralMakeForm",
    "ReferralMatchForm",
    "ScreeningForm",
    "TaskCancelForm",
    "TaskCompleteForm",
]
