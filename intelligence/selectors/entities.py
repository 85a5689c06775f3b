"""Reads for entities: the entity page (what is known of a vehicle, phone, place, account or person, every
mention of it with where it came from and its grading, and what else was mentioned with it), the rows
that search shows, and the export of every entity with the submissions that mention it."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.db import transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery

from accounts.models import User
from audit.models import AccessAction
from audit.services import access_event_record
from core.request_context import AccessContext
from intelligence.access import access_entity
from intelligence.models import Entity, EntityKind, Grading, LocationKind, Mention, SubmissionSource
from intelligence.normalise import phone_display, phone_unread, registration_display
from intelligence.services.resolution import platform_name

MENTIONS_SHOWN = 500
ASSOCIATES_SHOWN = 50
EXPORT_CHUNK = 1000


@dataclass(frozen=True)
class MentionRow:
    mention: Mention
    summary: str  # the mention as reported, in one line
    source: str  # the sharing agency, or "Community report"
    grading: str  # the latest grading, "2B P", or "" when not graded
    match: str = ""  # why a search found it


@dataclass(frozen=True)
class Associate:
    entity: Entity
    shared: int  # the submissions that mention both


@dataclass(frozen=True)
class EntityRecord:
    entity: Entity
    details: list[tuple[str, str]]
    rows: list[MentionRow]
    more: bool  # more mentions than the page shows
    associates: list[Associate]


DETAIL_LABELS = {
    "format": "Registration format",
    "make": "Makes reported",
    "model": "Models reported",
    "colour": "Colours reported",
    "marks": "Marks reported",
    "e164": "International form",
    "unread": "Recognised as a phone number",
    "names": "Names given",
    "addresses": "Addresses given",
    "kinds": "Kind of place",
}
FORMATS = {
    "current": "Current (since 2001)",
    "prefix": "Prefix (1983 to 2001)",
    "suffix": "Suffix (1963 to 1983)",
    "dateless": "Dateless",
    "other": "Not a UK format",
}


def _detail(name: str, value: Any) -> str:
    if name == "unread":
        return "No: matched on the digits as written" if value else "Yes"
    if name == "format":
        return FORMATS.get(str(value), str(value))
    if name == "kinds":
        return ", ".join(str(LocationKind(kind).label) if kind in LocationKind.values else str(kind) for kind in value)
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return "Yes" if value is True else "No" if value is False else str(value)


def entity_details(entity: Entity) -> list[tuple[str, str]]:
    """The entity's attributes as the page lists them."""
    shown = [
        (DETAIL_LABELS.get(name, name.replace("_", " ").capitalize()), _detail(name, value))
        for name, value in entity.attributes.items()
    ]
    return [(label, text) for label, text in shown if text]


def _text(attributes: dict[str, Any], *names: str) -> list[str]:
    return [str(attributes[name]).strip() for name in names if str(attributes.get(name) or "").strip()]


def mention_summary(mention: Mention) -> str:
    """A mention as it was reported: 'AB12 CDE, silver Ford Focus', 'Dean Example (Deano), about 30'."""
    given = mention.attributes
    if mention.kind == EntityKind.VEHICLE:
        plate = registration_display(mention.key) if mention.key else str(given.get("registration", ""))
        details = " ".join(_text(given, "colour", "make", "model"))
        marks = _text(given, "marks")
        return ", ".join(part for part in (plate or "Registration not known", details, *marks) if part)
    if mention.kind == EntityKind.PERSON:
        name = (given.get("name") or "Name not known") + (f" ({given['nickname']})" if given.get("nickname") else "")
        age = f"about {given['age_estimate']}" if given.get("age_estimate") not in (None, "") else ""
        return ", ".join(part for part in (name, age, *_text(given, "gender", "description")) if part)
    if mention.kind == EntityKind.PHONE:
        known = mention.key and not phone_unread(mention.key)
        return phone_display(mention.key) if known else str(given.get("number", ""))
    if mention.kind == EntityKind.ONLINE_ACCOUNT:
        platform, _, handle = mention.key.partition(":")
        return f"{handle} ({platform_name(platform)})" if handle else str(given.get("handle", ""))
    return ", ".join(_text(given, "name", "address", "postcode")) or "Place not described"


def with_grading(mentions: QuerySet[Mention]) -> QuerySet[Mention]:
    latest = Grading.objects.filter(submission=OuterRef("submission_id")).order_by("-graded_at", "-id")
    return mentions.select_related("submission__agency", "entity").annotate(
        grade_source=Subquery(latest.values("source_evaluation")[:1]),
        grade_assessment=Subquery(latest.values("intelligence_assessment")[:1]),
        grade_handling=Subquery(latest.values("handling_code")[:1]),
    )


def mention_rows(mentions: Iterable[Mention], matches: dict[int, str] | None = None) -> list[MentionRow]:
    """Rows for mentions read through `with_grading`."""
    rows = []
    for mention in mentions:
        submission = mention.submission
        if submission.source == SubmissionSource.COMMUNITY:
            source = "Community report"
        else:
            source = submission.agency.name if submission.agency else "Professional"
        grade = getattr(mention, "grade_source", None)
        grading = f"{grade}{mention.grade_assessment} {mention.grade_handling}" if grade else ""  # type: ignore[attr-defined]
        rows.append(MentionRow(mention, mention_summary(mention), source, grading, (matches or {}).get(mention.pk, "")))
    return rows


def entity_detail_read(*, user: User, entity_id: int, context: AccessContext) -> EntityRecord:
    """The entity page. Writes one event for the entity and one for the submissions it lists."""
    entity = access_entity(user, entity_id)
    with transaction.atomic():
        mentions = with_grading(entity.mentions.all()).order_by("-submission__received_at", "-id")
        rows = mention_rows(mentions[: MENTIONS_SHOWN + 1])
        submission_ids = set(entity.mentions.values_list("submission_id", flat=True))
        shared = (
            Mention.objects.filter(submission_id__in=submission_ids, entity__isnull=False)
            .exclude(entity=entity)
            .values("entity_id")
            .annotate(shared=Count("submission_id", distinct=True))
            .order_by("-shared", "entity_id")[:ASSOCIATES_SHOWN]
        )
        counts = {row["entity_id"]: row["shared"] for row in shared}
        others = Entity.objects.in_bulk(list(counts))
        associates = [Associate(others[pk], count) for pk, count in counts.items() if pk in others]
        access_event_record(
            user=user, action=AccessAction.VIEW, object_type="entity", object_ids=[entity.pk], context=context
        )
        shown = sorted({row.mention.submission_id for row in rows[:MENTIONS_SHOWN]})
        access_event_record(
            user=user, action=AccessAction.LIST, object_type="submission", object_ids=shown, context=context
        )
    return EntityRecord(entity, entity_details(entity), rows[:MENTIONS_SHOWN], len(rows) > MENTIONS_SHOWN, associates)


def entities_export() -> Iterator[dict[str, Any]]:
    """Every entity with the references of the submissions that mention it, oldest entity first."""
    entities = Entity.objects.order_by("id")
    chunk: list[Entity] = []
    for entity in entities.iterator(chunk_size=EXPORT_CHUNK):
        chunk.append(entity)
        if len(chunk) == EXPORT_CHUNK:
            yield from _exported(chunk)
            chunk = []
    yield from _exported(chunk)


def _exported(entities: list[Entity]) -> Iterator[dict[str, Any]]:
    pairs = (
        Mention.objects.filter(entity__in=entities)
        .order_by("entity_id", "submission__reference")
        .values_list("entity_id", "submission__reference")
        .distinct()
    )
    references = {pk: [reference for _, reference in group] for pk, group in groupby(pairs, lambda pair: pair[0])}
    for entity in entities:
        yield {
            "id": entity.pk,
            "kind": entity.kind,
            "key": entity.key,
            "label": entity.label,
            "attributes": entity.attributes,
            "references": references.get(entity.pk, []),
        }
