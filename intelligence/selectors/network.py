"""The network as the database holds it: every resolved entity and every child a submission names, linked
by the submissions that mention them together (intelligence/network.py does the graph work)."""

import uuid
from collections import Counter, defaultdict

from django.db.models import OuterRef, Subquery

from children.models import Child
from intelligence.models import Entity, EntityKind, Grading, HandlingCode, Mention, Submission, SubmissionChild
from intelligence.network import CHILD, Network, Node, Sighting


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


def network_load(*, shareable_only: bool = False) -> Network:
    """Resolved entities are one node each, however many submissions mention them; a mention that has
    not resolved (a partial registration; a person before linkage) is a node of its own, so that what
    a report says is on the chart from the moment it arrives.

    `shareable_only` keeps only submissions whose latest grading has handling code P (lawful sharing
    permitted), for pictures that leave the police (the MEG's agenda pack). A person is then labelled from
    those submissions' own words, never from a label that names in ungraded or C-coded reports shaped;
    vehicles, phones, accounts and places keep the label their exact key gives them."""
    latest = Grading.objects.filter(submission=OuterRef("pk")).order_by("-graded_at", "-id")
    submissions = Submission.objects.annotate(
        source_evaluation=Subquery(latest.values("source_evaluation")[:1]),
        intelligence_assessment=Subquery(latest.values("intelligence_assessment")[:1]),
        handling_code=Subquery(latest.values("handling_code")[:1]),
    )
    mentions = Mention.objects.all()
    named_children = SubmissionChild.objects.all()
    if shareable_only:
        submissions = submissions.filter(handling_code=HandlingCode.PERMITTED)
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
        for submission in submissions.filter(pk__in=list(keys_by_submission))
    ]
    nodes = [
        Node(
            key=entity_node_key(entity.pk),
            kind=entity.kind,
            label=_most_said(entity_words[entity.pk])
            if shareable_only and entity.kind == EntityKind.PERSON
            else entity.label,
        )
        for entity in Entity.objects.filter(pk__in=list(entity_words))
    ]
    nodes += unresolved
    nodes += [
        Node(key=child_node_key(child.pk), kind=CHILD, label=f"{child.full_name} ({child.reference})")
        for child in Child.objects.filter(pk__in=child_ids)
    ]
    return Network(nodes, sightings)


def _most_said(words: Counter[str]) -> str:
    """The label most of the mentions give, the first in alphabetical order on a tie."""
    return min(words.items(), key=lambda item: (-item[1], item[0]))[0]


def child_id_of(key: str) -> uuid.UUID:
    """The child a "child:<uuid>" node key stands for."""
    return uuid.UUID(key.split(":", 1)[1])


def child_ids_in(network: Network) -> list[uuid.UUID]:
    return [child_id_of(key) for key, node in network.nodes.items() if node.kind == CHILD]
