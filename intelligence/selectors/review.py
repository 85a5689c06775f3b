"""What the analyst sees when reviewing suggested matches: the grey zone, one pair per pair of people,
strongest first, each mention shown as its report gave it. Entities and mentions only, no child data, so
these reads write no access event."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F
from django.http import Http404

from intelligence.linkage import Reason, reasons_explain
from intelligence.models import EntityKind, MatchCandidate, MatchDecision, MatchStatus, Mention
from intelligence.selectors.linkage import person_records
from intelligence.services.linkage import linkage_model_load

QUEUE_SCAN = 2000  # candidates read to fill one page, after those inside one person are set aside


@dataclass(frozen=True)
class MentionCard:
    mention_id: int
    name: str
    nickname: str
    age: str
    gender: str
    description: str
    phones: list[str]
    accounts: list[str]
    submission_id: int
    reference: str
    received_at: dt.datetime
    person_label: str
    person_mentions: int

    @property
    def shown(self) -> str:
        return self.name or self.nickname or "an unnamed person"


@dataclass(frozen=True)
class ReviewPair:
    candidate: MatchCandidate
    left: MentionCard
    right: MentionCard
    reasons: list[Reason] = field(default_factory=list)
    decisions: list[MatchDecision] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(self.candidate.probability * 100)


def _card(mention: Mention) -> MentionCard:
    attributes = mention.attributes
    tied = [
        other
        for other in mention.submission.mentions.all()
        if other.attributes.get("person") == mention.position
        and other.kind in (EntityKind.PHONE, EntityKind.ONLINE_ACCOUNT)
    ]
    entity = mention.entity
    return MentionCard(
        mention_id=mention.pk,
        name=str(attributes.get("name", "")),
        nickname=str(attributes.get("nickname", "")),
        age=str(attributes.get("age_estimate", "")),
        gender=str(attributes.get("gender", "")),
        description=str(attributes.get("description", "")),
        phones=[str(other.attributes.get("number", "")) for other in tied if other.kind == EntityKind.PHONE],
        accounts=[
            f"{other.attributes.get('platform', '')}: {other.attributes.get('handle', '')}"
            for other in tied
            if other.kind == EntityKind.ONLINE_ACCOUNT
        ],
        submission_id=mention.submission_id,
        reference=mention.submission.reference,
        received_at=mention.submission.received_at,
        person_label=entity.label if entity else "",
        person_mentions=int(entity.attributes.get("mentions", 1)) if entity else 1,
    )


def _candidates() -> "list[MatchCandidate]":
    return list(
        MatchCandidate.objects.select_related("left__submission", "left__entity", "right__submission", "right__entity")
        .prefetch_related("left__submission__mentions", "right__submission__mentions")
        .filter(status=MatchStatus.REVIEW)
        .exclude(left__entity_id=F("right__entity_id"))
        .order_by("-probability", "id")[:QUEUE_SCAN]
    )


def review_queue(*, limit: int = 50) -> list[ReviewPair]:
    """Pairs waiting for an analyst, highest probability first: one per pair of people (deciding it
    settles the others), none inside one person already."""
    seen: set[frozenset[int | None]] = set()
    queue = []
    for candidate in _candidates():
        people = frozenset(
            (candidate.left.entity_id or -candidate.left_id, candidate.right.entity_id or -candidate.right_id)
        )
        if people in seen:
            continue
        seen.add(people)
        queue.append(ReviewPair(candidate, _card(candidate.left), _card(candidate.right)))
        if len(queue) == limit:
            break
    return queue


def review_waiting_count() -> int:
    return (
        MatchCandidate.objects.filter(status=MatchStatus.REVIEW).exclude(left__entity_id=F("right__entity_id")).count()
    )


def review_pair_read(*, candidate_id: int) -> ReviewPair:
    """One suggested pair side by side, with what moved its score (when a model is saved) and the
    decisions already taken on it, latest first."""
    try:
        candidate = (
            MatchCandidate.objects.select_related(
                "left__submission", "left__entity", "right__submission", "right__entity"
            )
            .prefetch_related("left__submission__mentions", "right__submission__mentions")
            .get(pk=candidate_id)
        )
    except (MatchCandidate.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404("No suggested match found.") from missing
    reasons: list[Reason] = []
    model = linkage_model_load()
    if model is not None:
        records = {
            record.mention_id: record for record in person_records(mention_ids=[candidate.left_id, candidate.right_id])
        }
        reasons = reasons_explain(records[candidate.left_id], records[candidate.right_id], model)
    decisions = list(
        MatchDecision.objects.select_related("decided_by").filter(left=candidate.left_id, right=candidate.right_id)
    )
    return ReviewPair(candidate, _card(candidate.left), _card(candidate.right), reasons, decisions)
