"""The intelligence picture the MEG may see: the network around the children on an agenda, and around
what a contextual item is linked to, drawn only from submissions graded P (lawful sharing permitted),
because the agenda pack leaves the police and conditions set under C cannot travel with a PDF. Children
the reader may not see are on the picture but not named."""

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from accounts.models import User
from children.access import child_visible_queryset
from intelligence.network import Network
from intelligence.network_image import NetworkImage, network_image
from intelligence.selectors.network import child_ids_in, child_node_key, entity_node_key, network_load
from meetings.models import ContextualItemEntity

UNNAMED_CHILD = "A child not named here"
AGENDA_HOPS, AGENDA_LIMIT = 1, 60  # the children's own links: who and what was reported with them
ITEM_HOPS, ITEM_LIMIT = 2, 30  # an item's links, and what those link to


@dataclass(frozen=True)
class PictureLink:
    a: str
    b: str
    reports: int
    last_seen: dt.datetime
    grades: str  # the 3x5 grades of the reports that make the link, e.g. "1A, 2B"


@dataclass(frozen=True)
class NetworkPicture:
    image: NetworkImage
    links: list[PictureLink]
    named_child_ids: list[uuid.UUID]  # the children the picture names: the caller logs the read

    @property
    def is_empty(self) -> bool:
        return not self.image.nodes


def network_picture(network: Network, *, named: Collection[uuid.UUID]) -> NetworkPicture:
    in_picture = child_ids_in(network)
    labels = {child_node_key(child_id): UNNAMED_CHILD for child_id in in_picture if child_id not in named}
    named_child_ids = sorted(child_id for child_id in in_picture if child_id in named)

    def label(key: str) -> str:
        return labels.get(key, network.nodes[key].label)

    links = [
        PictureLink(
            a=label(a),
            b=label(b),
            reports=len({sighting.reference for sighting in link.sightings}),
            last_seen=link.last_seen,
            grades=", ".join(sorted({s.grading.split()[0] for s in link.sightings if s.grading})),
        )
        for (a, b), link in sorted(network.links.items())
    ]
    return NetworkPicture(image=network_image(network, labels=labels), links=links, named_child_ids=named_child_ids)


def _entity_keys_by_item(item_ids: Iterable[int]) -> dict[int, list[str]]:
    keys: dict[int, list[str]] = defaultdict(list)
    for item_id, entity_id in ContextualItemEntity.objects.filter(contextual_item_id__in=list(item_ids)).values_list(
        "contextual_item_id", "entity_id"
    ):
        keys[item_id].append(entity_node_key(entity_id))
    return keys


@dataclass(frozen=True)
class AgendaPictures:
    agenda: NetworkPicture
    items: dict[int, NetworkPicture]  # by contextual item id, for the items linked to intelligence

    @property
    def named_child_ids(self) -> list[uuid.UUID]:
        named = set(self.agenda.named_child_ids)
        for picture in self.items.values():
            named.update(picture.named_child_ids)
        return sorted(named)


def agenda_network_pictures(*, child_ids: list[uuid.UUID], item_ids: list[int]) -> AgendaPictures:
    """For the agenda pack: one picture around the agenda's children and its items' entities, and one
    per linked item. Only the agenda's children are named."""
    network = network_load(shareable_only=True)
    keys_by_item = _entity_keys_by_item(item_ids)
    sources = [child_node_key(child_id) for child_id in child_ids]
    sources += [key for keys in keys_by_item.values() for key in keys]
    named = set(child_ids)
    return AgendaPictures(
        agenda=network_picture(network.around(sources, hops=AGENDA_HOPS, limit=AGENDA_LIMIT), named=named),
        items={
            item_id: network_picture(network.around(keys, hops=ITEM_HOPS, limit=ITEM_LIMIT), named=named)
            for item_id, keys in keys_by_item.items()
        },
    )


def contextual_item_network_picture(*, item_id: int, user: User) -> NetworkPicture | None:
    """For the item's page: None when the item is linked to no intelligence. Names only the children the
    reader may see."""
    keys = _entity_keys_by_item([item_id]).get(item_id)
    if not keys:
        return None
    near = network_load(shareable_only=True).around(keys, hops=ITEM_HOPS, limit=ITEM_LIMIT)
    named = set(child_visible_queryset(user).filter(pk__in=child_ids_in(near)).values_list("pk", flat=True))
    return network_picture(near, named=named)
