"""Writes for a meeting's record: arranging a strategy or multi-agency meeting, its chair, who was
invited and who came, what each agency must bring, and recording it as held (which freezes the agenda)."""

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, User
from accounts.standing import standing_of
from assessments.levels import RiskLevel
from children.models import Child, ChronologyKind
from children.services import chronology_entry_create
from frontdoor.models import Task
from frontdoor.routing import TaskCode
from frontdoor.services.tasks import risk_level_determined_apply
from meetings.access import is_meg_chair, is_police_meg_chair, may_arrange_meeting, may_run_meeting
from meetings.models import (
    AgencyRequest,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingStatus,
)
from meetings.selectors.agenda import meeting_agenda

CHILD_MEETING_KINDS = (MeetingKind.STRATEGY, MeetingKind.MULTI_AGENCY)


def _locked(meeting: Meeting) -> Meeting:
    """The meeting's row, locked until the transaction ends, so that two writers take turns."""
    locked: Meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    return locked


def _runner_check(meeting: Meeting, by: User) -> None:
    """Only those who run the meeting change its record (meetings.access.may_run_meeting); the service
    asks, whatever page or script calls it."""
    if not may_run_meeting(by, meeting):
        raise PermissionDenied("Only those who run this meeting can change its record.")


def _refuse_when_minutes_approved(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.MINUTES_APPROVED:
        raise ValidationError("The minutes of this meeting are approved, so its record is locked.")


def _chair_check(meeting_kind: str, chair: User | None) -> None:
    if chair is None:
        return
    if not chair.is_active:
        raise ValidationError({"chair": f"{chair.display_name} no longer has an account: choose someone else"})
    if meeting_kind == MeetingKind.MEG and not is_meg_chair(chair):
        raise ValidationError({"chair": f"{chair.display_name} is not a MEG chair: choose a MEG chair"})
    if meeting_kind == MeetingKind.MEG and not is_police_meg_chair(chair):
        raise ValidationError(
            {
                "chair": f"{chair.display_name} is not a police safeguarding lead: the MEG is chaired by a police "
                "safeguarding lead, so choose a MEG chair from the police"
            }
        )


def meeting_arrange_check(*, child: Child, task: Task | None, by: User) -> None:
    """Refuse, before any form is shown, someone who may see the child but may not arrange its meeting."""
    if not may_arrange_meeting(by, child=child, task=task):
        raise PermissionDenied(
            "Only children's social care arranges a strategy or multi-agency meeting: the social worker, "
            "team manager or Designated CSE worker of the team that holds the case or decides on the meeting."
        )


@transaction.atomic
def meeting_arrange(
    *,
    child: Child,
    kind: MeetingKind,
    starts_at: dt.datetime,
    location: str,
    chair: User | None,
    task: Task | None,
    by: User,
) -> Meeting:
    """A strategy or multi-agency meeting about one child, usually the outcome of the front door's
    meeting decision. It belongs to the area responsible for the child."""
    meeting_arrange_check(child=child, task=task, by=by)
    if kind not in CHILD_MEETING_KINDS:
        raise ValidationError({"kind": "Select a strategy meeting or a multi-agency meeting"})
    if timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": "Enter the date and time with a time zone"})
    if task is not None and (
        task.child_id != child.pk or task.code != TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING
    ):
        raise ValidationError({"task": "The task is not this child's meeting decision"})
    _chair_check(kind, chair)
    if len(location.strip()) > 200:
        raise ValidationError({"location": "Location must be 200 characters or fewer"})
    meeting: Meeting = Meeting.objects.create(
        kind=kind,
        area=child.responsible_authority,
        child=child,
        task=task,
        starts_at=starts_at,
        location=location.strip(),
        chair=chair,
        arranged_by=by,
    )
    local = timezone.localtime(starts_at)
    chronology_entry_create(
        child=child,
        recorded_by=by,
        kind=ChronologyKind.MEETING,
        summary=f"{MeetingKind(kind).label} arranged for {local.day} {local:%B %Y at %H:%M}.",
        source=str(meeting),
    )
    return meeting


@transaction.atomic
def meeting_chair_set(*, meeting: Meeting, chair: User, by: User) -> Meeting:
    """The MEG is chaired by a police safeguarding lead (rule 9); other meetings by anyone with an account."""
    meeting = _locked(meeting)
    _runner_check(meeting, by)
    _refuse_when_minutes_approved(meeting)
    _chair_check(meeting.kind, chair)
    meeting.chair = chair
    meeting.chair_set_by = by
    meeting.save(update_fields=["chair", "chair_set_by"])
    return meeting


def _works_for(user: User, agency: Agency) -> bool:
    return agency.pk in standing_of(user).agency_ids


@transaction.atomic
def participant_invite(
    *, meeting: Meeting, agency: Agency, user: User | None, name: str, by: User
) -> MeetingParticipant:
    """Invite an agency, and the person who represents it: someone with an account, or a named person
    without one (a foster carer's support worker, a housing officer)."""
    meeting = _locked(meeting)
    _runner_check(meeting, by)
    _refuse_when_minutes_approved(meeting)
    name = name.strip()
    if user is not None and name:
        raise ValidationError({"name": "Give a name only for someone who has no account; you chose a person already"})
    if len(name) > 150:
        raise ValidationError({"name": "Name must be 150 characters or fewer"})
    invited = meeting.participants.filter(agency=agency)
    if user is not None:
        if not user.is_active:
            raise ValidationError({"user": f"{user.display_name} no longer has an account"})
        if not _works_for(user, agency):
            raise ValidationError({"user": f"{user.display_name} does not work for {agency.name}"})
        if meeting.participants.filter(user=user).exists():
            raise ValidationError({"user": f"{user.display_name} is already invited"})
    elif name:
        if invited.filter(name__iexact=name).exists():
            raise ValidationError({"name": f"{name} of {agency.name} is already invited"})
    elif invited.filter(user__isnull=True, name="").exists():
        raise ValidationError({"agency": f"{agency.name} is already invited"})
    participant: MeetingParticipant = MeetingParticipant.objects.create(
        meeting=meeting, agency=agency, user=user, name=name, invited_by=by
    )
    return participant


@transaction.atomic
def attendance_record(*, meeting: Meeting, attendance: Mapping[int, str], by: User) -> int:
    """Who came, who sent apologies and who did not attend, for the participants given."""
    meeting = _locked(meeting)
    _runner_check(meeting, by)
    _refuse_when_minutes_approved(meeting)
    participants = meeting.participants.in_bulk(list(attendance))
    unknown = set(attendance) - set(participants)
    if unknown:
        raise ValidationError("Someone in the list is not invited to this meeting. Reload the page and try again.")
    changed = []
    for participant_id, value in attendance.items():
        if value not in Attendance.values:
            raise ValidationError({f"participant_{participant_id}": "Select whether they attended"})
        participant = participants[participant_id]
        if participant.attendance != value:
            participant.attendance = value
            participant.attendance_recorded_by = by
            changed.append(participant)
    MeetingParticipant.objects.bulk_update(changed, ["attendance", "attendance_recorded_by"])
    return len(changed)


@transaction.atomic
def agency_request_create(*, meeting: Meeting, agency: Agency, request: str, by: User) -> AgencyRequest:
    """What an agency must bring to the meeting, beyond its open actions (issue 4, item 2)."""
    meeting = _locked(meeting)
    _runner_check(meeting, by)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError("The meeting has been held: there is nothing more to ask agencies to bring.")
    request = request.strip()
    if not request:
        raise ValidationError({"request": "Say what the agency must bring"})
    if len(request) > 5000:
        raise ValidationError({"request": "What the agency must bring must be 5000 characters or fewer"})
    created: AgencyRequest = AgencyRequest.objects.create(
        meeting=meeting, agency=agency, request=request, created_by=by
    )
    return created


@transaction.atomic
def meeting_hold(*, meeting: Meeting, by: User) -> Meeting:
    """Record the meeting as held. Its agenda is frozen as it stands now, so that the minutes and the
    pack say what was discussed, whatever happens to the children's levels afterwards."""
    meeting = _locked(meeting)
    _runner_check(meeting, by)
    if meeting.status != MeetingStatus.PLANNED:
        held = timezone.localtime(meeting.held_at) if meeting.held_at else None
        when = f" on {held.day} {held:%B %Y at %H:%M}" if held else ""
        raise ValidationError(f"This meeting was already recorded as held{when}. A meeting is held only once.")
    agenda = meeting_agenda(meeting=meeting)
    items = [
        AgendaItem(meeting=meeting, position=position, child_id=entry.child_id, level=entry.level, new=entry.new)
        for position, entry in enumerate(agenda.children, start=1)
    ]
    items += [
        AgendaItem(meeting=meeting, position=position, contextual_item=item)
        for position, item in enumerate(agenda.contextual_items, start=len(items) + 1)
    ]
    AgendaItem.objects.bulk_create(items)
    meeting.status = MeetingStatus.HELD
    meeting.held_at = timezone.now()
    meeting.held_by = by
    meeting.save(update_fields=["status", "held_at", "held_by"])
    return meeting


@transaction.atomic
def meeting_outcome_record(*, meeting: Meeting, level: RiskLevel, outcome: str, by: User) -> Meeting:
    """Record what a strategy or multi-agency meeting decided and the level of risk it determined: the
    child's level from now on (source: the meeting), in the chronology. Medium or high releases the
    referrals that waited for it; low cancels them and routes the case as low, with the step-down when
    the level fell (seed 003, 2.2). Once only, after the meeting is recorded as held."""
    meeting = _locked(meeting)
    _runner_check(meeting, by)
    if meeting.kind not in CHILD_MEETING_KINDS or meeting.child is None:
        raise ValidationError("Only a strategy or multi-agency meeting determines a child's level of risk.")
    if meeting.status == MeetingStatus.PLANNED:
        raise ValidationError("Record the meeting as held first: its outcome is recorded after it is held.")
    if meeting.outcome_recorded_at is not None:
        raise ValidationError("This meeting's outcome is already recorded. A later change of level is a review.")
    if level not in RiskLevel.values:
        raise ValidationError({"level": "Select the level of risk the meeting determined"})
    outcome = outcome.strip()
    if not outcome:
        raise ValidationError({"outcome": "Enter what the meeting decided"})
    if len(outcome) > 5000:
        raise ValidationError({"outcome": "What the meeting decided must be 5000 characters or fewer"})
    level = RiskLevel(level)
    label = MeetingKind(meeting.kind).label
    risk_level_determined_apply(
        child=meeting.child, level=level, by=by, reason=f"{label} determined {level} risk: {outcome}"
    )
    meeting.outcome_level = level
    meeting.outcome = outcome
    meeting.outcome_recorded_at = timezone.now()
    meeting.outcome_recorded_by = by
    meeting.save(update_fields=["outcome_level", "outcome", "outcome_recorded_at", "outcome_recorded_by"])
    chronology_entry_create(
        child=meeting.child,
        recorded_by=by,
        kind=ChronologyKind.MEETING,
        summary=f"{label} outcome: it determined {level} risk. {outcome}",
        source=str(meeting),
    )
    return meeting
