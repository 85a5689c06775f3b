"""The network as the database holds it: every resolved entity and every child a submission names, linked
by the submissions that mention them together (intelligence/network.py does the graph work)."""

import datetime as dt
import uuid
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from accounts.models import User
from audit.models import AccessAction
from audit.services import children_access_record
from children.models import Child
from core.request_context import AccessContext
from intelligence.access import access_entity, require_intelligence_officer
from intelligence.models import Entity, EntityKind, Grading, HandlingCode, Mention, Submission, SubmissionChild
from intelligence.network import CHILD, HotSpot, Network, Node, Ranked, Sighting

GROUPS_SHOWN = 10
GROUP_NAMES_SHOWN = 5  # the first names of each group, as the overview page lists them
RANKED_SHOWN = 10
NEIGHBOURHOOD_HOPS, NEIGHBOURHOOD_LIMIT = 2, 150
OVERVIEW_REPORTS = 2_000  # the overview's groups, who links most and hot spots are among the most recent reports
NEIGHBOURHOOD_REPORTS_PER_HOP = 500  # the most recent reports a chart reads at each hop from its focus


def entity_node_key(entity_id: int) -> str:
    return f"entity:{entity_id}"


def child_node_key(child_id: uuid.UUID) -> str:
    return f"child:{child_id}"


def mention_node_key(mention_id: int) -> str:
    return f"mention:{mention_id}"


def _mention_label(kind: str, attributes: dict[str, object]) -> str:
    for name in ("registration", "name", "nickname", "number", "handle", "postcode", "address"):
        if attributes.get(name):
            text = str(attributes[name])
            return f"{text} (partial)" if kind == "vehicle" and ("?" in text or "*" in text) else text
    return "Not described"


def _latest_grading() -> QuerySet[Grading]:
    return Grading.objects.filter(submission=OuterRef("pk")).order_by("-graded_at", "-id")


def _shareable_submissions() -> QuerySet[Submission]:
    """The submissions whose latest grading has handling code P."""
    latest = _latest_grading()
    graded = Submission.objects.annotate(handling_code=Subquery(latest.values("handling_code")[:1]))
    return graded.filter(handling_code=HandlingCode.PERMITTED)


def network_load(*, submission_ids: Collection[int] | None = None, shareable_only: bool = False) -> Network:
    """The network that the submissions `submission_ids` make (every submission when None).

    Resolved entities are one node each, however many submissions mention them; a mention that has
    not resolved (a partial registration; a person before linkage) is a node of its own, so that what
    a report says is on the chart from the moment it arrives.

    `shareable_only` keeps only submissions whose latest grading has handling code P (lawful sharing
    permitted), for pictures that leave the police (the MEG's agenda pack). A person is then labelled from
    those submissions' own words, never from a label that names in ungraded or C-coded reports shaped;
    vehicles, phones, accounts and places keep the label their exact key gives them."""
    latest = _latest_grading()
    submissions = Submission.objects.annotate(
        source_evaluation=Subquery(latest.values("source_evaluation")[:1]),
        intelligence_assessment=Subquery(latest.values("intelligence_assessment")[:1]),
        handling_code=Subquery(latest.values("handling_code")[:1]),
    )
    if shareable_only:
        submissions = submissions.filter(handling_code=HandlingCode.PERMITTED)
    mentions = Mention.objects.order_by()  # in no order: the network sorts what it needs
    named_children = SubmissionChild.objects.order_by()
    if submission_ids is not None:
        ids = sorted(submission_ids)
        submissions = submissions.filter(pk__in=ids)
        mentions = mentions.filter(submission_id__in=ids)
        named_children = named_children.filter(submission_id__in=ids)
    if shareable_only:
        shared_ids = submissions.values("pk")
        mentions = mentions.filter(submission_id__in=shared_ids)
        named_children = named_children.filter(submission_id__in=shared_ids)

    keys_by_submission: dict[int, list[str]] = defaultdict(list)
    entity_words: dict[int, Counter[str]] = defaultdict(Counter)
    unresolved: list[Node] = []
    for mention_id, submission_id, entity_id, kind, attributes in mentions.values_list(
        "id", "submission_id", "entity_id", "kind", "attributes"
    ):
        if entity_id is not None:
            keys_by_submission[submission_id].append(entity_node_key(entity_id))
            entity_words[entity_id][_mention_label(kind, attributes)] += 1
        else:
            key = mention_node_key(mention_id)
            keys_by_submission[submission_id].append(key)
            unresolved.append(Node(key=key, kind=kind, label=_mention_label(kind, attributes)))
    child_ids: set[uuid.UUID] = set()
    for submission_id, child_id in named_children.values_list("submission_id", "child_id"):
        keys_by_submission[submission_id].append(child_node_key(child_id))
        child_ids.add(child_id)

    sightings = [
        Sighting(
            reference=submission.reference,
            received_at=submission.received_at,
            grading=(
                f"{submission.source_evaluation}{submission.intelligence_assessment} {submission.handling_code}"
                if submission.source_evaluation
                else ""
            ),
            node_keys=tuple(keys_by_submission[submission.pk]),
        )
        for submission in submissions.filter(pk__in=list(keys_by_submission)).only("id", "reference", "received_at")
    ]
    nodes = [
        Node(
            key=entity_node_key(entity.pk),
            kind=entity.kind,
            label=_most_said(entity_words[entity.pk])
            if shareable_only and entity.kind == EntityKind.PERSON
            else entity.label,
        )
        for entity in Entity.objects.filter(pk__in=list(entity_words)).only("id", "kind", "label")
    ]
    nodes += unresolved
    nodes += [
        Node(key=child_node_key(child.pk), kind=CHILD, label=f"{child.full_name} ({child.reference})")
        for child in Child.objects.filter(pk__in=child_ids)
    ]
    return Network(nodes, sightings)


@dataclass(frozen=True)
class NearLoad:
    network: Network  # the part of the network within `hops` of the keys, at most `limit` things
    cut: bool  # True when there was more within `hops` than the chart shows (at `limit`, or reports left unread)


def _submissions_of(keys: Iterable[str]) -> set[int]:
    """The submissions that mention or name any of the nodes `keys`."""
    entity_ids, mention_ids, child_ids = [], [], []
    for key in keys:
        kind, identifier = key.split(":", 1)
        if kind == "entity":
            entity_ids.append(int(identifier))
        elif kind == "mention":
            mention_ids.append(int(identifier))
        else:
            child_ids.append(uuid.UUID(identifier))
    found: set[int] = set()
    if entity_ids:
        found.update(
            Mention.objects.filter(entity_id__in=entity_ids).order_by().values_list("submission_id", flat=True)
        )
    if mention_ids:
        unresolved = Mention.objects.filter(pk__in=mention_ids, entity_id__isnull=True).order_by()
        found.update(unresolved.values_list("submission_id", flat=True))
    if child_ids:
        named = SubmissionChild.objects.filter(child_id__in=child_ids).order_by()
        found.update(named.values_list("submission_id", flat=True))
    return found


def _keys_in(submission_ids: Collection[int]) -> set[str]:
    """The nodes that the submissions mention or name."""
    keys: set[str] = set()
    mentions = Mention.objects.filter(submission_id__in=list(submission_ids)).order_by().values_list("id", "entity_id")
    for mention_id, entity_id in mentions:
        keys.add(entity_node_key(entity_id) if entity_id is not None else mention_node_key(mention_id))
    named = (
        SubmissionChild.objects.filter(submission_id__in=list(submission_ids))
        .order_by()
        .values_list("child_id", flat=True)
    )
    keys.update(child_node_key(child_id) for child_id in named)
    return keys


def network_near_load(
    keys: Iterable[str],
    *,
    hops: int = NEIGHBOURHOOD_HOPS,
    limit: int = NEIGHBOURHOOD_LIMIT,
    shareable_only: bool = False,
    reports_per_hop: int = NEIGHBOURHOOD_REPORTS_PER_HOP,
) -> NearLoad:
    """What `network_load().around(keys, hops=hops, limit=limit)` draws, read from the database a hop
    at a time rather than the whole network: the submissions that mention the keys, then those that
    mention what those mention, and so on for `hops` hops (at most `reports_per_hop` submissions a hop,
    the most recent first), then the submissions of what is kept that were not yet read, so that every
    link between the things kept is drawn. The walk stops early once more than `limit` things are
    reached, as no further thing could be kept."""
    asked = set(keys)
    submissions = _shareable_submissions() if shareable_only else Submission.objects.all()
    starts: set[str] = set()  # the keys in the network: those that some submission read mentions
    distance: dict[str, int] = {}
    read: set[int] = set()
    expanded: set[str] = set()
    cut = False

    def expand(frontier: set[str]) -> set[str]:
        nonlocal cut
        expanded.update(frontier)
        mentioned = _submissions_of(frontier) - read
        if not mentioned:
            return set()
        newest = submissions.filter(pk__in=sorted(mentioned)).order_by("-received_at", "-id")
        chosen = list(newest.values_list("pk", flat=True)[: reports_per_hop + 1])
        if len(chosen) > reports_per_hop:
            cut, chosen = True, chosen[:reports_per_hop]
        read.update(chosen)
        return _keys_in(chosen)

    frontier = asked
    for hop in range(1, hops + 1):
        if not frontier:
            break
        reached = expand(frontier)
        if hop == 1:
            starts = asked & reached
            distance = dict.fromkeys(starts, 0)
        frontier = reached - distance.keys()
        distance.update(dict.fromkeys(frontier, hop))
        if len(distance) - len(starts) > limit:
            break
    near = sorted((length, key) for key, length in distance.items() if length > 0)
    if len(near) > max(limit - len(starts), 0):
        cut = True
    keep = starts | {key for _, key in near[: max(limit - len(starts), 0)]}
    if keep - expanded:
        expand(keep - expanded)
    network = network_load(submission_ids=read, shareable_only=shareable_only)
    return NearLoad(network=network.around(asked, hops=hops, limit=limit), cut=cut)


def _most_said(words: Counter[str]) -> str:
    """The label most of the mentions give, the first in alphabetical order on a tie."""
    return min(words.items(), key=lambda item: (-item[1], item[0]))[0]


def child_id_of(key: str) -> uuid.UUID:
    """The child a "child:<uuid>" node key stands for."""
    return uuid.UUID(key.split(":", 1)[1])


def child_ids_in(network: Network) -> list[uuid.UUID]:
    return [child_id_of(key) for key, node in network.nodes.items() if node.kind == CHILD]


def _network_read_record(*, user: User, context: AccessContext, action: AccessAction, network: Network) -> None:
    children_access_record(user=user, action=action, child_ids=child_ids_in(network), context=context)


@dataclass(frozen=True)
class OverviewWindow:
    """The reports the overview is drawn from: the most recent, when there are more than OVERVIEW_REPORTS."""

    reports: int  # how many it is drawn from
    total: int  # how many reports there are
    since: dt.datetime | None  # when the oldest of them was received

    @property
    def is_all(self) -> bool:
        return self.reports == self.total


@dataclass(frozen=True)
class NetworkOverview:
    network: Network
    groups: list[list[Node]]  # the largest groups
    linkers: list[Ranked]  # who links most
    spots: list[HotSpot]
    window: OverviewWindow


def network_overview_read(*, user: User, context: AccessContext) -> NetworkOverview:
    """Police intelligence only: the groups, who links most and the hot spots among the OVERVIEW_REPORTS
    most recent reports (betweenness over a county's every report would take minutes; a chart around one
    thing reads all its links), with one access event for the children the overview names (among who
    links most and the first names of each group)."""
    require_intelligence_officer(user)
    with transaction.atomic():
        recent = list(
            Submission.objects.order_by("-received_at", "-id").values_list("pk", "received_at")[:OVERVIEW_REPORTS]
        )
        total = len(recent) if len(recent) < OVERVIEW_REPORTS else Submission.objects.count()
        window = OverviewWindow(reports=len(recent), total=total, since=recent[-1][1] if recent else None)
        network = network_load(submission_ids=[pk for pk, _ in recent])
        groups = network.groups()[:GROUPS_SHOWN]
        linkers = network.who_links_most(limit=RANKED_SHOWN)
        spots = network.hot_spots(limit=RANKED_SHOWN)
        named = [item.node for item in linkers] + [node for group in groups for node in group[:GROUP_NAMES_SHOWN]]
        children_access_record(
            user=user,
            action=AccessAction.LIST,
            child_ids=[child_id_of(node.key) for node in named if node.kind == CHILD],
            context=context,
        )
    return NetworkOverview(network=network, groups=groups, linkers=linkers, spots=spots, window=window)


@dataclass(frozen=True)
class Neighbourhood:
    network: Network
    key: str  # the node it is drawn around
    cut: bool = False  # True when more is within NEIGHBOURHOOD_HOPS than the chart shows


def entity_neighbourhood_read(*, user: User, entity_id: int, context: AccessContext) -> Neighbourhood:
    """Police intelligence only: the network within two links of an entity (at most NEIGHBOURHOOD_LIMIT
    things, nearest first, read from the database around it), with one access event for the children
    in it."""
    require_intelligence_officer(user)
    with transaction.atomic():
        entity = access_entity(user, entity_id)
        key = entity_node_key(entity.pk)
        near = network_near_load([key], hops=NEIGHBOURHOOD_HOPS, limit=NEIGHBOURHOOD_LIMIT)
        _network_read_record(user=user, context=context, action=AccessAction.VIEW, network=near.network)
    return Neighbourhood(network=near.network, key=key, cut=near.cut)


def mention_neighbourhood_read(*, user: User, mention_id: int, context: AccessContext) -> Neighbourhood:
    """Police intelligence only: the chart around something a report mentions that has not resolved to
    one entity, such as a partial registration (once it resolves, around its entity), with one access
    event for the children in it."""
    require_intelligence_officer(user)
    with transaction.atomic():
        mention = Mention.objects.filter(pk=mention_id).first()
        if mention is None:
            raise Http404("Not found.")
        key = entity_node_key(mention.entity_id) if mention.entity_id else mention_node_key(mention.pk)
        near = network_near_load([key], hops=NEIGHBOURHOOD_HOPS, limit=NEIGHBOURHOOD_LIMIT)
        _network_read_record(user=user, context=context, action=AccessAction.VIEW, network=near.network)
    return Neighbourhood(network=near.network, key=key, cut=near.cut)


def network_export_read(*, user: User, context: AccessContext) -> Network:
    """Police intelligence only: the whole network, for the i2 export, with one access event (an export)
    for every child in it."""
    require_intelligence_officer(user)
    with transaction.atomic():
        network = network_load()
        _network_read_record(user=user, context=context, action=AccessAction.EXPORT, network=network)
    return network
