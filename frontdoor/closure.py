"""What the front door's records say against closing a child's case (children/closure.py)."""

from children.models import Child
from frontdoor.models import Contact, Task, TaskStatus

STILL_TO_DO = (TaskStatus.OPEN, TaskStatus.WAITING)


def front_door_refusals(child: Child) -> list[str]:
    refusals = []
    tasks = list(Task.objects.filter(child=child, status__in=STILL_TO_DO).select_related("team").order_by("id"))
    if tasks:
        named = "; ".join(f"{task.title} ({task.team.name if task.team else 'assigned'})" for task in tasks)
        refusals.append(
            f"{len(tasks)} task{'s are' if len(tasks) > 1 else ' is'} still to do: {named}. "
            "Complete each task, or record it as not needed, first"
        )
    waiting = Contact.objects.filter(child=child, screened_at__isnull=True).count()
    if waiting:
        refusals.append(
            f"{waiting} contact{'s' if waiting > 1 else ''} about {child.first_name} "
            f"{'are' if waiting > 1 else 'is'} waiting to be screened by the front door"
        )
    return refusals
