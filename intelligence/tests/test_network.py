"""The network rule (pure): links from shared submissions, groups, who links most, hot spots."""

import datetime as dt

from intelligence.network import Network, Node, Sighting

T0 = dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC)


def node(key: str, kind: str) -> Node:
    return Node(key=key, kind=kind, label=key)


NODES = [
    node("p:dean", "person"),
    node("p:kai", "person"),
    node("p:lone", "person"),
    node("v:ab12cde", "vehicle"),
    node("l:park", "location"),
    node("l:takeaway", "location"),
    node("c:amy", "child"),
    node("c:beth", "child"),
]


def sighting(reference: str, *keys: str, days: int = 0) -> Sighting:
    return Sighting(reference=reference, received_at=T0 + dt.timedelta(days=days), grading="", node_keys=keys)


SIGHTINGS = [
    sighting("R1", "p:dean", "v:ab12cde", "l:park", "c:amy"),
    sighting("R2", "p:dean", "l:park", "c:beth", days=3),
    sighting("R3", "p:kai", "v:ab12cde", "l:takeaway", days=5),
    sighting("R4", "l:takeaway", days=9),
]


def test_two_things_are_linked_when_one_submission_mentions_both_and_the_link_keeps_its_sources():
    network = Network(NODES, SIGHTINGS)
    link = network.links[("l:park", "p:dean")]
    assert [s.reference for s in link.sightings] == ["R1", "R2"]
    assert link.last_seen == T0 + dt.timedelta(days=3)
    assert ("p:dean", "p:kai") not in network.links


def test_groups_leave_out_what_nothing_links_to():
    groups = Network(NODES, SIGHTINGS).groups()
    assert len(groups) == 1
    assert {n.key for n in groups[0]} == {n.key for n in NODES} - {"p:lone"}


def test_the_vehicle_that_joins_two_groups_links_most():
    ranked = Network(NODES, SIGHTINGS).who_links_most(limit=3)
    assert ranked[0].node.key == "v:ab12cde"
    assert all(item.score > 0 for item in ranked)


def test_hot_spots_rank_places_by_children_then_reports():
    spots = Network(NODES, SIGHTINGS).hot_spots()
    assert [(s.node.key, s.children, s.reports) for s in spots] == [("l:park", 2, 2), ("l:takeaway", 0, 2)]
    assert spots[1].last_seen == T0 + dt.timedelta(days=9)


def test_a_neighbourhood_holds_what_is_within_the_hops():
    near = Network(NODES, SIGHTINGS).neighbourhood("p:kai", hops=1)
    assert set(near.nodes) == {"p:kai", "v:ab12cde", "l:takeaway"}
    assert Network(NODES, SIGHTINGS).neighbourhood("missing").nodes == {}
