"""Writes for meetings: scheduling the MEG, and taking a child off its agenda by recorded decision."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import User
from assessments.levels import RiskLevel
from children.models import Child, ChronologyKind
from children.services import chronology_entry_create
from frontdoor.services.tasks import risk_level_determined_apply
from meetings.access import may_run_meeting
from meetings.models import AgendaRemoval, Meeting, MeetingKind, RemovalReason


@transaction.atomic
def agenda_removal_record(
    *, meeting: Meeting, child: Child, reason: RemovalReason, note: str, by: User
) -> AgendaRemoval:
    """Only a recorded decision with a reason takes a child off the MEG agenda. 'Risk reduced' is a
    decision about the level too, so it records the child's level as low."""
    if not may_run_meeting(by, meeting):
        raise PermissionDenied("Only the MEG's business support officers and chair take a child off its agenda.")
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
        # The level falls to low like any other determined level: a fall from medium or high steps the case
        # down (frontdoor.routing.level_fell_to_low, procedure 2.2).
        risk_level_determined_apply(child=child, level=RiskLevel.LOW, by=by, reason="MEG: risk reduced.")
    chronology_entry_create(
        child=child,
        recorded_by=by,
        kind=ChronologyKind.MEETING,
        summary=f"Taken off the MEG agenda: {RemovalReason(reason).label.lower()}. {note.strip()}".strip(),
        source=str(meeting),
    )
    return removal
