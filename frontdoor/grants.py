"""The child gate's grant that rests on front door tasks (children/access.py NEED_TO_KNOW)."""

from django.db.models import Q

from accounts.models import User
from accounts.standing import Standing
from frontdoor.models import Task, TaskStatus


def open_task_grant(user: User, standing: Standing) -> Q | None:
    """Members, in a case role, of a team that has a task to do for the child now: a routing
    decision gave their team work on the case before it was transferred to them."""
    if not standing.case_team_ids:
        return None
    return Q(id__in=Task.objects.filter(team_id__in=standing.case_team_ids, status=TaskStatus.OPEN).values("child_id"))
