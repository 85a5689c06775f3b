"""Resolving mentions to entities by exact key (vehicles, phones, online accounts, places): as each
submission arrives (`mentions_resolve`), and in one batch with the current rules (`entities_resolve_all`).
People resolve by linkage (intelligence/services/linkage.py); nothing here touches a person's entity.

An entity's label and attributes are gathered from all its mentions (a vehicle's makes, models and
colours, most often reported first), so they stay up to date as mentions arrive."""

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from core.bulk import rows_insert, rows_update
from intelligence.models import Entity, EntityKind, Mention, Submission
from intelligence.normalise import (
    is_partial_registration,
    mention_anchors,
    mention_key,
    mention_search_text,
    phone_display,
    phone_unread,
    registration_display,
    registration_format,
    registration_key,
)

Progress = Callable[[str, int, int], None]  # (stage, done, total)
CHUNK = 2000
LOOKUP_CHUNK = 900  # keys per IN list, under SQLite's oldest limit on parameters
PLATFORM_NAMES = {"tiktok": "TikTok", "whatsapp": "WhatsApp", "youtube": "YouTube", "onlyfans": "OnlyFans", "x": "X"}


@dataclass(frozen=True)
class ResolutionSummary:
    mentions: int
    keys_changed: int
    links_changed: int
    entities_created: int
    entities_updated: int
    entities_removed: int


def _most_often(values: Iterable[object]) -> list[str]:
    """Distinct values (ignoring case and spaces), most often given first, each as first written."""
    spelling: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for value in values:
        text = " ".join(str(value or "").split())
        if text:
            spelling.setdefault(text.casefold(), text)
            counts[text.casefold()] += 1
    return [spelling[folded] for folded, _ in counts.most_common()]


def platform_name(platform: str) -> str:
    return PLATFORM_NAMES.get(platform, platform.capitalize())


def entity_description(kind: str, key: str, mentions: Sequence[Mapping[str, Any]]) -> tuple[str, dict[str, Any]]:
    """The label and attributes of an exact-key entity, from the attributes of its mentions (oldest
    first). Pure: no database."""

    def gathered(name: str) -> list[str]:
        return _most_often(mention.get(name) for mention in mentions)

    if kind == EntityKind.VEHICLE:
        details = {name: gathered(name) for name in ("make", "model", "colour", "marks")}
        attributes = {"registration": registration_display(key), "format": registration_format(key) or "other"}
        return registration_display(key), attributes | {name: values for name, values in details.items() if values}
    if kind == EntityKind.PHONE:
        unread = phone_unread(key)
        return phone_display(key), {"number": phone_display(key), "e164": "" if unread else key, "unread": unread}
    if kind == EntityKind.ONLINE_ACCOUNT:
        platform, _, handle = key.partition(":")
        return f"{handle} ({platform_name(platform)})", {"platform": platform, "handle": handle}
    if kind == EntityKind.LOCATION:
        names, addresses, kinds = gathered("name"), gathered("address"), gathered("kind")
        postcode = key.split("|")[0] if key[:1].isupper() else ""
        label = ", ".join(part for part in ((names or addresses or [""])[0], postcode) if part) or key
        place: dict[str, Any] = {"names": names, "addresses": addresses, "postcode": postcode, "kinds": kinds}
        return label[:200], {name: value for name, value in place.items() if value}
    return key[:200], {}


def _refresh(entities: Sequence[Entity], mentions: Mapping[int, Sequence[Mapping[str, Any]]]) -> list[Entity]:
    changed = []
    for entity in entities:
        label, attributes = entity_description(entity.kind, entity.key, mentions.get(entity.pk, []))
        if (entity.label, entity.attributes) != (label[:200], attributes):
            entity.label, entity.attributes = label[:200], attributes
            changed.append(entity)
    return changed


def _mention_attributes(entities: QuerySet[Mention]) -> dict[int, list[dict[str, Any]]]:
    rows = entities.order_by("entity_id", "submission__received_at", "id").values_list("entity_id", "attributes")
    return {entity_id: [attributes for _, attributes in group] for entity_id, group in groupby(rows, lambda r: r[0])}


def entities_refresh(*, entities: Sequence[Entity]) -> int:
    """Recompute the label and attributes of exact-key entities from their mentions."""
    exact = [entity for entity in entities if entity.kind != EntityKind.PERSON and entity.key]
    mentions = _mention_attributes(Mention.objects.filter(entity__in=exact))
    changed = _refresh(exact, mentions)
    rows_update(changed, ["label", "attributes"])
    return len(changed)


@transaction.atomic
def mentions_resolve(*, submission: Submission) -> list[Mention]:
    """Link each of the submission's mentions that has an exact key to the entity with that key,
    creating it the first time, and bring those entities' descriptions up to date."""
    resolved = []
    unlinked = submission.mentions.filter(entity__isnull=True, partial=False).exclude(kind=EntityKind.PERSON)
    for mention in unlinked.exclude(key=""):
        entity, _ = Entity.objects.get_or_create(kind=mention.kind, key=mention.key, defaults={"label": mention.key})
        mention.entity = entity
        mention.save(update_fields=["entity"])
        resolved.append(mention)
    touched = {mention.entity.pk: mention.entity for mention in resolved if mention.entity is not None}
    entities_refresh(entities=list(touched.values()))
    return resolved


def mentions_resolve_many(*, mentions: Sequence[Mention]) -> list[Mention]:
    """`mentions_resolve` for many submissions at once (a bulk import): each mention with an exact key
    gets the entity with that key, those missing created in one go (in the order they are first
    mentioned), with a few queries in all. The mentions may be unsaved; bring the entities'
    descriptions up to date with `entities_refresh` once the mentions are stored."""
    exact = [
        mention
        for mention in mentions
        if mention.entity_id is None and not mention.partial and mention.key and mention.kind != EntityKind.PERSON
    ]
    wanted = list(dict.fromkeys((mention.kind, mention.key) for mention in exact))
    known: dict[tuple[str, str], Entity] = {}
    for chunk in _chunks(iter(sorted({key for _, key in wanted})), size=LOOKUP_CHUNK):
        known |= {(entity.kind, entity.key): entity for entity in Entity.objects.filter(key__in=chunk).order_by()}
    missing = [Entity(kind=kind, key=key, label=key) for kind, key in wanted if (kind, key) not in known]
    rows_insert(missing, ids=True)
    known |= {(entity.kind, entity.key): entity for entity in missing}
    for mention in exact:
        mention.entity = known[(mention.kind, mention.key)]
    return exact


def _chunks(rows: Iterator[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


REKEYED = ("key", "search_text", "partial", "anchor_run", "anchor_start", "anchor_end")


def _rekey(progress: Progress) -> int:
    """Every mention's key, search text and anchors recomputed with the current rules."""
    total, done, changed = Mention.objects.count(), 0, 0
    mentions = Mention.objects.only("id", "kind", "attributes", *REKEYED).order_by("id")
    for chunk in _chunks(mentions.iterator(chunk_size=CHUNK)):
        stale = []
        for mention in chunk:
            partial = mention.kind == EntityKind.VEHICLE and is_partial_registration(
                registration_key(str(mention.attributes.get("registration", "")))
            )
            key = mention_key(mention.kind, mention.attributes)
            anchors = mention_anchors(mention.kind, key) if partial else None
            values = (
                key,
                mention_search_text(mention.kind, mention.attributes)[:300],
                partial,
                *((anchors.run, anchors.start, anchors.end) if anchors else (None, None, None)),
            )
            if values != tuple(getattr(mention, field) for field in REKEYED):
                for field, value in zip(REKEYED, values, strict=True):
                    setattr(mention, field, value)
                stale.append(mention)
        Mention.objects.bulk_update(stale, list(REKEYED))
        changed, done = changed + len(stale), done + len(chunk)
        progress("Recomputing keys", done, total)
    return changed


def _link(progress: Progress) -> tuple[int, int]:
    exact = Mention.objects.exclude(kind=EntityKind.PERSON)
    wanted = set(exact.filter(partial=False).exclude(key="").values_list("kind", "key").distinct())
    entities = {(kind, key): pk for kind, key, pk in Entity.objects.exclude(key="").values_list("kind", "key", "id")}
    missing = [Entity(kind=kind, key=key, label=key[:200]) for kind, key in sorted(wanted - set(entities))]
    Entity.objects.bulk_create(missing, batch_size=1000)
    entities.update({(e.kind, e.key): e.pk for e in Entity.objects.exclude(key="").only("id", "kind", "key")})
    total, done, linked = exact.count(), 0, 0
    rows = exact.order_by("id").values_list("id", "kind", "key", "partial", "entity_id").iterator(chunk_size=CHUNK)
    for chunk in _chunks(rows):
        stale = []
        for pk, kind, key, partial, entity_id in chunk:
            target = None if partial or not key else entities[(kind, key)]
            if target != entity_id:
                stale.append(Mention(pk=pk, entity_id=target))
        Mention.objects.bulk_update(stale, ["entity"])
        linked, done = linked + len(stale), done + len(chunk)
        progress("Linking mentions", done, total)
    return len(missing), linked


def _describe_all(progress: Progress) -> int:
    exact = Entity.objects.exclude(kind=EntityKind.PERSON).exclude(key="").order_by("id")
    total, done, updated = exact.count(), 0, 0
    for chunk in _chunks(exact.iterator(chunk_size=CHUNK)):
        mentions = _mention_attributes(Mention.objects.filter(entity_id__in=[entity.pk for entity in chunk]))
        changed = _refresh(chunk, mentions)
        Entity.objects.bulk_update(changed, ["label", "attributes"])
        updated, done = updated + len(changed), done + len(chunk)
        progress("Describing entities", done, total)
    return updated


@transaction.atomic
def entities_resolve_all(*, progress: Progress | None = None) -> ResolutionSummary:
    """Recompute every mention's key with the current rules and link every mention with an exact key
    to its entity. Entities no mention resolves to any more are removed (a rule change can change a
    key); running it again changes nothing."""
    report = progress or (lambda _stage, _done, _total: None)
    keys_changed = _rekey(report)
    created, links_changed = _link(report)
    orphans = Entity.objects.exclude(kind=EntityKind.PERSON).exclude(key="").filter(mentions__isnull=True)
    removed, _ = orphans.delete()
    updated = _describe_all(report)
    return ResolutionSummary(
        mentions=Mention.objects.count(),
        keys_changed=keys_changed,
        links_changed=links_changed,
        entities_created=created,
        entities_updated=updated,
        entities_removed=removed,
    )
