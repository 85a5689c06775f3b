"""Reads for the child's voice: letters, carers and feedback. They name children: pages that show
them must log the read."""

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from children.models import Carer, Child
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
