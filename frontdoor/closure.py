"""What the front door's records say against closing a child's case (children/closure.py)."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from children.models import Child
from frontdoor.models import WAITING_TO_BE_SCREENED, Contact, Task, TaskStatus
from frontdoor.routing import Condition, TaskCode

STILL_TO_DO = (TaskStatus.OPEN, TaskStatus.WAITING)

# The standing referral back to the front door (decision 0028) waits for a new concern that may never
# come: it is not work still to do, and a new concern about a closed case goes to the front door as a
# contact anyway (decision 0024). Closing the case settles it (decision 0037).
STANDING_REFERRAL = Q(code=TaskCode.REFER_TO_FRONT_DOOR, status=TaskStatus.WAITING, condition=Condition.ANY_NEW_CONCERN)
SETTLED_BY_CLOSURE = (
    "Not needed: the case was closed with no new concern. A new concern goes to the front door as a contact."
)


def _standing_referrals(child: Child) -> QuerySet[Task]:
    return Task.objects.filter(STANDING_REFERRAL, child=child)


def front_door_case_closed(child: Child, by: User) -> None:
    """The case is closed (children/services/closure.py, in its transaction): the standing referral
    back to the front door is settled, with the reason."""
    _standing_referrals(child).update(
        status=TaskStatus.CANCELLED, completed_at=timezone.now(), completed_by=by, outcome_note=SETTLED_BY_CLOSURE
    )


def front_door_refusals(child: Child) -> list[str]:
    refusals = []
    tasks = list(
        Task.objects.filter(child=child, status__in=STILL_TO_DO)
        .exclude(STANDING_REFERRAL)
        .select_related("team")
        .order_by("id")
    )
    if tasks:
        named = "; ".join(f"{task.title} ({task.team.name if task.team else 'assigned'})" for task in tasks)
        refusals.append(
            f"{len(tasks)} task{'s are' if len(tasks) > 1 else ' is'} still to do: {named}. "
            "Complete each task, or record it as not needed, first"
        )
    waiting = Contact.objects.filter(WAITING_TO_BE_SCREENED, child=child).count()
    if waiting:
        refusals.append(
            f"{waiting} contact{'s' if waiting > 1 else ''} about {child.first_name} "
            f"{'are' if waiting > 1 else 'is'} waiting to be screened by the front door"
        )
    return refusals
