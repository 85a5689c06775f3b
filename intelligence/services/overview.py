"""The network overview worked out by the background worker (decision 0029).

`network_overview_refresh_request` asks for a run whenever what the overview shows may have changed (a
report stored or imported, people linked or unlinked): at most one run waits at a time, so a burst of
reports asks for one. The run reads the reports as they are when it starts, so a report stored while
it runs asks for the next one."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from intelligence.access import require_intelligence_officer
from intelligence.models import NetworkOverviewRun, OverviewStatus
from intelligence.network import Node
from intelligence.selectors.network import GROUP_NAMES_SHOWN, network_overview_compute

logger = logging.getLogger(__name__)

FAILED = "The overview could not be worked out; the previous one is shown. Tell your system administrator."


def _node(node: Node) -> dict[str, str]:
    return {"key": node.key, "kind": node.kind, "label": node.label}


def network_overview_refresh_request() -> NetworkOverviewRun:
    """A run of the overview, waiting for the worker: the one already waiting, or a new one. Joins the
    caller's transaction, so a report rolled back asks for nothing (the database backend stores the
    task as a row in the same transaction)."""
    from intelligence.tasks import network_overview_build  # the task module imports this one

    waiting = NetworkOverviewRun.objects.filter(status=OverviewStatus.QUEUED).first()
    if waiting is not None:
        return waiting
    try:
        with transaction.atomic():
            run = NetworkOverviewRun.objects.create()
            run.task_id = str(network_overview_build.enqueue(run_id=run.pk).id)
            run.save(update_fields=["task_id"])
    except IntegrityError:
        # Another request asked at the same moment: its run is the one waiting.
        return NetworkOverviewRun.objects.get(status=OverviewStatus.QUEUED)
    return run


def network_overview_refresh_ask(*, user: User) -> NetworkOverviewRun:
    """An intelligence officer asks for the overview to be worked out again now."""
    require_intelligence_officer(user)
    with transaction.atomic():
        return network_overview_refresh_request()


def network_overview_build_run(*, run_id: int) -> str:
    """Work out one run (the background task's work) and keep it, with the one before it removed.
    Returns the run's status."""
    with transaction.atomic():
        run = NetworkOverviewRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != OverviewStatus.QUEUED:
            return run.status if run else "gone"
        run.status, run.started_at = OverviewStatus.RUNNING, timezone.now()
        run.save(update_fields=["status", "started_at"])
    try:
        overview = network_overview_compute()
    except Exception:
        logger.exception("Working out the network overview failed (run %s)", run_id)
        NetworkOverviewRun.objects.filter(pk=run_id).update(
            status=OverviewStatus.FAILED, error=FAILED, finished_at=timezone.now()
        )
        return OverviewStatus.FAILED
    content = {
        "spots": [
            {
                **_node(spot.node),
                "children": spot.children,
                "reports": spot.reports,
                "last_seen": spot.last_seen.isoformat(),
            }
            for spot in overview.spots
        ],
        "linkers": [{**_node(item.node), "score": item.score} for item in overview.linkers],
        "groups": [
            {"size": len(group), "first": [_node(node) for node in group[:GROUP_NAMES_SHOWN]]}
            for group in overview.groups
        ],
    }
    with transaction.atomic():
        NetworkOverviewRun.objects.filter(pk=run_id).update(
            status=OverviewStatus.READY,
            finished_at=timezone.now(),
            reports=overview.window.reports,
            total=overview.window.total,
            since=overview.window.since,
            node_count=len(overview.network.nodes),
            link_count=len(overview.network.links),
            content=content,
        )
        # The latest overview is the only one kept: an older one is out of date, and still names children.
        finished = NetworkOverviewRun.objects.exclude(status__in=[OverviewStatus.QUEUED, OverviewStatus.RUNNING])
        finished.exclude(pk=run_id).delete()
    return OverviewStatus.READY
