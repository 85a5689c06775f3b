"""The reads person linkage works from: person mentions as linkage records, and the analysts' latest
decision on each pair. The batch, the incremental link and the regrouping of people all start here;
intelligence/selectors/review.py shows the same records to the analyst."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from intelligence.models import EntityKind, MatchDecision, Mention
from intelligence.person_records import PersonRecord

CHUNK = 500  # ids per IN (...) clause: SQLite limits the parameters of one query


def chunks(ids: Iterable[int]) -> list[list[int]]:
    ordered = sorted(set(ids))
    return [ordered[start : start + CHUNK] for start in range(0, len(ordered), CHUNK)]


def _age(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def person_records(*, mention_ids: Iterable[int] | None = None) -> list[PersonRecord]:
    """Person mentions (all, or these) as linkage records, each with the phone and account keys its
    report ties to it (`attributes["person"]`) and the vehicle keys of its report."""
    persons = Mention.objects.filter(kind=EntityKind.PERSON)
    fields = ("id", "submission_id", "position", "attributes")
    if mention_ids is None:
        rows = list(persons.values_list(*fields))
    else:
        rows = [row for chunk in chunks(mention_ids) for row in persons.filter(pk__in=chunk).values_list(*fields)]
    keyed = Mention.objects.filter(kind__in=[EntityKind.PHONE, EntityKind.ONLINE_ACCOUNT, EntityKind.VEHICLE])
    keyed = keyed.exclude(key="")
    key_fields = ("submission_id", "kind", "key", "attributes")
    if mention_ids is None:
        keys = list(keyed.values_list(*key_fields))
    else:
        submissions = chunks(row[1] for row in rows)
        keys = [row for chunk in submissions for row in keyed.filter(submission_id__in=chunk).values_list(*key_fields)]
    tied: dict[tuple[int, int, str], set[str]] = defaultdict(set)
    vehicles: dict[int, set[str]] = defaultdict(set)
    for submission_id, kind, key, attributes in keys:
        if kind == EntityKind.VEHICLE:
            vehicles[submission_id].add(key)
        elif isinstance(attributes.get("person"), int):
            tied[(submission_id, attributes["person"], kind)].add(key)
    return [
        PersonRecord(
            mention_id=mention_id,
            submission_id=submission_id,
            name=str(attributes.get("name", "")),
            nickname=str(attributes.get("nickname", "")),
            age=_age(attributes.get("age_estimate")),
            gender=str(attributes.get("gender", "")),
            phones=tuple(sorted(tied[(submission_id, position, EntityKind.PHONE)])),
            accounts=tuple(sorted(tied[(submission_id, position, EntityKind.ONLINE_ACCOUNT)])),
            vehicles=tuple(sorted(vehicles[submission_id])),
        )
        for mention_id, submission_id, position, attributes in rows
    ]


def decisions_latest() -> dict[tuple[int, int], bool]:
    """Each decided pair's latest decision: True for the same person."""
    latest: dict[tuple[int, int], bool] = {}
    for left, right, same in MatchDecision.objects.order_by("-decided_at", "-id").values_list(
        "left_id", "right_id", "same_person"
    ):
        latest.setdefault((left, right), same)
    return latest
