"""Reads for the child's voice: letters, carers and feedback. They name children: the pages read them
through the `_read` selectors, which gate the meeting and the child and log the read in the same
transaction."""

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from audit.models import AccessAction
from audit.services import children_access_record
from children.access import access_child
from children.models import Carer, Child
from core.request_context import AccessContext
from meetings.access import access_meeting, access_meeting_letters
from meetings.agenda import AgendaEntry
from meetings.models import Feedback, Letter, LetterTemplate, Meeting, MeetingKind, MeetingStatus
from meetings.selectors.agenda import meeting_agenda, meeting_previous


def letter_templates_of(*, area_ids: Iterable[int]) -> QuerySet[LetterTemplate]:
    return LetterTemplate.objects.filter(area_id__in=list(area_ids)).select_related("area", "updated_by")


def letter_template_of(*, area_ids: Iterable[int], template_id: int) -> LetterTemplate:
    try:
        template: LetterTemplate = letter_templates_of(area_ids=area_ids).get(pk=template_id)
    except LetterTemplate.DoesNotExist as missing:
        raise Http404("No letter template found.") from missing
    return template


def agenda_entry_of(*, meeting: Meeting, child_id: uuid.UUID) -> AgendaEntry:
    """The child's entry on the meeting's agenda; not found when the child is not on it."""
    for entry in meeting_agenda(meeting=meeting).children:
        if entry.child_id == child_id:
            return entry
    raise Http404("The child is not on this meeting's agenda.")


def letter_of_meeting(*, meeting: Meeting, letter_id: int) -> Letter:
    try:
        letter: Letter = (
            Letter.objects.select_related("child", "carer", "sent_by", "created_by", "template")
            .filter(meeting=meeting)
            .get(pk=letter_id)
        )
    except Letter.DoesNotExist as missing:
        raise Http404("No letter found.") from missing
    return letter


@dataclass
class ChildLetters:
    entry: AgendaEntry
    child: Child
    carers: list[Carer] = field(default_factory=list)
    letters: list[Letter] = field(default_factory=list)

    @property
    def unsent(self) -> int:
        return sum(1 for letter in self.letters if letter.sent_at is None)


def meeting_letters(*, meeting: Meeting) -> list[ChildLetters]:
    """For each child on the meeting's agenda, in agenda order: their parents and carers and the letters
    written for this meeting."""
    entries = meeting_agenda(meeting=meeting).children if meeting.kind == MeetingKind.MEG else []
    children = Child.objects.in_bulk([entry.child_id for entry in entries])
    rows = {entry.child_id: ChildLetters(entry=entry, child=children[entry.child_id]) for entry in entries}
    for carer in Carer.objects.filter(child_id__in=rows).order_by("name", "id"):
        rows[carer.child_id].carers.append(carer)
    letters = Letter.objects.filter(meeting=meeting, child_id__in=rows).select_related("carer", "sent_by")
    for letter in letters.order_by("audience", "recipient_name", "id"):
        rows[letter.child_id].letters.append(letter)
    return list(rows.values())


def feedback_since(
    *, child_ids: Iterable[uuid.UUID], since: dt.date | None, until: dt.date | None = None
) -> list[Feedback]:
    """The feedback the children and their families gave from `since` (inclusive, so that nothing said
    on the day of the last meeting is lost) up to `until` (inclusive), oldest first."""
    feedback = Feedback.objects.filter(child_id__in=list(child_ids)).select_related("carer", "recorded_by")
    if since is not None:
        feedback = feedback.filter(received_on__gte=since)
    if until is not None:
        feedback = feedback.filter(received_on__lte=until)
    return list(feedback.order_by("received_on", "id"))


@dataclass(frozen=True)
class VoiceWindow:
    previous: Meeting | None
    since: dt.date | None
    until: dt.date | None


def voice_window(*, meeting: Meeting) -> VoiceWindow:
    """The feedback a meeting hears: since its previous meeting; up to its own date once it has been held
    (later feedback belongs to the next meeting)."""
    previous = meeting_previous(meeting=meeting)
    since = timezone.localtime(previous.starts_at).date() if previous else None
    until = None if meeting.status == MeetingStatus.PLANNED else timezone.localtime(meeting.starts_at).date()
    return VoiceWindow(previous=previous, since=since, until=until)


@dataclass
class ChildVoice:
    entry: AgendaEntry
    child: Child
    feedback: list[Feedback] = field(default_factory=list)


def meeting_voice(*, meeting: Meeting, window: VoiceWindow) -> list[ChildVoice]:
    """For each child on the meeting's agenda, the feedback given in the meeting's window."""
    entries = meeting_agenda(meeting=meeting).children
    children = Child.objects.in_bulk([entry.child_id for entry in entries])
    rows = {entry.child_id: ChildVoice(entry=entry, child=children[entry.child_id]) for entry in entries}
    for feedback in feedback_since(child_ids=rows, since=window.since, until=window.until):
        rows[feedback.child_id].feedback.append(feedback)
    return list(rows.values())


def _log(*, user: User, context: AccessContext, action: AccessAction, child_ids: Sequence[object]) -> None:
    children_access_record(user=user, action=action, child_ids=child_ids, context=context)


@dataclass(frozen=True)
class MeetingLettersRead:
    meeting: Meeting
    rows: list[ChildLetters]


def meeting_letters_read(*, user: User, meeting_id: int, context: AccessContext) -> MeetingLettersRead:
    """A MEG's letters, child by child, logging the children listed."""
    with transaction.atomic():
        meeting = access_meeting_letters(user, meeting_id)
        rows = meeting_letters(meeting=meeting)
        _log(user=user, context=context, action=AccessAction.LIST, child_ids=[row.child.pk for row in rows])
    return MeetingLettersRead(meeting=meeting, rows=rows)


@dataclass(frozen=True)
class LetterRead:
    meeting: Meeting
    letter: Letter


def letter_detail_read(*, user: User, meeting_id: int, letter_id: int, context: AccessContext) -> LetterRead:
    """One letter of a MEG, for a reader who may see its child, whose read is logged."""
    with transaction.atomic():
        meeting = access_meeting_letters(user, meeting_id)
        letter = letter_of_meeting(meeting=meeting, letter_id=letter_id)
        access_child(user, letter.child_id)
        _log(user=user, context=context, action=AccessAction.VIEW, child_ids=[letter.child_id])
    return LetterRead(meeting=meeting, letter=letter)


@dataclass(frozen=True)
class LetterPrint:
    meeting: Meeting
    letter: Letter
    address: str  # where it goes: the home the child lives in, or "" when none is recorded


def letter_print_read(*, user: User, meeting_id: int, letter_id: int, context: AccessContext) -> LetterPrint:
    """What a letter's PDF prints, for a reader who may see its child; the print is logged."""
    with transaction.atomic():
        meeting = access_meeting_letters(user, meeting_id)
        letter = letter_of_meeting(meeting=meeting, letter_id=letter_id)
        child = access_child(user, letter.child_id)
        # A child's letter goes to the home they live in: the address of a carer they live with.
        home = letter.carer or child.carers.filter(lives_with_child=True).exclude(address="").first()
        _log(user=user, context=context, action=AccessAction.PRINT, child_ids=[letter.child_id])
    return LetterPrint(meeting=meeting, letter=letter, address=home.address if home else "")


@dataclass(frozen=True)
class AgendaChildCarers:
    meeting: Meeting
    child: Child
    carers: list[Carer]


def agenda_child_carers_read(
    *, user: User, meeting_id: int, child_id: uuid.UUID, context: AccessContext
) -> AgendaChildCarers:
    """A child on a MEG's agenda (404 when the child is not on it, or the reader may not see the child),
    with their parents and carers; the read is logged."""
    with transaction.atomic():
        meeting = access_meeting_letters(user, meeting_id)
        agenda_entry_of(meeting=meeting, child_id=child_id)
        child = access_child(user, child_id)
        carers = list(child.carers.all())
        _log(user=user, context=context, action=AccessAction.VIEW, child_ids=[child.pk])
    return AgendaChildCarers(meeting=meeting, child=child, carers=carers)


@dataclass(frozen=True)
class MeetingVoiceRead:
    meeting: Meeting
    window: VoiceWindow
    rows: list[ChildVoice]


def meeting_voice_read(*, user: User, meeting_id: int, context: AccessContext) -> MeetingVoiceRead:
    """The feedback a meeting hears, child by child, logging the children listed."""
    with transaction.atomic():
        meeting = access_meeting(user, meeting_id)
        window = voice_window(meeting=meeting)
        rows = meeting_voice(meeting=meeting, window=window)
        _log(user=user, context=context, action=AccessAction.LIST, child_ids=[row.child.pk for row in rows])
    return MeetingVoiceRead(meeting=meeting, window=window, rows=rows)
