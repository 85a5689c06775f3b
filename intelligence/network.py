"""The network of people, vehicles, places, phones, online accounts and children (issue 5, item 6), as a
rustworkx graph (DESIGN.md: rustworkx supersedes networkx). Pure: it takes plain nodes and the
submissions that mention them together, and answers connected groups, who links most, hot spots and
neighbourhoods. Two things are linked when one submission mentions both; each link keeps the
references of the submissions that make it, so that every line on a chart can be traced to a source.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

import rustworkx as rx

CHILD = "child"
LOCATION = "location"


@dataclass(frozen=True)
class Node:
    key: str  # "entity:12" or "child:<uuid>"
    kind: str  # an EntityKind value, or "child"
    label: str


@dataclass(frozen=True)
class Sighting:
    """One submission and the nodes it mentions together."""

    reference: str
    received_at: dt.datetime
    grading: str  # e.g. "2B P", or "" when not graded
    node_keys: tuple[str, ...]


@dataclass
class Link:
    a: str
    b: str
    sightings: list[Sighting] = field(default_factory=list)

    @property
    def last_seen(self) -> dt.datetime:
        return max(sighting.received_at for sighting in self.sightings)


@dataclass(frozen=True)
class HotSpot:
    node: Node
    children: int  # distinct children linked to the place
    reports: int  # distinct submissions that mention the place
    last_seen: dt.datetime


@dataclass(frozen=True)
class Ranked:
    node: Node
    score: float


class Network:
    def __init__(self, nodes: Iterable[Node], sightings: Iterable[Sighting]) -> None:
        self.graph: rx.PyGraph = rx.PyGraph(multigraph=False)
        self.nodes: dict[str, Node] = {}
        self._index: dict[str, int] = {}
        for node in nodes:
            self._index[node.key] = self.graph.add_node(node.key)
            self.nodes[node.key] = node
        self.links: dict[tuple[str, str], Link] = {}
        self.sightings_of: dict[str, list[Sighting]] = defaultdict(list)
        for sighting in sightings:
            keys = sorted({key for key in sighting.node_keys if key in self._index})
            for key in keys:
                self.sightings_of[key].append(sighting)
            for a, b in combinations(keys, 2):
                link = self.links.get((a, b))
                if link is None:
                    link = self.links[(a, b)] = Link(a=a, b=b)
                    self.graph.add_edge(self._index[a], self._index[b], (a, b))
                link.sightings.append(sighting)

    def groups(self) -> list[list[Node]]:
        """Connected groups of two or more, largest first."""
        components = [sorted(self.graph[i] for i in component) for component in rx.connected_components(self.graph)]
        groups = [[self.nodes[key] for key in keys] for keys in components if len(keys) > 1]
        return sorted(groups, key=lambda group: (-len(group), group[0].key))

    def who_links_most(self, *, limit: int = 10) -> list[Ranked]:
        """Betweenness centrality: the nodes that most often stand between two others, so that removing
        them would split a network (the people and places that connect groups)."""
        centrality = rx.betweenness_centrality(self.graph, normalized=True)
        ranked = [Ranked(node=self.nodes[self.graph[index]], score=float(score)) for index, score in centrality.items()]
        ranked = [item for item in ranked if item.score > 0]
        return sorted(ranked, key=lambda item: (-item.score, item.node.key))[:limit]

    def hot_spots(self, *, limit: int = 10) -> list[HotSpot]:
        """Places where several children or reports meet: by the number of distinct children linked to
        the place, then of reports, then the most recent."""
        spots = []
        for key, node in self.nodes.items():
            if node.kind != LOCATION or not self.sightings_of[key]:
                continue
            neighbours = [self.graph[i] for i in self.graph.neighbors(self._index[key])]
            children = sum(1 for neighbour in neighbours if self.nodes[neighbour].kind == CHILD)
            sightings = self.sightings_of[key]
            spots.append(
                HotSpot(
                    node=node,
                    children=children,
                    reports=len({sighting.reference for sighting in sightings}),
                    last_seen=max(sighting.received_at for sighting in sightings),
                )
            )
        spots.sort(key=lambda spot: (-spot.children, -spot.reports, -spot.last_seen.timestamp(), spot.node.key))
        return spots[:limit]

    def neighbourhood(self, key: str, *, hops: int = 2, limit: int = 150) -> "Network":
        """The part of the network within `hops` links of one node, nearest first, at most `limit` nodes."""
        return self.around([key], hops=hops, limit=limit)

    def around(self, keys: Iterable[str], *, hops: int, limit: int) -> "Network":
        """The part of the network within `hops` links of any of `keys` (a node's distance is its smallest
        to any key), with the sightings of what is kept. The keys are always kept (those not in the network
        are ignored), even when there are more of them than `limit`; the rest fill up to `limit` nodes,
        nearest first, then by key."""
        starts = sorted({key for key in keys if key in self._index})
        distance = dict.fromkeys(starts, 0)
        frontier = starts
        for hop in range(1, hops + 1):  # breadth first from all the keys at once
            if not frontier:
                break
            reached = {self.graph[i] for key in frontier for i in self.graph.neighbors(self._index[key])}
            frontier = sorted(reached - distance.keys())
            distance.update(dict.fromkeys(frontier, hop))
        near = sorted((length, key) for key, length in distance.items() if length > 0)
        keep = set(starts) | {key for _, key in near[: max(limit - len(starts), 0)]}
        sightings = {sighting.reference: sighting for key in keep for sighting in self.sightings_of.get(key, [])}
        return Network([self.nodes[key] for key in sorted(keep)], sightings.values())
