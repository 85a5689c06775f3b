"""A still picture of part of the network, laid out for an SVG (DESIGN.md: static charts as SVG).

The agenda pack is a PDF and no JavaScript runs in it, so the cytoscape link chart of the web pages cannot
appear there; a page may also want the picture without the script. This module places the nodes and links
of a (small) `Network` in a box: positions come from rustworkx's spring layout with a fixed seed, so the
same network always gives the same picture, scaled to leave room for the labels under the nodes and for a
legend along the bottom. Pure: no database and no Django models; the template
templates/intelligence/includes/network_image.html draws the result.
"""

from collections.abc import Mapping
from dataclasses import dataclass

import rustworkx as rx

from intelligence.network import Network

# The words of EntityKind's labels (and "Child"), in the legend's order. Not imported from the model so
# that this module stays pure.
KIND_LABELS: dict[str, str] = {
    "child": "Child",
    "person": "Person",
    "vehicle": "Vehicle",
    "location": "Place",
    "phone": "Phone",
    "online_account": "Online account",
}

LABEL_LIMIT = 28  # characters, "…" included
SEED = 20261101  # any fixed number: the same network gives the same picture
MARGIN_X = 84  # half of a label of LABEL_LIMIT characters at font-size 10
MARGIN_TOP = 16  # the largest shape's half height, and a little air
LABEL_SPACE = 28  # below the lowest node: the label under it
LEGEND_HEIGHT = 32  # the legend row along the bottom


@dataclass(frozen=True)
class ImageNode:
    key: str
    kind: str
    kind_label: str
    label: str
    x: float
    y: float


@dataclass(frozen=True)
class ImageLink:
    a: str
    b: str
    x1: float
    y1: float
    x2: float
    y2: float
    reports: int  # distinct submission references


@dataclass(frozen=True)
class NetworkImage:
    width: int
    height: int
    nodes: list[ImageNode]
    links: list[ImageLink]
    kinds: list[tuple[str, str]]  # (kind, kind_label) present in the image, in a fixed order, for the legend

    @property
    def legend_y(self) -> int:
        """The middle of the legend row."""
        return self.height - LEGEND_HEIGHT // 2


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind) or kind.replace("_", " ").capitalize()


def shorten(label: str) -> str:
    return label if len(label) <= LABEL_LIMIT else label[: LABEL_LIMIT - 1].rstrip() + "…"


def _scale(values: list[float], low: float, high: float, factor: float) -> list[float]:
    """Map values onto [low, high] with the given factor, centred."""
    middle = (min(values) + max(values)) / 2
    centre = (low + high) / 2
    return [round(centre + (value - middle) * factor, 1) for value in values]


def _layout(network: Network) -> dict[str, tuple[float, float]]:
    """rustworkx's spring layout. Nothing pulls separate groups (or a lone node) together, so they would
    drift apart and squeeze everything else into a corner: a hidden hub, linked to the best-linked node of
    each group, holds them near one another, and is not drawn."""
    graph = network.graph.copy()
    components = rx.connected_components(graph)
    if len(components) > 1:
        hub = graph.add_node(None)
        for centre in sorted(min(group, key=lambda i: (-graph.degree(i), graph[i])) for group in components):
            graph.add_edge(hub, centre, None)
    layout = rx.spring_layout(graph, seed=SEED, num_iter=100)
    return {graph[i]: (float(layout[i][0]), float(layout[i][1])) for i in network.graph.node_indices()}


def _positions(network: Network, width: int, height: int) -> dict[str, tuple[float, float]]:
    """Where each node goes: the layout, scaled by the same factor both ways (so that it keeps its shape)
    to fill the space the margins leave, and centred in it; a single node sits in the middle."""
    layout = _layout(network)
    keys = list(layout)
    xs = [layout[key][0] for key in keys]
    ys = [layout[key][1] for key in keys]
    left, right = MARGIN_X, width - MARGIN_X
    top, bottom = MARGIN_TOP, height - LEGEND_HEIGHT - LABEL_SPACE
    room = [(max(right - left, 0), max(xs) - min(xs)), (max(bottom - top, 0), max(ys) - min(ys))]
    factor = min((space / span for space, span in room if span > 1e-9), default=0.0)
    placed = zip(_scale(xs, left, right, factor), _scale(ys, top, bottom, factor), strict=True)
    return dict(zip(keys, placed, strict=True))


def network_image(
    network: Network, *, labels: Mapping[str, str] | None = None, width: int = 680, height: int = 440
) -> NetworkImage:
    """The picture of `network`; `labels` replaces the label of a node by its key (e.g. to hide the name
    of a child not on the agenda)."""
    if not network.nodes:
        return NetworkImage(width=width, height=height, nodes=[], links=[], kinds=[])
    labels = labels or {}
    position = _positions(network, width, height)
    nodes = [
        ImageNode(
            key=node.key,
            kind=node.kind,
            kind_label=kind_label(node.kind),
            label=shorten(labels.get(node.key, node.label)),
            x=position[node.key][0],
            y=position[node.key][1],
        )
        for node in sorted(network.nodes.values(), key=lambda node: node.key)
    ]
    links = [
        ImageLink(
            a=a,
            b=b,
            x1=position[a][0],
            y1=position[a][1],
            x2=position[b][0],
            y2=position[b][1],
            reports=len({sighting.reference for sighting in link.sightings}),
        )
        for (a, b), link in sorted(network.links.items())
    ]
    present = {node.kind for node in nodes}
    order = [kind for kind in KIND_LABELS if kind in present] + sorted(present - KIND_LABELS.keys())
    return NetworkImage(
        width=width, height=height, nodes=nodes, links=links, kinds=[(kind, kind_label(kind)) for kind in order]
    )
