"""Person resolution against the database: the batch (`people_link_all`, run by `resolve_entities`), the
link of one new submission as it arrives (`person_mentions_link`), and the analyst's decisions
(`match_decision_record`), and the saved model they share. The model is pure (intelligence/linkage.py),
the mentions are read by intelligence/selectors/linkage.py, and the people are written by
intelligence/services/people.py; here they are run in order and the scored pairs kept for review.

Every run respects the analysts: the latest decision on a pair wins; a rejected pair never ends in one
person; a confirmed pair always does, unless another rejection holds the two groups apart."""

import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from intelligence.access import is_intelligence_officer
from intelligence.clustering import clusters_build
from intelligence.linkage import (
    LINK_THRESHOLD,
    REVIEW_THRESHOLD,
    ScoredPair,
    comparison_counts,
    model_train,
    pairs_predict,
    pairs_predict_between,
)
from intelligence.models import EntityKind, MatchCandidate, MatchDecision, MatchStatus, Mention, Submission
from intelligence.person_records import PersonRecord, name_parts, nickname_key
from intelligence.selectors.linkage import decisions_latest, person_records
from intelligence.services.people import people_write, recluster
from intelligence.synthetic import linkage_records, synthetic_set

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # what is happening, steps done, steps in all
MIN_TRAINING_MENTIONS = 500  # fewer cannot teach EM anything: the saved (or a synthetic) model serves
MAX_COMPARISONS = 50_000_000  # more means the blocking rules are too loose for these machines


class LinkageTooLargeError(Exception):
    pass


@dataclass(frozen=True)
class LinkageResult:
    mentions: int
    people: int
    linked_pairs: int
    review_pairs: int
    comparisons: int
    trained_on: str
    seconds: float

    def __str__(self) -> str:
        return (
            f"{self.mentions:,} person mentions in {self.people:,} people; {self.linked_pairs:,} pairs linked, "
            f"{self.review_pairs:,} waiting for review; model trained on {self.trained_on}; {self.seconds:.0f} s"
        )


def linkage_model_path() -> Path:
    """settings.LINKAGE_MODEL_PATH if set, else linkage_model.json in the data folder."""
    return Path(getattr(settings, "LINKAGE_MODEL_PATH", None) or settings.DATA_DIR / "linkage_model.json")


def linkage_model_load() -> dict[str, Any] | None:
    path = linkage_model_path()
    if not path.exists():
        return None
    model: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return model


def linkage_model_save(model: dict[str, Any]) -> None:
    path = linkage_model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and moved into place: a submission linking meanwhile never reads half a model.
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump(model, file, indent=1)
    os.replace(temporary, path)


def _model_for(records: list[PersonRecord], *, retrain: bool) -> tuple[dict[str, Any], str]:
    if retrain and len(records) >= MIN_TRAINING_MENTIONS:
        model = model_train(records)
        linkage_model_save(model)
        return model, f"the {len(records):,} person mentions in the database"
    saved = linkage_model_load()
    if saved is not None:
        return saved, "the saved model"
    # Too few mentions to learn from and nothing saved: learn from the project's synthetic reports, whose
    # noise (street names, misspellings, swapped names, guessed ages) is modelled on real ones.
    synthetic, _ = linkage_records(synthetic_set(people=400, reports=2000, seed=2026))
    model = model_train(synthetic)
    linkage_model_save(model)
    return model, "a synthetic training set (too few person mentions to learn from)"


def _comparisons_check(records: list[PersonRecord]) -> int:
    counts = comparison_counts(records, sample=1.0 if len(records) <= 50_000 else 0.1)
    total = sum(count for _, count in counts)
    if total > MAX_COMPARISONS:
        detail = ", ".join(f"{name}: {count:,}" for name, count in counts)
        raise LinkageTooLargeError(f"The blocking rules would compare {total:,} pairs ({detail}): tighten them.")
    return total


def _candidate_rows(
    pairs: list[ScoredPair], groups: list[set[int]], latest: dict[tuple[int, int], bool]
) -> list[MatchCandidate]:
    """A decided pair shows its decision; a link inside one person is LINKED; a pair between two people
    waits for an analyst, unless an analyst has already held those two people apart."""
    where = {mention: index for index, group in enumerate(groups) for mention in group}
    apart = {
        frozenset((where[left], where[right]))
        for (left, right), same in latest.items()
        if not same and left in where and right in where
    }
    rows, now = [], timezone.now()
    for pair in pairs:
        decided = latest.get((pair.left, pair.right))
        if decided is not None:
            status = MatchStatus.CONFIRMED if decided else MatchStatus.REJECTED
        elif where[pair.left] == where[pair.right]:
            if pair.probability < LINK_THRESHOLD:
                continue  # one person already, through stronger links: nothing to ask
            status = MatchStatus.LINKED
        elif frozenset((where[pair.left], where[pair.right])) in apart:
            continue
        else:
            status = MatchStatus.REVIEW  # the grey zone, or a strong link refused because the two conflict
        rows.append(
            MatchCandidate(
                left_id=pair.left, right_id=pair.right, probability=pair.probability, status=status, scored_at=now
            )
        )
    return rows


def people_link_all(*, progress: Progress | None = None, retrain: bool = True) -> LinkageResult:
    """Resolve every person mention again: train the model (or reuse it), count and score the blocked
    pairs, group them into people, and write the people. Training and scoring hold no transaction; the
    writes happen in one."""
    started = time.monotonic()

    def step(message: str, done: int) -> None:
        if progress is not None:
            progress(message, done, 5)

    step("Reading person mentions", 0)
    records = person_records()
    if not records:
        step("Done: no person mentions", 5)
        return LinkageResult(0, 0, 0, 0, 0, "nothing (no person mentions)", time.monotonic() - started)
    step("Training the linkage model", 1)
    model, trained_on = _model_for(records, retrain=retrain)
    step("Scoring pairs of mentions", 2)
    comparisons = _comparisons_check(records)
    pairs = pairs_predict(records, model, threshold=REVIEW_THRESHOLD)
    step("Grouping mentions into people", 3)
    latest = decisions_latest()
    links = [pair for pair in pairs if pair.probability >= LINK_THRESHOLD]
    same = [pair for pair, decided in latest.items() if decided]
    different = [pair for pair, decided in latest.items() if not decided]
    groups = clusters_build(records, links, same=same, different=different)
    step("Writing people", 4)
    with transaction.atomic():
        rows = _candidate_rows(pairs, groups, latest)
        MatchCandidate.objects.all().delete()
        MatchCandidate.objects.bulk_create(rows, batch_size=2000)
        people_write(groups)
    step("Done", 5)
    return LinkageResult(
        mentions=len(records),
        people=len(groups),
        linked_pairs=sum(row.status == MatchStatus.LINKED for row in rows),
        review_pairs=sum(row.status == MatchStatus.REVIEW for row in rows),
        comparisons=comparisons,
        trained_on=trained_on,
        seconds=time.monotonic() - started,
    )


def _existing_for(new: list[PersonRecord], submission: Submission) -> list[PersonRecord]:
    """Existing person mentions that could meet a blocking rule with the new ones: those whose reports
    share a phone, account or vehicle key, or that share a word of a name or street name. A superset,
    found cheaply; Splink's blocking rules then decide."""
    keys = {key for record in new for key in (*record.phones, *record.accounts, *record.vehicles)}
    words: set[str] = set()
    for record in new:
        words |= {part for part in name_parts(record.name) if part}
        words |= {word for word in record.nickname.casefold().split() if len(word) > 1}
        words |= {key for key in [nickname_key(record.nickname)] if key}
    persons = Mention.objects.filter(kind=EntityKind.PERSON).exclude(submission=submission)
    sharing = Mention.objects.filter(key__in=keys).exclude(kind=EntityKind.PERSON).values("submission_id")
    found = Q(submission_id__in=sharing)
    for word in words:
        found |= Q(search_text__contains=word)
    ids = set(persons.filter(found).values_list("id", flat=True))
    return person_records(mention_ids=ids) if ids else []


@transaction.atomic
def person_mentions_link(*, submission: Submission) -> list[Mention]:
    """Link one new submission's person mentions to the people already known, without rerunning the
    batch: its mentions are scored against the existing ones with the saved model, and only the people
    they touch are regrouped. With no model yet, only a shared phone or account links (and a warning is
    logged: run `resolve_entities`)."""
    new = person_records(mention_ids=submission.mentions.filter(kind=EntityKind.PERSON).values_list("id", flat=True))
    if not new:
        return []
    new_ids = {record.mention_id for record in new}
    existing = _existing_for(new, submission)
    model = linkage_model_load()
    if model is None:
        logger.warning("No linkage model yet: %s linked by shared phones and accounts only.", submission)
        pairs = [
            ScoredPair(min(record.mention_id, other.mention_id), max(record.mention_id, other.mention_id), 1.0)
            for record in new
            for other in existing
            if set(record.phones) & set(other.phones) or set(record.accounts) & set(other.accounts)
        ]
    else:
        pairs = pairs_predict_between(new, existing, model, threshold=REVIEW_THRESHOLD)
    undecided = MatchCandidate.objects.exclude(status__in=[MatchStatus.CONFIRMED, MatchStatus.REJECTED])
    undecided.filter(Q(left_id__in=new_ids) | Q(right_id__in=new_ids)).delete()
    MatchCandidate.objects.bulk_create(
        [
            MatchCandidate(
                left_id=pair.left,
                right_id=pair.right,
                probability=pair.probability,
                status=MatchStatus.LINKED if pair.probability >= LINK_THRESHOLD else MatchStatus.REVIEW,
            )
            for pair in pairs
        ],
        ignore_conflicts=True,
    )
    partners = {
        pair.left if pair.right in new_ids else pair.right for pair in pairs if pair.probability >= LINK_THRESHOLD
    }
    recluster(new_ids | partners)
    return list(Mention.objects.filter(pk__in=new_ids).select_related("entity"))


@transaction.atomic
def match_decision_record(*, candidate: MatchCandidate, same_person: bool, note: str, by: User) -> MatchDecision:
    """An analyst's decision on a suggested pair: recorded (append-only), shown on the pair, and acted
    on at once. Same person: their two people become one. Different people: they are kept apart, in
    this run and every later one; if only this pair joined them, they are split."""
    if not is_intelligence_officer(by):
        raise PermissionDenied("Only police intelligence decide whether two people are one.")
    if len(note) > 2000:
        raise ValidationError({"note": "The note must be 2,000 characters or fewer"})
    scope = {candidate.left_id, candidate.right_id}
    decision = MatchDecision.objects.create(
        left_id=candidate.left_id,
        right_id=candidate.right_id,
        same_person=same_person,
        note=note.strip(),
        decided_by=by,
    )
    candidate.status = MatchStatus.CONFIRMED if same_person else MatchStatus.REJECTED
    candidate.save(update_fields=["status"])
    entities = set(Mention.objects.filter(pk__in=scope).values_list("entity_id", flat=True)) - {None}
    if not same_person and len(entities) == 2:
        # The analyst has said these two people differ: their other suggested pairs need no answer.
        members = Mention.objects.filter(entity_id__in=entities).values("id")
        MatchCandidate.objects.filter(status=MatchStatus.REVIEW, left_id__in=members, right_id__in=members).delete()
    recluster(scope)
    left, right = Mention.objects.filter(pk__in=scope).order_by("pk")
    if same_person and left.entity_id != right.entity_id:
        message = "These mentions cannot be joined: an analyst has said someone in one is not someone in the other"
        raise ValidationError({"decision": message})
    return decision
