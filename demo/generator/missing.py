"""Missing episodes recorded as practitioners record them: through the services, by the case-holding
social worker. The children's history of episodes is built in bulk with the children
(demo/generator/children.py), because it lies in the past (the services record what happens now, with
the time it is recorded) and the county builds it for 100,000 children; each area's newest episode,
last night's, goes through the services, so that the demo shows a return home interview to do."""

import datetime as dt
from collections import Counter

from django.utils import timezone

from accounts.models import Area, User
from children.access import child_visible_queryset, may_write_to_child
from children.inputs.missing import MissingEpisodeInput, MissingEpisodeReturnInput
from children.models import MissingEpisode, ReporterKind
from children.services.missing import missing_episode_record, missing_episode_return_record
from demo.generator.children import carer_reporting


def missing_demo_generate(*, area: Area) -> Counter[str]:
    """Last night's episode of one of the social worker's children: reported by the carer, back this morning."""
    counts: Counter[str] = Counter()
    worker = User.objects.filter(username=f"socialworker.{area.code.lower()}").first()
    if worker is None:
        return counts
    now = timezone.now().replace(second=0, microsecond=0)
    candidates = (
        child_visible_queryset(worker)
        .filter(responsible_authority=area)
        .exclude(id__in=MissingEpisode.objects.filter(ended_at__isnull=True).values("child_id"))
        .exclude(id__in=MissingEpisode.objects.filter(started_at__gte=now - dt.timedelta(days=2)).values("child_id"))
        .order_by("reference")
    )
    child = next((child for child in candidates if may_write_to_child(worker, child)), None)
    if child is None:
        return counts
    episode = missing_episode_record(
        actor=worker,
        child_id=child.id,
        data=MissingEpisodeInput(
            started_at=now - dt.timedelta(hours=14),
            reported_by_kind=ReporterKind.FOSTER_OR_RESIDENTIAL_CARER
            if child.looked_after
            else ReporterKind.PARENT_OR_CARER,
            reported_by=carer_reporting(child),  # the same carer who reported the child before
        ),
    )
    missing_episode_return_record(
        actor=worker,
        episode_id=episode.pk,
        data=MissingEpisodeReturnInput(ended_at=now - dt.timedelta(hours=4), where_found="Bus station, town centre"),
    )
    counts["missing episodes recorded through the services"] += 1
    return counts
