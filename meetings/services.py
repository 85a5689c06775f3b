"""Writes for meetings: scheduling the MEG, and taking a child off its agenda by recorded decision."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Area, User
from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from children.models import Child, ChronologyKind
from children.services import chronology_entry_create
from meetings.models import AgendaRemoval, Meeting, MeetingKind, MegSchedule, RemovalReason
from meetings.schedule import MonthlyRule, meeting_dates


@transaction.atomic
def meg_meetings_schedule(*, area: Area, months: int, today: dt.date | None = None) -> list[Meeting]:
    """The area's MEG meetings for the coming months, from its schedule; existing ones are kept."""
    schedule = MegSchedule.objects.filter(area=area).first()
    if schedule is None:
        raise ValidationError(f"{area} has no MEG schedule: set the week, day and time it meets first.")
    rule = MonthlyRule(week=schedule.week, weekday=schedule.weekday)
    meetings = []
    for day in meeting_dates(rule=rule, on_or_after=today or timezone.localdate(), count=months):
        starts_at = timezone.make_aware(dt.datetime.combine(day, schedule.starts_at))
        meeting, _ = Meeting.objects.get_or_create(
            kind=MeetingKind.MEG, area=area, starts_at=starts_at, defaults={"location": schedule.location}
        )
        meetings.append(meeting)
    return meetings


@transaction.atomic
def agenda_removal_record(
    *, meeting: Meeting, child: Child, reason: RemovalReason, note: str, by: User
) -> AgendaRemoval:
    """Only a recorded decision with a reason takes a child off the MEG agenda. 'Risk reduced' is a
    decision about the level too, so it records the child's level as low."""
    if meeting.kind != MeetingKind.MEG:
        raise ValidationError("Only the MEG takes a child off its agenda.")
    if reason not in RemovalReason.values:
        raise ValidationError({"reason": "Select why the child comes off the agenda"})
    if reason == RemovalReason.OTHER and not note.strip():
        raise ValidationError({"note": "Say why the child comes off the agenda"})
    removal: AgendaRemoval = AgendaRemoval.objects.create(
        meeting=meeting, child=child, reason=reason, note=note.strip(), decided_by=by
    )
    if reason == RemovalReason.RISK_REDUCED:
        risk_level_record(
            child=child, level=RiskLevel.LOW, by=by, source=RiskLevelSource.MEETING, reason="MEG: risk reduced."
        )
    chronology_entry_create(
        child=child,
        recorded_by=by,
        kind=ChronologyKind.MEETING,
        summary=f"Taken off the MEG agenda: {RemovalReason(reason).label.lower()}. {note.strip()}".strip(),
        source=str(meeting),
    )
    return removal
