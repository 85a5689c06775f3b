"""A long worklist is sorted and cut in the database: past the limit, the most urgent tasks are the
ones shown, and the page and the API say how many there are in all (issue 10: an overdue task was
left off once a worker had 200 open tasks)."""

import datetime as dt

from django.utils import timezone

from children.access import child_visible_queryset
from frontdoor.models import Task, TaskStatus
from frontdoor.routing import Owner, TaskCode
from frontdoor.selectors.tasks import WORKLIST_LIMIT


def test_an_overdue_task_made_after_many_others_is_still_on_the_worklist(partnership, signed_in):
    worker = partnership["socialworker.nfd"]
    team = worker.teams.get()
    child = child_visible_queryset(worker).order_by("reference").first()
    assert child is not None
    later = timezone.now() + dt.timedelta(days=30)
    Task.objects.bulk_create(
        Task(
            child=child,
            code=TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING,
            owner=Owner.TEAM_MANAGER,
            team=team,
            status=TaskStatus.OPEN,
            reason=f"Routine task {number}.",
            due_at=later + dt.timedelta(minutes=number),
        )
        for number in range(WORKLIST_LIMIT + 25)
    )
    # Tasks with no due time (first in the table's order on SQLite) and tasks waiting for a finding that
    # were due before the overdue one (first on PostgreSQL): neither may push the overdue task off.
    Task.objects.bulk_create(
        Task(
            child=child,
            code=TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING,
            owner=Owner.TEAM_MANAGER,
            team=team,
            status=status,
            reason=f"Background task {number}.",
            due_at=None if status == TaskStatus.OPEN else timezone.now() - dt.timedelta(days=2),
        )
        for number in range(WORKLIST_LIMIT + 25)
        for status in (TaskStatus.OPEN, TaskStatus.WAITING)
    )
    urgent = Task.objects.create(
        child=child,
        code=TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING,
        owner=Owner.TEAM_MANAGER,
        team=team,
        status=TaskStatus.OPEN,
        reason="Overdue: the strategy discussion was due yesterday.",
        due_at=timezone.now() - dt.timedelta(days=1),
    )
    soonest = Task.objects.filter(team=team, reason="Routine task 0.").get()
    last = Task.objects.filter(team=team, reason=f"Routine task {WORKLIST_LIMIT + 24}.").get()
    web = signed_in(worker)
    page = web.get("/tasks/").content.decode()
    assert f'href="/tasks/{urgent.pk}/"' in page
    assert f'href="/tasks/{soonest.pk}/"' in page
    assert f'href="/tasks/{last.pk}/"' not in page  # the least urgent are the ones left off
    total = Task.objects.filter(team=team, status=TaskStatus.OPEN).exclude(pk=urgent.pk).count()
    assert f"Showing the {WORKLIST_LIMIT} due soonest of {total}." in page
    answer = web.get("/api/v1/tasks/").json()
    assert [task["id"] for task in answer["overdue"]] == [urgent.pk]
    assert len(answer["open"]) == WORKLIST_LIMIT
    assert answer["totals"] == {"overdue": 1, "open": total, "waiting": WORKLIST_LIMIT + 25, "to_screen": 0}
