"""Recording a submission: the information sharing form, a community report, an API call or a line of
a bulk import all come here, so that every route stores, links and resolves a submission the same way."""

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Agency, User
from children.access import child_ids_visible
from children.models import Child
from core.bulk import rows_insert
from core.crypto import encrypt_text
from intelligence.inputs import LocationInput, OnlineAccountInput, PersonInput, SubmissionInput, VehicleInput
from intelligence.models import EntityKind, Knowledge, Mention, Submission, SubmissionChild, SubmissionSource
from intelligence.normalise import is_partial_registration, mention_key, mention_search_text, registration_key
from intelligence.services.overview import network_overview_refresh_request
from intelligence.services.resolution import entities_refresh, mentions_resolve, mentions_resolve_many

logger = logging.getLogger(__name__)

MAX_NARRATIVE = 20_000
MAX_MENTIONS = 200
SOURCES = frozenset(SubmissionSource.values)  # read once: `values` builds a new list each time
KNOWLEDGE = frozenset(Knowledge.values)
BULK_BATCH = 1000  # entities refreshed at a time


def _reference() -> str:
    # Random rather than sequential: community reports arrive concurrently from anyone, and a number
    # that counts them would tell a reporter how many others have written.
    return f"INT-{timezone.localdate():%Y%m%d}-{secrets.token_hex(4).upper()}"


def _errors(data: SubmissionInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.source not in SOURCES:
        errors["source"] = "Say whether this comes from a professional or a member of the public"
    if not data.narrative.strip():
        errors["narrative"] = "Describe what was seen or heard"
    elif len(data.narrative) > MAX_NARRATIVE:
        errors["narrative"] = f"Describe what was seen or heard in {MAX_NARRATIVE:,} characters or fewer"
    if data.knowledge not in KNOWLEDGE:
        errors["knowledge"] = "Say how you know this"
    if data.occurred_from and data.occurred_to and data.occurred_to < data.occurred_from:
        errors["occurred_to"] = "The end of when it happened must be after its start"
    mentions = len(data.persons) + len(data.vehicles) + len(data.locations) + len(data.phones)
    if mentions + len(data.online_accounts) > MAX_MENTIONS:
        errors["narrative"] = f"A submission can name at most {MAX_MENTIONS} people, vehicles, places and numbers"
    return errors


def _mention(submission: Submission, kind: str, position: int, attributes: dict[str, Any]) -> Mention:
    cleaned = {name: value for name, value in attributes.items() if value not in ("", None, [])}
    mention = Mention(
        submission=submission,
        kind=kind,
        position=position,
        attributes=cleaned,
        key=mention_key(kind, cleaned),
        search_text=mention_search_text(kind, cleaned)[:300],
    )
    if kind == EntityKind.VEHICLE:
        mention.partial = is_partial_registration(registration_key(str(cleaned.get("registration", ""))))
    mention.anchors_fill()
    return mention


def _account(account: OnlineAccountInput, **extra: Any) -> dict[str, Any]:
    return {"platform": account.platform, "handle": account.handle, **extra}


def _fields(value: PersonInput | VehicleInput | LocationInput) -> dict[str, Any]:
    """The input's fields by name, as they are (`asdict` copies every list inside, and is slow)."""
    return {item.name: getattr(value, item.name) for item in fields(value)}


def _mentions(submission: Submission, data: SubmissionInput) -> list[Mention]:
    mentions: list[Mention] = []
    for index, person in enumerate(data.persons):
        details = {key: value for key, value in _fields(person).items() if key not in ("phones", "online_accounts")}
        person_mention = _mention(submission, EntityKind.PERSON, index, details)
        if not person_mention.attributes and (person.phones or person.online_accounts):
            # Someone known only by a number or an account is still someone: keep them, so that the
            # phone and account tied to them have a person to belong to.
            person_mention.attributes = {"unnamed": True}
        mentions.append(person_mention)
        # A person's phones and accounts are mentions of their own, tied to the person by position, so
        # that each resolves by its exact key and the network links them to the person.
        mentions += [
            _mention(submission, EntityKind.PHONE, len(mentions), {"number": number, "person": index})
            for number in person.phones
        ]
        mentions += [
            _mention(submission, EntityKind.ONLINE_ACCOUNT, len(mentions), _account(account, person=index))
            for account in person.online_accounts
        ]
    mentions += [_mention(submission, EntityKind.VEHICLE, i, _fields(v)) for i, v in enumerate(data.vehicles)]
    mentions += [_mention(submission, EntityKind.LOCATION, i, _fields(p)) for i, p in enumerate(data.locations)]
    mentions += [_mention(submission, EntityKind.PHONE, 1000 + i, {"number": n}) for i, n in enumerate(data.phones)]
    mentions += [
        _mention(submission, EntityKind.ONLINE_ACCOUNT, 1000 + i, _account(account))
        for i, account in enumerate(data.online_accounts)
    ]
    return [mention for mention in mentions if mention.attributes]


def submission_record(
    *, data: SubmissionInput, by: User | None = None, agency: Agency | None = None, link_people: bool = True
) -> tuple[Submission, bool]:
    """Store a submission with its mentions and children, and resolve what can be resolved at once:
    exact keys inside the transaction, people (Splink) by a background task queued in the same
    transaction, so that a worker links them once the submission is stored. A bulk import passes
    `link_people=False` and links everyone in one batch afterwards (`resolve_entities`).
    Returns the submission and whether it was created: a repeated idempotency key returns the first
    submission and creates nothing."""
    key = data.idempotency_key.strip()
    if key:
        existing = Submission.objects.filter(idempotency_key=key).first()
        if existing is not None:
            return existing, False
    errors = _errors(data)
    children = list(Child.objects.filter(pk__in=data.children))
    if len(children) != len(set(data.children)):
        errors["children"] = "Choose children from the list"
    elif by is not None and child_ids_visible(by, data.children) != set(data.children):
        # A professional names only children they may see: naming one gives police intelligence sight of it.
        errors["children"] = "Choose children from the list: you may name only children whose record you can see"
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            submission = _create(data=data, by=by, agency=agency, children=children, key=key)
            if link_people:
                _people_link_enqueue(submission)
            network_overview_refresh_request()
    except IntegrityError:
        # The same report submitted twice at the same moment: the other request stored it.
        if key:
            existing = Submission.objects.filter(idempotency_key=key).first()
            if existing is not None:
                return existing, False
        if data.reference and Submission.objects.filter(reference=data.reference).exists():
            raise ValidationError({"reference": f"A submission with reference {data.reference} exists"}) from None
        raise
    return submission, True


def _people_link_enqueue(submission: Submission) -> None:
    """Queue the linking of the submission's people. Splink takes seconds, too long for the request of
    a member of the public or a professional; the database backend writes the task in this
    transaction, so a worker sees it only once the submission is stored, and never without it."""
    from intelligence.tasks import submission_people_link_task  # the task module imports this one

    submission_people_link_task.enqueue(submission_id=submission.pk)


def submission_people_link(*, submission: Submission) -> None:
    """Link the submission's people to those already known (the background task's work): a failure here
    must never lose a report, and the next `resolve_entities` run links what this one could not."""
    from intelligence.services.linkage import person_mentions_link  # Splink loads only when needed

    try:
        person_mentions_link(submission=submission)
    except Exception:
        logger.exception("Linking the people of %s failed; resolve_entities will link them.", submission.reference)


def _submission(*, data: SubmissionInput, by: User | None, agency: Agency | None, key: str) -> Submission:
    """The submission row as every route stores it, not yet saved."""
    return Submission(
        reference=data.reference.strip() or _reference(),
        source=data.source,
        received_at=data.received_at or timezone.now(),
        area_id=data.area_id,
        agency=agency,
        submitted_by=by,
        narrative=data.narrative.strip(),
        knowledge=data.knowledge,
        knowledge_detail=data.knowledge_detail.strip(),
        occurred_from=data.occurred_from,
        occurred_to=data.occurred_to,
        occurred_text=data.occurred_text.strip(),
        children_text=data.children_text.strip(),
        urgent=data.urgent,
        idempotency_key=key or None,
        reporter_identity=encrypt_text(data.reporter_identity.strip()) if data.reporter_identity.strip() else b"",
    )


def _create(
    *, data: SubmissionInput, by: User | None, agency: Agency | None, children: list[Child], key: str
) -> Submission:
    submission = _submission(data=data, by=by, agency=agency, key=key)
    submission.save(force_insert=True)
    SubmissionChild.objects.bulk_create([SubmissionChild(submission=submission, child=child) for child in children])
    Mention.objects.bulk_create(_mentions(submission, data))
    mentions_resolve(submission=submission)
    return submission


@dataclass(frozen=True, kw_only=True)
class Imported:
    """One submission of a bulk import, checked: its children are known and `submission_errors` is
    empty (as `submission_record` would check them)."""

    data: SubmissionInput
    agency: Agency | None = None


def submission_errors(*, data: SubmissionInput) -> dict[str, str]:
    """What `submission_record` would refuse in the submission itself, by field (its children and who
    may name them aside)."""
    return _errors(data)


@transaction.atomic
def submissions_record_many(*, submissions: Sequence[Imported]) -> list[Submission]:
    """Store many submissions of a bulk import in one transaction, as `submission_record` stores each
    (`link_people=False`): the same rows, mentions, keys, anchors and exact-key entities, with a few
    queries for the whole batch rather than tens for each. All or nothing: any failure (a reference
    stored meanwhile, a child removed) rolls the whole batch back and raises. A repeated reference
    fails the batch, so the caller skips those already stored."""
    errors = {item.data.reference: _errors(item.data) for item in submissions}
    if any(errors.values()):
        raise ValidationError({ref: list(problems.values()) for ref, problems in errors.items() if problems})
    rows = [_submission(data=item.data, by=None, agency=item.agency, key="") for item in submissions]
    rows_insert(rows, ids=True)
    rows_insert(
        [
            SubmissionChild(submission=row, child_id=child)
            for row, item in zip(rows, submissions, strict=True)
            for child in dict.fromkeys(item.data.children)
        ]
    )
    mentions = [mention for row, item in zip(rows, submissions, strict=True) for mention in _mentions(row, item.data)]
    mentions_resolve_many(mentions=mentions)
    rows_insert(mentions)  # each with its anchors (`_mention`), as the constraint requires
    touched = list({mention.entity.pk: mention.entity for mention in mentions if mention.entity is not None}.values())
    for start in range(0, len(touched), BULK_BATCH):
        entities_refresh(entities=touched[start : start + BULK_BATCH])
    network_overview_refresh_request()
    return rows
