"""Writes for the child's voice (seed 001): letter templates, parents and carers, the letters sent
when a child is on the MEG agenda, and the feedback the child and family give back."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Area, Role, Team, TeamKind, User
from children.access import child_ids_visible
from children.models import Carer, CarerRelationship, CaseAllocation, Child, ChronologyKind
from children.services import chronology_entry_create
from meetings.access import may_plan_for_area, may_run_meeting
from meetings.letter_text import age_band_for, date_in_words, letter_render, placeholders_check
from meetings.models import (
    AgeBand,
    AgendaItem,
    Feedback,
    FeedbackFrom,
    Letter,
    LetterAudience,
    LetterTemplate,
    Meeting,
    MeetingKind,
    MeetingStatus,
    SendingMethod,
)
from meetings.selectors.agenda import meeting_agenda

TEMPLATE_FOLDER = Path(__file__).resolve().parent.parent / "letter_templates"


@dataclass(frozen=True)
class DefaultTemplate:
    file_name: str
    audience: LetterAudience
    age_band: AgeBand


DEFAULT_TEMPLATES = (
    DefaultTemplate("child_under_13.txt", LetterAudience.CHILD, AgeBand.UNDER_13),
    DefaultTemplate("child_from_13.txt", LetterAudience.CHILD, AgeBand.FROM_13),
    DefaultTemplate("parent.txt", LetterAudience.PARENT, AgeBand.ANY),
    DefaultTemplate("induction.txt", LetterAudience.INDUCTION, AgeBand.ANY),
)


def default_template_text(file_name: str) -> tuple[str, str]:
    """A default template file: its first line is the title, the rest (after a blank line) the body."""
    title, _, body = (TEMPLATE_FOLDER / file_name).read_text(encoding="utf-8").partition("\n")
    return title.strip(), body.strip() + "\n"


# --- Templates ----------------------------------------------------------------------------------


@transaction.atomic
def letter_templates_ensure(*, area: Area) -> list[LetterTemplate]:
    """The area's letter templates, creating from the default files any that are missing. An edited
    template is never overwritten."""
    templates: list[LetterTemplate] = []
    for default in DEFAULT_TEMPLATES:
        title, body = default_template_text(default.file_name)
        template, _ = LetterTemplate.objects.get_or_create(
            area=area, audience=default.audience, age_band=default.age_band, defaults={"title": title, "body": body}
        )
        templates.append(template)
    return templates


@transaction.atomic
def letter_template_update(*, template: LetterTemplate, title: str, body: str, by: User) -> LetterTemplate:
    """Change a template. Letters already written keep their text; new letters use the new one."""
    if not may_plan_for_area(by, template.area_id):
        raise PermissionDenied("Only the MEG's business support officers and chair change its letters.")
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = ["Enter the letter's title"]
    elif problems := placeholders_check(title):
        errors["title"] = problems
    if not body.strip():
        errors["body"] = ["Enter the text of the letter"]
    elif problems := placeholders_check(body):
        errors["body"] = problems
    if errors:
        raise ValidationError(errors)
    template.title = title.strip()
    template.body = body.strip() + "\n"
    template.updated_at = timezone.now()
    template.updated_by = by
    template.save(update_fields=["title", "body", "updated_at", "updated_by"])
    return template


# --- Parents and carers -------------------------------------------------------------------------


@transaction.atomic
def carer_add(
    *,
    child: Child,
    name: str,
    relationship: str,
    address: str,
    has_parental_responsibility: bool,
    lives_with_child: bool,
    by: User,
) -> Carer:
    _child_check(child, by)
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Enter the parent or carer's name"
    elif child.carers.filter(name__iexact=name.strip()).exists():
        errors["name"] = f"{name.strip()} is already recorded as a parent or carer of {child.full_name}"
    if relationship not in CarerRelationship.values:
        errors["relationship"] = "Select who they are to the child"
    if errors:
        raise ValidationError(errors)
    carer: Carer = Carer.objects.create(
        child=child,
        name=name.strip(),
        relationship=relationship,
        address=address.strip(),
        has_parental_responsibility=has_parental_responsibility,
        lives_with_child=lives_with_child,
        recorded_by=by,
    )
    chronology_entry_create(
        child=child,
        recorded_by=by,
        kind=ChronologyKind.NOTE,
        summary=f"Parent or carer recorded: {carer}.",
        source="MEG letters",
    )
    return carer


# --- Letters ------------------------------------------------------------------------------------

# The worker the family knows best, when several are allocated: the one who works on the exploitation.
LEAD_WORKER_ROLES = (Role.DESIGNATED_CSE_WORKER, Role.SOCIAL_WORKER, Role.LEAD_WORKER)


def _lead_worker_name(child: Child) -> str:
    allocations = CaseAllocation.objects.filter(child=child, ended_at__isnull=True, role__in=LEAD_WORKER_ROLES)
    by_role = {allocation.role: allocation.user for allocation in allocations.select_related("user")}
    for role in LEAD_WORKER_ROLES:
        if role in by_role:
            return by_role[role].display_name
    return child.holding_team.name  # a team's name reads well wherever a person's would


def _contact_email(area: Area, child: Child) -> str:
    mailbox = (
        Team.objects.filter(agency__area=area, kind=TeamKind.MEG_SUPPORT)
        .exclude(email="")
        .values_list("email", flat=True)
        .first()
    )
    return mailbox or child.holding_team.email or f"{child.holding_team.name} (ask for MEG business support)"


def _values(*, meeting: Meeting, child: Child, recipient_name: str) -> dict[str, str]:
    return {
        "child_first_name": child.first_name,
        "child_name": child.full_name,
        "recipient_name": recipient_name,
        "meeting_date": date_in_words(timezone.localtime(meeting.starts_at).date()),
        "letter_date": date_in_words(timezone.localdate()),
        "area_name": meeting.area.name,
        "partnership_name": settings.PARTNERSHIP_NAME,
        "lead_worker_name": _lead_worker_name(child),
        "contact_email": _contact_email(meeting.area, child),
    }


def _first_time_on_meg_agenda(meeting: Meeting, child: Child) -> bool:
    """Never on the agenda of an earlier MEG that was held (held meetings freeze their agenda)."""
    return not AgendaItem.objects.filter(
        child=child, meeting__kind=MeetingKind.MEG, meeting__starts_at__lt=meeting.starts_at
    ).exists()


def _template(area: Area, audience: LetterAudience, age_band: str) -> LetterTemplate:
    templates = {t.age_band: t for t in LetterTemplate.objects.filter(area=area, audience=audience)}
    return templates.get(age_band) or templates[AgeBand.ANY]


def _letter(meeting: Meeting, child: Child, template: LetterTemplate, carer: Carer | None, by: User) -> Letter:
    recipient = carer.name if carer else child.full_name
    values = _values(meeting=meeting, child=child, recipient_name=recipient)
    return Letter(
        meeting=meeting,
        child=child,
        audience=template.audience,
        carer=carer,
        template=template,
        recipient_name=recipient,
        title=letter_render(template.title, values),
        body=letter_render(template.body, values),
        created_by=by,
    )


def _runner_check(meeting: Meeting, by: User) -> None:
    if not may_run_meeting(by, meeting):
        raise PermissionDenied("Only the people who run the meeting write and send its letters.")


def _child_check(child: Child, by: User) -> None:
    """Family details are part of the child's record: recorded by those who may see the child."""
    if child.pk not in child_ids_visible(by, [child.pk]):
        raise PermissionDenied("You may not record details of this child's family.")


def _letters_allowed(meeting: Meeting) -> None:
    if meeting.kind != MeetingKind.MEG:
        raise ValidationError("Letters are written for the children on the MEG's agenda.")
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError("Letters are written before the meeting; this meeting has already been held.")


@transaction.atomic
def letters_generate(*, meeting: Meeting, child: Child, by: User) -> list[Letter]:
    """The letters for a child on the MEG's agenda: one to the child, in words for their age; one to
    each parent or carer with parental responsibility; and, when the family is new to the MEG, an
    induction pack to each of them who has not had one. Generating again writes only what is missing,
    so it is safe to press twice. Returns the letters written now."""
    _runner_check(meeting, by)
    _letters_allowed(meeting)
    entry = next((entry for entry in meeting_agenda(meeting=meeting).children if entry.child_id == child.pk), None)
    if entry is None:
        raise ValidationError(f"{child.full_name} is not on the agenda of this meeting.")
    letter_templates_ensure(area=meeting.area)
    # Lock the meeting so that two presses at once cannot both write the same letter.
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    existing = {(letter.audience, letter.carer_id) for letter in Letter.objects.filter(meeting=meeting, child=child)}
    inducted = set(
        Letter.objects.filter(child=child, audience=LetterAudience.INDUCTION).values_list("carer_id", flat=True)
    )
    new_family = entry.new or _first_time_on_meg_agenda(meeting, child)
    band = age_band_for(
        date_of_birth=child.date_of_birth,
        on=timezone.localtime(meeting.starts_at).date(),
        learning_disability=child.learning_disability,
    )
    wanted: list[tuple[LetterTemplate, Carer | None]] = []
    if (LetterAudience.CHILD, None) not in existing:
        wanted.append((_template(meeting.area, LetterAudience.CHILD, band), None))
    for carer in child.carers.filter(has_parental_responsibility=True).order_by("name", "id"):
        if (LetterAudience.PARENT, carer.pk) not in existing:
            wanted.append((_template(meeting.area, LetterAudience.PARENT, AgeBand.ANY), carer))
        if new_family and carer.pk not in inducted:
            wanted.append((_template(meeting.area, LetterAudience.INDUCTION, AgeBand.ANY), carer))
    letters = [_letter(meeting, child, template, carer, by) for template, carer in wanted]
    for letter in letters:
        letter.save()
    return letters


@transaction.atomic
def meeting_letters_generate(*, meeting: Meeting, by: User) -> list[Letter]:
    """The missing letters of every child on the meeting's agenda."""
    _runner_check(meeting, by)
    _letters_allowed(meeting)
    child_ids = [entry.child_id for entry in meeting_agenda(meeting=meeting).children]
    children = Child.objects.select_related("holding_team").in_bulk(child_ids)
    return [
        letter
        for child_id in child_ids
        for letter in letters_generate(meeting=meeting, child=children[child_id], by=by)
    ]


def meeting_letters_request(*, meeting: Meeting, by: User) -> str:
    """Ask for the missing letters of the whole agenda, written by a background task (a hundred
    children's letters are too many for one request). The checks run now, so that a refusal is shown
    at once; the task asks them again as the same user. Returns the task's id, for the letters page to
    say how it is going. Pressing twice is harmless: the task writes only what is missing."""
    from meetings.tasks import meeting_letters_write  # the task module imports this one

    _runner_check(meeting, by)
    _letters_allowed(meeting)
    return str(meeting_letters_write.enqueue(meeting_id=meeting.pk, user_id=by.pk).id)


@transaction.atomic
def letter_mark_sent(*, letter: Letter, method: str, by: User) -> Letter:
    _runner_check(letter.meeting, by)
    if method not in SendingMethod.values:
        raise ValidationError({"method": "Select how the letter was sent"})
    locked: Letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if locked.sent_at is not None:
        when = timezone.localtime(locked.sent_at)
        raise ValidationError(f"This letter was already marked as sent on {when:%d %B %Y at %H:%M}.")
    locked.sent_at = timezone.now()
    locked.sent_by = by
    locked.sent_method = method
    locked.save(update_fields=["sent_at", "sent_by", "sent_method"])
    chronology_entry_create(
        child=locked.child,
        recorded_by=by,
        kind=ChronologyKind.MEETING,
        summary=f"{locked.title} sent to {locked.recipient_name} ({SendingMethod(method).label.lower()}).",
        source=str(locked.meeting),
    )
    return locked


# --- Feedback -----------------------------------------------------------------------------------


@transaction.atomic
def feedback_record(
    *, child: Child, given_by: str, carer: Carer | None, text: str, received_on: dt.date, by: User
) -> Feedback:
    """What the child or family said, for the next meeting to hear."""
    _child_check(child, by)
    errors: dict[str, str] = {}
    if given_by not in FeedbackFrom.values:
        errors["given_by"] = "Select who gave the feedback"
    elif carer is not None and (given_by != FeedbackFrom.PARENT or carer.child_id != child.pk):
        errors["given_by"] = "Select a parent or carer of this child"
    if not text.strip():
        errors["text"] = "Enter what they said"
    if received_on > timezone.localdate():
        errors["received_on"] = "The date received must be today or in the past"
    if errors:
        raise ValidationError(errors)
    feedback: Feedback = Feedback.objects.create(
        child=child, given_by=given_by, carer=carer, text=text.strip(), received_on=received_on, recorded_by=by
    )
    who = "the child" if given_by == FeedbackFrom.CHILD else (carer.name if carer else "a parent or carer")
    chronology_entry_create(
        child=child,
        recorded_by=by,
        kind=ChronologyKind.NOTE,
        summary=f"Feedback for the MEG from {who}, received {date_in_words(received_on)}.",
        source="The child's voice",
    )
    return feedback
