"""Writes for minutes (issue 4, item 4): the discussion and decisions against each agenda item of a held
meeting. The chair approves a version; an approved version is locked for good, and a correction is a
new version, copied from the approved one, that the chair approves in turn."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from children.models import ChronologyKind
from children.services import chronology_entry_create
from meetings.access import may_approve_minutes, may_write_minutes
from meetings.models import Meeting, MeetingKind, MeetingStatus, MinuteItem, Minutes

MAX_TEXT = 20000


@dataclass(frozen=True)
class MinuteText:
    discussion: str
    decisions: str


def _locked(meeting: Meeting) -> Meeting:
    """Every write to a meeting's minutes takes the meeting's row first, so that a save, an approval
    and a correction never interleave."""
    locked: Meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    return locked


def _writer_check(meeting: Meeting, by: User) -> None:
    if not may_write_minutes(by, meeting):
        raise PermissionDenied("Only those who run this meeting write or correct its minutes.")


def _latest(meeting: Meeting) -> Minutes | None:
    latest: Minutes | None = meeting.minutes.order_by("-version").first()
    return latest


def _approved_text(minutes: Minutes) -> str:
    approved = timezone.localtime(minutes.approved_at) if minutes.approved_at else None
    return f" on {approved.day} {approved:%B %Y}" if approved else ""


def _locked_refusal(minutes: Minutes) -> ValidationError:
    return ValidationError(
        f"Version {minutes.version} of the minutes was approved{_approved_text(minutes)} and is locked. "
        "Start a correction to change them."
    )


@transaction.atomic
def minutes_draft_save(*, meeting: Meeting, texts: Mapping[int, MinuteText], by: User) -> Minutes:
    """Save the draft: the first save of a held meeting starts version 1 with an item for each agenda
    item. `texts` is keyed by agenda item id. It can be saved as often as needed until approved."""
    meeting = _locked(meeting)
    _writer_check(meeting, by)
    if meeting.status == MeetingStatus.PLANNED:
        raise ValidationError("Record the meeting as held before writing its minutes.")
    for agenda_item_id, text in texts.items():
        for field, value in (("discussion", text.discussion), ("decisions", text.decisions)):
            if len(value.strip()) > MAX_TEXT:
                label = "The discussion" if field == "discussion" else "The decisions"
                raise ValidationError({f"{field}_{agenda_item_id}": f"{label} must be {MAX_TEXT} characters or fewer"})
    minutes = _latest(meeting)
    if minutes is None:
        minutes = Minutes.objects.create(meeting=meeting, version=1, created_by=by)
        MinuteItem.objects.bulk_create(
            [MinuteItem(minutes=minutes, agenda_item=item) for item in meeting.agenda_items.order_by("position")]
        )
    elif minutes.approved:
        raise _locked_refusal(minutes)
    items = {item.agenda_item_id: item for item in minutes.items.all()}
    if set(texts) - set(items):
        raise ValidationError("Some of the minutes are for an item that is not on this meeting's agenda.")
    for agenda_item_id, text in texts.items():
        items[agenda_item_id].discussion = text.discussion.strip()
        items[agenda_item_id].decisions = text.decisions.strip()
    MinuteItem.objects.bulk_update([items[agenda_item_id] for agenda_item_id in texts], ["discussion", "decisions"])
    return minutes


def _meeting_name(meeting: Meeting) -> str:
    local = timezone.localtime(meeting.starts_at)
    name = "MEG" if meeting.kind == MeetingKind.MEG else MeetingKind(meeting.kind).label.lower()
    return f"{name} of {local.day} {local:%B %Y}"


def _decisions_to_chronology(minutes: Minutes, previous: Minutes | None, by: User) -> int:
    """Each child's own decisions go on their chronology, and nothing about any other child. A
    corrected version writes only for the children whose decisions it changed."""
    before: dict[int, str] = {}
    if previous is not None:
        before = dict(previous.items.values_list("agenda_item_id", "decisions"))
    meeting = minutes.meeting
    written = 0
    for item in minutes.items.select_related("agenda_item__child").filter(agenda_item__child__isnull=False):
        child = item.agenda_item.child
        assert child is not None  # filtered above
        if previous is None:
            if not item.decisions:
                continue
            summary = f"Decisions of the {_meeting_name(meeting)}: {item.decisions}"
        else:
            if item.decisions == before.get(item.agenda_item_id, ""):
                continue
            summary = (
                f"Decisions of the {_meeting_name(meeting)} corrected (minutes version {minutes.version}): "
                f"{item.decisions or 'no decisions recorded.'}"
            )
        chronology_entry_create(
            child=child,
            recorded_by=by,
            kind=ChronologyKind.MEETING,
            summary=summary,
            source=f"{meeting}, minutes version {minutes.version}"[:200],
            occurred_at=meeting.starts_at,
        )
        written += 1
    return written


@transaction.atomic
def minutes_approve(*, minutes: Minutes, by: User) -> Minutes:
    """The chair approves a version: it is locked from now on, and each child's decisions go on their
    chronology."""
    meeting = _locked(minutes.meeting)
    minutes = Minutes.objects.select_related("meeting").get(pk=minutes.pk)
    if not may_approve_minutes(by, meeting):
        raise ValidationError("Only the chair of the meeting can approve its minutes.")
    if minutes.approved:
        raise ValidationError(
            f"Version {minutes.version} of the minutes was already approved{_approved_text(minutes)}."
        )
    latest = _latest(meeting)
    if latest is None or latest.pk != minutes.pk:
        raise ValidationError("A later version of the minutes has been started: approve that one instead.")
    previous = (
        meeting.minutes.filter(version__lt=minutes.version, approved_at__isnull=False).order_by("-version").first()
    )
    minutes.approved_at = timezone.now()
    minutes.approved_by = by
    minutes.save(update_fields=["approved_at", "approved_by"])
    if meeting.status != MeetingStatus.MINUTES_APPROVED:
        meeting.status = MeetingStatus.MINUTES_APPROVED
        meeting.save(update_fields=["status"])
    minutes.meeting = meeting
    _decisions_to_chronology(minutes, previous, by)
    return minutes


@transaction.atomic
def minutes_correction_start(*, meeting: Meeting, reason: str, by: User) -> Minutes:
    """A new version, copied from the approved one, to correct it. The approved version stays as it was."""
    meeting = _locked(meeting)
    _writer_check(meeting, by)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"correction_reason": "Say why the minutes need correcting"})
    if len(reason) > 5000:
        raise ValidationError({"correction_reason": "The reason must be 5000 characters or fewer"})
    latest = _latest(meeting)
    if latest is None:
        raise ValidationError("There are no approved minutes to correct yet.")
    if not latest.approved:
        raise ValidationError(f"Version {latest.version} of the minutes is still a draft: change it instead.")
    correction: Minutes = Minutes.objects.create(
        meeting=meeting, version=latest.version + 1, correction_reason=reason, created_by=by
    )
    MinuteItem.objects.bulk_create(
        [
            MinuteItem(
                minutes=correction,
                agenda_item_id=item.agenda_item_id,
                discussion=item.discussion,
                decisions=item.decisions,
            )
            for item in latest.items.all()
        ]
    )
    return correction
