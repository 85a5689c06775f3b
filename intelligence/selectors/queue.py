"""Reads of submissions: the police queue, a professional's own submissions, and one submission's
record. Each read of the children a submission concerns writes one access event."""

import datetime as dt
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from audit.models import AccessAction
from audit.services import access_event_record, children_access_record
from children.access import child_visible_queryset
from children.models import Child
from core.crypto import DecryptionError, decrypt_text
from core.paging import Page
from core.request_context import AccessContext
from intelligence.access import (
    access_submission,
    access_submission_as_officer,
    is_intelligence_officer,
    require_intelligence_officer,
)
from intelligence.models import (
    EntityKind,
    Grading,
    Knowledge,
    LocationKind,
    Mention,
    Submission,
    SubmissionChild,
    SubmissionSource,
    SubmissionStatus,
)
from intelligence.sanitise import SanitisedView
from intelligence.selectors.sanitised import latest_gradings, sanitised_view_of

GRADED_SHOWN = 50
QUEUE_PAGE = 50  # rows a page of the queue shows; the rest are on the next pages, never cut
REPORTER_IDENTITY = "reporter identity"

KIND_COUNTED = {
    EntityKind.PERSON: ("person", "people"),
    EntityKind.VEHICLE: ("vehicle", "vehicles"),
    EntityKind.LOCATION: ("place", "places"),
    EntityKind.PHONE: ("phone", "phones"),
    EntityKind.ONLINE_ACCOUNT: ("online account", "online accounts"),
}
GROUP_HEADINGS = {
    EntityKind.PERSON: "Suspected offenders",
    EntityKind.VEHICLE: "Vehicles",
    EntityKind.LOCATION: "Places",
    EntityKind.PHONE: "Phone numbers",
    EntityKind.ONLINE_ACCOUNT: "Online accounts",
}
ATTRIBUTE_LABELS = {
    "name": "Name",
    "nickname": "Nickname or street name",
    "age_estimate": "Approximate age",
    "gender": "Gender",
    "description": "Description",
    "registration": "Registration",
    "make": "Make",
    "model": "Model",
    "colour": "Colour",
    "marks": "Marks",
    "address": "Address",
    "postcode": "Postcode",
    "kind": "Kind of place",
    "number": "Number",
    "platform": "Platform",
    "handle": "Account name",
}


@dataclass(frozen=True)
class QueueRow:
    submission: Submission
    children_count: int
    mentions_summary: str
    graded_at: dt.datetime | None = None

    @property
    def source_text(self) -> str:
        if self.submission.source == SubmissionSource.COMMUNITY:
            return "Member of the public"
        return self.submission.agency.name if self.submission.agency else "Professional"


QueuePage = Page[QueueRow]  # one page of the submissions waiting to be graded


@dataclass(frozen=True)
class Queue:
    new: QueuePage
    graded: list[QueueRow]


@dataclass(frozen=True)
class MentionRow:
    mention: Mention
    details: list[tuple[str, str]]


@dataclass(frozen=True)
class MentionGroup:
    kind: str
    heading: str
    rows: list[MentionRow]


@dataclass(frozen=True)
class OwnSubmission:
    submission: Submission
    sanitised: SanitisedView | None


@dataclass(frozen=True, kw_only=True)
class SubmissionRecord:
    submission: Submission
    as_officer: bool
    when: str
    mention_groups: list[MentionGroup]
    children: list[Child]
    children_not_shown: int = 0
    reporter_identity: str = ""
    identity_unreadable: bool = False
    gradings: list[Grading] = field(default_factory=list)
    sanitised: SanitisedView | None = None

    @property
    def knowledge_text(self) -> str:
        return str(Knowledge(self.submission.knowledge).label)


def occurred_words(occurred_from: dt.datetime | None, occurred_to: dt.datetime | None, text: str) -> str:
    """When it happened, as the form took it: a day (from midnight to the day's end), a moment, words."""
    parts: list[str] = []
    if occurred_from is not None:
        start = timezone.localtime(occurred_from)
        whole_day = (
            occurred_to is not None
            and start.time() == dt.time(0)
            and occurred_to - occurred_from >= dt.timedelta(hours=23, minutes=59)
        )
        parts.append(f"{start:%-d %B %Y}" if whole_day else f"{start:%-d %B %Y at %H:%M}")
    if text.strip():
        parts.append(text.strip())
    return "; ".join(parts) or "Not said"


def _mentions_summary(counts: Counter[str]) -> str:
    words = []
    for kind, (one, many) in KIND_COUNTED.items():
        if counts[kind]:
            words.append(f"{counts[kind]} {one if counts[kind] == 1 else many}")
    return ", ".join(words) or "None named"


def _rows(submissions: Sequence[Submission], graded_at: dict[int, dt.datetime | None] | None = None) -> list[QueueRow]:
    ids = [submission.pk for submission in submissions]
    mention_counts: dict[int, Counter[str]] = defaultdict(Counter)
    for submission_id, kind in (
        Mention.objects.filter(submission_id__in=ids).order_by().values_list("submission_id", "kind")
    ):
        mention_counts[submission_id][kind] += 1
    children = Counter(
        SubmissionChild.objects.filter(submission_id__in=ids).order_by().values_list("submission_id", flat=True)
    )
    return [
        QueueRow(
            submission=submission,
            children_count=children[submission.pk],
            mentions_summary=_mentions_summary(mention_counts[submission.pk]),
            graded_at=(graded_at or {}).get(submission.pk),
        )
        for submission in submissions
    ]


def _log_children(*, user: User, action: AccessAction, child_ids: list[uuid.UUID], context: AccessContext) -> None:
    children_access_record(user=user, action=action, child_ids=child_ids, context=context)


def submission_queue(*, user: User, context: AccessContext, page: int = 1, per_page: int | None = None) -> Queue:
    """New submissions a page at a time, urgent first and then oldest first (they wait longest), sorted
    in the database so that each is on exactly one page (a page past the last is empty); the latest
    graded."""
    require_intelligence_officer(user)
    page, per_page = max(page, 1), per_page or QUEUE_PAGE
    with transaction.atomic():
        base = Submission.objects.select_related("agency")
        waiting = base.filter(status=SubmissionStatus.NEW).order_by("-urgent", "received_at", "id")
        total = waiting.count()
        start = (page - 1) * per_page
        new = list(waiting[start : start + per_page]) if start < total else []
        graded = list(
            base.filter(status=SubmissionStatus.GRADED)
            .annotate(last_graded_at=Max("gradings__graded_at"))
            .order_by("-last_graded_at", "-id")[:GRADED_SHOWN]
        )
        queue = Queue(
            new=QueuePage(rows=_rows(new), total=total, page=page, per_page=per_page),
            graded=_rows(graded, {s.pk: getattr(s, "last_graded_at", None) for s in graded}),
        )
        shown = [submission.pk for submission in new + graded]
        child_ids = list(
            SubmissionChild.objects.filter(submission_id__in=shown).values_list("child_id", flat=True).distinct()
        )
        _log_children(user=user, action=AccessAction.LIST, child_ids=child_ids, context=context)
    return queue


def own_submissions(*, user: User, context: AccessContext) -> list[OwnSubmission]:
    """The professional's own submissions, newest first; once graded, only the sanitised view."""
    with transaction.atomic():
        submissions = list(Submission.objects.filter(submitted_by=user).order_by("-received_at", "-id")[:200])
        latest = latest_gradings(submission_ids=[submission.pk for submission in submissions])
        rows = [
            OwnSubmission(
                submission=submission,
                sanitised=sanitised_view_of(latest[submission.pk]) if submission.pk in latest else None,
            )
            for submission in submissions
        ]
        # The sanitised summaries are about the children these submissions concern.
        child_ids = list(
            SubmissionChild.objects.filter(submission__in=[row.submission for row in rows if row.sanitised])
            .values_list("child_id", flat=True)
            .distinct()
        )
        _log_children(user=user, action=AccessAction.LIST, child_ids=child_ids, context=context)
    return rows


def _details(mention: Mention) -> list[tuple[str, str]]:
    details = []
    for name, label in ATTRIBUTE_LABELS.items():
        value = mention.attributes.get(name)
        if value in (None, "", []):
            continue
        if name == "kind" and value in LocationKind.values:
            value = LocationKind(value).label
        details.append((label, str(value)))
    if "person" in mention.attributes:
        details.append(("Used by", f"Suspected offender {int(mention.attributes['person']) + 1}"))
    return details


def _mention_groups(submission: Submission) -> list[MentionGroup]:
    by_kind: dict[str, list[MentionRow]] = defaultdict(list)
    for mention in submission.mentions.order_by("kind", "position", "id"):
        by_kind[mention.kind].append(MentionRow(mention=mention, details=_details(mention)))
    return [MentionGroup(kind=kind, heading=heading, rows=by_kind[kind]) for kind, heading in GROUP_HEADINGS.items()]


def _reporter_identity(submission: Submission) -> tuple[str, bool]:
    if not submission.reporter_identity or not bytes(submission.reporter_identity):
        return "", False
    try:
        return decrypt_text(bytes(submission.reporter_identity)), False
    except DecryptionError:
        return "", True


def submission_record_read(*, user: User, submission_id: int, context: AccessContext) -> SubmissionRecord:
    """Everything for police intelligence, the reporter's identity included (and logged each time it is
    shown); for the professional who submitted it, what they wrote, its status and the sanitised view."""
    as_officer = is_intelligence_officer(user)
    with transaction.atomic():
        submission = access_submission(user, submission_id)
        linked = Child.objects.filter(intelligence_links__submission=submission).order_by("last_name", "first_name")
        children = list(linked if as_officer else linked.filter(pk__in=child_visible_queryset(user).values("pk")))
        record = SubmissionRecord(
            submission=submission,
            as_officer=as_officer,
            when=occurred_words(submission.occurred_from, submission.occurred_to, submission.occurred_text),
            mention_groups=_mention_groups(submission),
            children=children,
            children_not_shown=linked.count() - len(children),
        )
        if as_officer:
            identity, unreadable = _reporter_identity(submission)
            record = replace(
                record,
                reporter_identity=identity,
                identity_unreadable=unreadable,
                gradings=list(submission.gradings.select_related("graded_by").order_by("-graded_at", "-id")),
            )
            if identity:
                access_event_record(
                    user=user,
                    action=AccessAction.VIEW,
                    object_type="submission",
                    object_ids=[submission.pk],
                    context=replace(context, reason=REPORTER_IDENTITY),
                )
        else:
            latest = latest_gradings(submission_ids=[submission.pk]).get(submission.pk)
            record = replace(record, sanitised=sanitised_view_of(latest) if latest else None)
        _log_children(user=user, action=AccessAction.VIEW, child_ids=[c.pk for c in children], context=context)
    return record


@dataclass(frozen=True)
class SubmissionGradingRead:
    submission: Submission
    latest: Grading | None


def submission_grading_read(*, user: User, submission_id: int, context: AccessContext) -> SubmissionGradingRead:
    """A submission to grade, police intelligence only, with its latest grading. The page shows what was
    reported, which is about the children the submission concerns: one access event for them."""
    with transaction.atomic():
        submission = access_submission_as_officer(user, submission_id)
        latest = submission.gradings.select_related("graded_by").order_by("-graded_at", "-id").first()
        child_ids = list(submission.children.values_list("child_id", flat=True))
        if child_ids:
            access_event_record(
                user=user, action=AccessAction.VIEW, object_type="child", object_ids=child_ids, context=context
            )
    return SubmissionGradingRead(submission=submission, latest=latest)


def submission_detail_read(*, user: User, submission_id: int, context: AccessContext) -> Submission:
    """A submission for the API (police intelligence, or the professional who submitted it), with one
    access event for the children it concerns."""
    with transaction.atomic():
        submission = access_submission(user, submission_id)
        _log_children(
            user=user,
            action=AccessAction.VIEW,
            child_ids=[link.child_id for link in submission.children.all()],
            context=context,
        )
    return submission


def submission_created_read(*, user: User, submission: Submission, context: AccessContext) -> Submission:
    """The submission just recorded, as the API hands it back: its children logged as read."""
    _log_children(
        user=user,
        action=AccessAction.VIEW,
        child_ids=[link.child_id for link in submission.children.all()],
        context=context,
    )
    return submission
