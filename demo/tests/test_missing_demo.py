"""The demo's newest missing episode in each area goes through the services, as a social worker records it."""

import pytest

from accounts.models import Area
from children.models import ChronologyEntry, ChronologyKind, MissingEpisode
from demo.generator.missing import missing_demo_generate


@pytest.mark.django_db
def test_the_social_worker_records_last_nights_episode_and_its_interview_is_to_do(partnership):
    worker = partnership["socialworker.nfd"]
    area = Area.objects.get(code__iexact="nfd")
    before = MissingEpisode.objects.count()
    assert missing_demo_generate(area=area)["missing episodes recorded through the services"] == 1
    assert MissingEpisode.objects.count() == before + 1
    episode = MissingEpisode.objects.order_by("-pk").first()
    assert episode is not None
    assert episode.recorded_by == worker
    assert episode.ended_at is not None
    assert episode.where_found == "Bus station, town centre"
    assert episode.return_interview_completed_at is None
    lines = ChronologyEntry.objects.filter(child=episode.child, kind=ChronologyKind.MISSING_EPISODE, recorded_by=worker)
    assert lines.count() == 2  # reported missing; came back
