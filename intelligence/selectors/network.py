"""The network as the database holds it: every resolved entity and every child a submission names, linked
by the submissions that mention them together (intelligence/network.py does the graph work)."""

import datetime as dt
import uuid
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, F, JSONField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.http import Http404

from accounts.models import User
from audit.models import AccessAction
from audit.services import children_access_record
from children.models import Child
from core.request_context import AccessContext
from intelligence.access import access_entity, require_intelligence_officer
from intelligence.models import (
    Entity,
    EntityKind,
    Grading,
    HandlingCode,
    Mention,
    NetworkOverviewRun,
    OverviewStatus,
    Submission,
    SubmissionChild,
)
from intelligence.network import CHILD, HotSpot, Network, Node, Ranked, Sighting

GROUPS_SHOWN = 10
GROUP_NAMES_SHOWN = 5  # the first names of each group, as the overview page lists them
RANKED_SHOWN = 10
NEIGHBOURHOOD_HOPS, NEIGHBOURHOOD_LIMIT = 2, 150
OVERVIEW_REPORTS = 2_000  # the overview's groups, who links most and hot spots are among the most recent reports
NEIGHBOURHOOD_REPORTS_PER_HOP = 200  # the most recent reports a chart reads at each hop from its focus


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


def network_load(
    *,
    submission_ids: Collection[int] | None = None,
    shareable_only: bool = False,
    only: Collection[str] | None = None,
) -> Network:
    """The network that the submissions `submission_ids` make (every submission when None).

    Resolved entities are one node each, however many submissions mention them; a mention that has
    not resolved (a partial registration; a person before linkage) is a node of its own, so that what
    a report says is on the chart from the moment it arrives.

    `shareable_only` keeps only submissions whose latest grading has handling code P (lawful sharing
    permitted), for pictures that leave the police (the MEG's agenda pack). A person is then labelled from
    those submissions' own words, never from a label that names in ungraded or C-coded reports shaped;
    vehicles, phones, accounts and places keep the label their exact key gives them.

    `only`, when given, keeps only those nodes and the submissions that link two of them: what a chart
    of those nodes draws, without the cost of everything else the submissions mention."""
    kept = set(only) if only is not None else None
    latest = _latest_grading()
    submissions = Submission.objects.annotate(
        source_evaluation=Subquery(latest.values("source_evaluation")[:1]),
        intelligence_assessment=Subquery(latest.values("intelligence_assessment")[:1]),
        handling_code=Subquery(latest.values("handling_code")[:1]),
    )
    if shareable_only:
        submissions = submissions.filter(handling_code=HandlingCode.PERMITTED)
    graded = submissions  # the sightings are read from it by id: those already passed every condition
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
    # What a mention said is read only where it labels a node: a mention not resolved, or a person in a
    # picture that leaves the police; every other resolved entity is labelled by its own record.
    needs_words = Q(entity__isnull=True) | Q(kind=EntityKind.PERSON) if shareable_only else Q(entity__isnull=True)
    said = Case(When(needs_words, then=F("attributes")), default=Value(None), output_field=JSONField())
    for mention_id, submission_id, entity_id, kind, attributes in mentions.annotate(said=said).values_list(
        "id", "submission_id", "entity_id", "kind", "said"
    ):
        key = entity_node_key(entity_id) if entity_id is not None else mention_node_key(mention_id)
        if kept is not None and key not in kept:
            continue
        keys_by_submission[submission_id].append(key)
        if entity_id is not None:
            entity_words[entity_id][_mention_label(kind, attributes or {})] += 1
        else:
            unresolved.append(Node(key=key, kind=kind, label=_mention_label(kind, attributes)))
    child_ids: set[uuid.UUID] = set()
    for submission_id, child_id in named_children.values_list("submission_id", "child_id"):
        key = child_node_key(child_id)
        if kept is not None and key not in kept:
            continue
        keys_by_submission[submission_id].append(key)
        child_ids.add(child_id)
    linking = [pk for pk, keys in keys_by_submission.items() if kept is None or len(set(keys)) > 1]

    sightings = [
        Sighting(
            reference=reference,
            received_at=received_at,
            grading=f"{evaluation}{assessment} {handling}" if evaluation else "",
            node_keys=tuple(keys_by_submission[pk]),
        )
        for pk, reference, received_at, evaluation, assessment, handling in graded.filter(pk__in=linking)
        .order_by()
        .values_list("id", "reference", "received_at", "source_evaluation", "intelligence_assessment", "handling_code")
    ]
    nodes = [
        Node(
            key=entity_node_key(pk),
            kind=kind,
            label=_most_said(entity_words[pk]) if shareable_only and kind == EntityKind.PERSON else label,
        )
        for pk, kind, label in Entity.objects.filter(pk__in=list(entity_words)).values_list("id", "kind", "label")
    ]
    nodes += unresolved
    nodes += [
        Node(key=child_node_key(pk), kind=CHILD, label=f"{first_name} {last_name} ({reference})")
        for pk, first_name, last_name, reference in Child.objects.filter(pk__in=child_ids).values_list(
            "id", "first_name", "last_name", "reference"
        )
    ]
    return Network(nodes, sightings)


@dataclass(frozen=True)
class NearLoad:
    network: Network  # the part of the network within `hops` of the keys, at most `limit` things
    cut: bool  # True when there was more within `hops` than the chart shows (at `limit`, or reports left unread)


def _mentioning(keys: Iterable[str]) -> Q:
    """The submissions that mention or name any of the nodes `keys`, as a condition the database
    evaluates (a place can be in thousands of reports: their ids never come to Python)."""
    entity_ids, mention_ids, child_ids = [], [], []
    for key in keys:
        kind, identifier = key.split(":", 1)
        if kind == "entity":
            entity_ids.append(int(identifier))
        elif kind == "mention":
            mention_ids.append(int(identifier))
        else:
            child_ids.append(uuid.UUID(identifier))
    condition = Q(pk__in=[])
    if entity_ids:
        condition |= Q(pk__in=Mention.objects.filter(entity_id__in=entity_ids).values("submission_id"))
    if mention_ids:
        unresolved = Mention.objects.filter(pk__in=mention_ids, entity_id__isnull=True)
        condition |= Q(pk__in=unresolved.values("submission_id"))
    if child_ids:
        condition |= Q(pk__in=SubmissionChild.objects.filter(child_id__in=child_ids).values("submission_id"))
    return condition


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
        newest = submissions.filter(_mentioning(frontier)).exclude(pk__in=sorted(read)).order_by("-received_at", "-id")
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
    network = network_load(submission_ids=read, shareable_only=shareable_only, only=keep)
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


def network_overview_compute() -> NetworkOverview:
    """The groups, who links most and the hot spots among the OVERVIEW_REPORTS most recent reports
    (betweenness over a county's every report would take minutes; a chart around one thing reads all
    its links). Seconds on a county's records: the background worker works it out
    (intelligence/services/overview.py), and the page shows what it kept."""
    recent = list(
        Submission.objects.order_by("-received_at", "-id").values_list("pk", "received_at")[:OVERVIEW_REPORTS]
    )
    total = len(recent) if len(recent) < OVERVIEW_REPORTS else Submission.objects.count()
    window = OverviewWindow(reports=len(recent), total=total, since=recent[-1][1] if recent else None)
    network = network_load(submission_ids=[pk for pk, _ in recent])
    return NetworkOverview(
        network=network,
        groups=network.groups()[:GROUPS_SHOWN],
        linkers=network.who_links_most(limit=RANKED_SHOWN),
        spots=network.hot_spots(limit=RANKED_SHOWN),
        window=window,
    )


@dataclass(frozen=True)
class StoredNode:
    key: str
    kind: str
    label: str


@dataclass(frozen=True)
class StoredSpot:
    node: StoredNode
    children: int
    reports: int
    last_seen: dt.datetime


@dataclass(frozen=True)
class StoredGroup:
    size: int
    first: list[StoredNode]  # the first GROUP_NAMES_SHOWN of the group

    @property
    def more(self) -> int:
        return self.size - len(self.first)


@dataclass(frozen=True)
class StoredOverview:
    """The overview as the worker last worked it out (None before its first run), and whether it is being
    worked out again."""

    run: NetworkOverviewRun | None
    spots: list[StoredSpot]
    linkers: list[StoredNode]
    groups: list[StoredGroup]
    refreshing: NetworkOverviewRun | None  # the run waiting or under way, if any
    failed: NetworkOverviewRun | None  # the latest run, when it failed

    @property
    def window(self) -> OverviewWindow | None:
        if self.run is None:
            return None
        return OverviewWindow(reports=self.run.reports, total=self.run.total, since=self.run.since)


def _stored_node(item: dict[str, object]) -> StoredNode:
    return StoredNode(key=str(item["key"]), kind=str(item["kind"]), label=str(item["label"]))


def network_overview_read(*, user: User, context: AccessContext) -> StoredOverview:
    """Police intelligence only: the overview the worker last kept, with one access event for the children
    it names (among who links most and the first names of each group)."""
    require_intelligence_officer(user)
    with transaction.atomic():
        runs = list(NetworkOverviewRun.objects.order_by("-requested_at", "-id")[:3])
        ready = next((run for run in runs if run.status == OverviewStatus.READY), None)
        refreshing = next((run for run in runs if run.status in (OverviewStatus.QUEUED, OverviewStatus.RUNNING)), None)
        finished = [run for run in runs if run.status in (OverviewStatus.READY, OverviewStatus.FAILED)]
        failed = finished[0] if finished and finished[0].status == OverviewStatus.FAILED else None
        content = ready.content if ready is not None else {}
        spots = [
            StoredSpot(
                node=_stored_node(item),
                children=int(item["children"]),
                reports=int(item["reports"]),
                last_seen=dt.datetime.fromisoformat(str(item["last_seen"])),
            )
            for item in content.get("spots", [])
        ]
        linkers = [_stored_node(item) for item in content.get("linkers", [])]
        groups = [
            StoredGroup(size=int(item["size"]), first=[_stored_node(node) for node in item["first"]])
            for item in content.get("groups", [])
        ]
        named = linkers + [node for group in groups for node in group.first]
        children_access_record(
            user=user,
            action=AccessAction.LIST,
            child_ids=[child_id_of(node.key) for node in named if node.kind == CHILD],
            context=context,
        )
    return StoredOverview(run=ready, spots=spots, linkers=linkers, groups=groups, refreshing=refreshing, failed=failed)


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
