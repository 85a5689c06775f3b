"""The chart around one thing is read from the database a hop at a time (network_near_load), not from
the whole network: on a network small enough to read whole, it draws exactly what the whole network's
neighbourhood does, and it says when it was cut."""

import datetime as dt

import pytest
from django.utils import timezone

from children.models import Child
from intelligence.inputs import LocationInput, PersonInput, SubmissionInput, VehicleInput
from intelligence.models import Submission
from intelligence.network import Network
from intelligence.selectors.network import network_load, network_near_load
from intelligence.services.grading import submission_grade
from intelligence.services.submissions import submission_record

pytestmark = pytest.mark.django_db


def _drawn(network: Network) -> tuple[set[str], dict[tuple[str, str], list[str]]]:
    """What a chart draws: its things, and each link with the references of the reports that make it."""
    links = {pair: sorted(sighting.reference for sighting in link.sightings) for pair, link in network.links.items()}
    return set(network.nodes), links


@pytest.fixture
def chain(partnership):
    """A chain of reports longer than two hops, with a branch and a loop: a child, a man not yet linked,
    cars, places, a phone, and a second child three links from the first car."""
    first, second = Child.objects.order_by("reference")[:2]
    reports = [
        SubmissionInput(
            source="professional",
            narrative="Seen getting into a car.",
            children=[first.id],
            persons=[PersonInput(name="Dean Example", phones=["07700 900123"])],
            vehicles=[VehicleInput(registration="AB12 CDE")],
        ),
        SubmissionInput(
            source="community",
            narrative="The car at the park.",
            vehicles=[VehicleInput(registration="AB12CDE")],
            locations=[LocationInput(name="Play park", postcode="NF1 2AB", kind="park")],
        ),
        SubmissionInput(
            source="community",
            narrative="A dark car, plate starting AB1, at the takeaway and the park.",
            vehicles=[VehicleInput(registration="AB1? C*"), VehicleInput(registration="XY99 ZZZ")],
            locations=[
                LocationInput(name="Play park", postcode="NF1 2AB", kind="park"),
                LocationInput(name="Takeaway", postcode="NF2 3CD", kind="takeaway"),
            ],
        ),
        SubmissionInput(
            source="professional",
            narrative="Phone number given at the takeaway.",
            children=[second.id],
            persons=[PersonInput(name="Jay Other", phones=["07700 900999"])],
            locations=[LocationInput(name="Takeaway", postcode="NF2 3CD", kind="takeaway")],
        ),
        SubmissionInput(
            source="professional",
            narrative="The first child and the same phone.",
            children=[first.id],
            persons=[PersonInput(name="Dean Example", phones=["07700 900123"])],
        ),
    ]
    start = timezone.now() - dt.timedelta(days=10)
    for day, data in enumerate(reports):
        submission, _ = submission_record(data=data)
        Submission.objects.filter(pk=submission.pk).update(received_at=start + dt.timedelta(days=day))
    return network_load()


def test_the_chart_read_a_hop_at_a_time_is_the_whole_networks_neighbourhood(chain):
    assert len(chain.nodes) >= 10
    assert any(len(chain.neighbourhood(key, hops=3).nodes) > len(chain.neighbourhood(key).nodes) for key in chain.nodes)
    assert any(len(chain.neighbourhood(key).nodes) > 4 for key in chain.nodes)  # so that a limit of 4 cuts
    for key in chain.nodes:
        for hops, limit in ((2, 150), (1, 150), (2, 4), (3, 150)):
            near = network_near_load([key], hops=hops, limit=limit)
            assert _drawn(near.network) == _drawn(chain.neighbourhood(key, hops=hops, limit=limit)), (key, hops, limit)
            within = chain.neighbourhood(key, hops=hops, limit=10_000)
            assert near.cut == (len(within.nodes) > limit), (key, hops, limit)


def test_a_chart_says_it_was_cut_when_it_read_only_the_most_recent_reports(chain):
    park = next(key for key, node in chain.nodes.items() if node.label.startswith("Play park"))
    whole = network_near_load([park])
    assert not whole.cut
    newest = network_near_load([park], reports_per_hop=1)
    assert newest.cut
    assert set(newest.network.nodes) < set(whole.network.nodes)


def test_the_shareable_chart_read_a_hop_at_a_time_is_the_shareable_networks(chain, partnership):
    for submission in Submission.objects.order_by("received_at")[1:4]:
        submission_grade(
            submission=submission,
            by=partnership["intel"],
            source_evaluation="2",
            intelligence_assessment="B",
            handling_code="P",
            handling_conditions="",
            outcome="intelligence_log",
            sanitised_summary="Seen together.",
        )
    shareable = network_load(shareable_only=True)
    assert shareable.links
    for key in chain.nodes:
        near = network_near_load([key], hops=2, limit=150, shareable_only=True)
        assert _drawn(near.network) == _drawn(shareable.neighbourhood(key, hops=2, limit=150)), key
    keys = sorted(shareable.nodes)[:2]
    near = network_near_load(keys, hops=1, limit=5, shareable_only=True)
    assert _drawn(near.network) == _drawn(shareable.around(keys, hops=1, limit=5))


def test_the_chart_page_says_when_it_shows_only_the_nearest(signed_in, partnership, chain, monkeypatch):
    car = next(key for key, node in chain.nodes.items() if node.label.startswith("AB12"))
    url = f"/intelligence/network/entities/{car.split(':')[1]}/"
    client = signed_in(partnership["intel"])
    assert "than one chart shows" not in client.get(url).content.decode()
    monkeypatch.setattr("intelligence.selectors.network.NEIGHBOURHOOD_LIMIT", 2)
    page = client.get(url).content.decode()
    assert "than one chart shows" in page
    assert "In the chart (2)" in page
