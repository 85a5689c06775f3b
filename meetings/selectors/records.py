"""Reads for a meeting's record. The agenda names children: `meeting_detail_read` logs the read."""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet

from accounts.models import Agency, AgencyKind, Area, Membership, Role, User
from audit.models import AccessAction
from audit.services import access_event_record
from children.models import Child
from core.request_context import AccessContext
from frontdoor.models import Task
from frontdoor.routing import TaskCode
from meetings.access import access_meeting
from meetings.models import AgencyRequest, ContextualItem, Meeting, MeetingKind, MeetingParticipant
from meetings.selectors.agenda import meeting_agenda


def meeting_decision_task(*, child: Child, task_id: int) -> Task | None:
    """The child's front door meeting decision that a strategy or multi-agency meeting answers."""
    task: Task | None = Task.objects.filter(
        pk=task_id, child=child, code=TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING
    ).first()
    return task


def _staff_of_area(area: Area) -> QuerySet[User]:
    # The police safeguarding leads serve every area, so they can chair any area's meetings.
    return (
        User.objects.filter(is_active=True)
        .filter(Q(memberships__team__agency__area=area) | Q(memberships__role=Role.MEG_CHAIR))
        .distinct()
        .order_by("last_name", "first_name", "id")
    )


def chair_choices(*, kind: str, area: Area) -> list[User]:
    """Who may chair: for the MEG, its chairs from the police (rule 9); for other meetings, the area's staff."""
    if kind == MeetingKind.MEG:
        # A MEG is chaired by a police safeguarding lead (rule 9): the MEG chairs of police teams; the
        # service checks the one chosen (meetings.access.is_police_meg_chair).
        police_chairs = User.objects.filter(
            is_active=True, memberships__role=Role.MEG_CHAIR, memberships__team__agency__kind=AgencyKind.POLICE
        ).distinct()
        return list(police_chairs.order_by("last_name", "first_name", "id"))
    return list(_staff_of_area(area))


def invite_agency_choices(*, meeting: Meeting) -> QuerySet[Agency]:
    """The area's agencies and those that serve every area, such as the police."""
    return Agency.objects.filter(Q(area=meeting.area) | Q(area__isnull=True)).order_by("name")


@dataclass(frozen=True)
class Representative:
    user: User
    agency: Agency


def invite_person_choices(*, meeting: Meeting) -> list[Representative]:
    """Everyone with an account in the agencies that may be invited, with the agency they represent."""
    memberships = (
        Membership.objects.filter(team__agency__in=invite_agency_choices(meeting=meeting), user__is_active=True)
        .select_related("user", "team__agency")
        .order_by("team__agency__name", "user__last_name", "user__first_name", "user_id")
    )
    seen: set[tuple[int, int]] = set()
    people = []
    for membership in memberships:
        key = (membership.user_id, membership.team.agency_id)
        if key not in seen:
            seen.add(key)
            people.append(Representative(user=membership.user, agency=membership.team.agency))
    return people


@dataclass(frozen=True)
class AgendaChild:
    child: Child
    level: str
    new: bool


@dataclass(frozen=True)
class MeetingRecord:
    meeting: Meeting
    participants: list[MeetingParticipant]
    requests: list[AgencyRequest]
    children: list[AgendaChild]
    contextual_items: list[ContextualItem]
    frozen: bool

    @property
    def child_ids(self) -> list[uuid.UUID]:
        return [row.child.id for row in self.children]


def meeting_participants(*, meeting: Meeting) -> list[MeetingParticipant]:
    return list(meeting.participants.select_related("agency", "user"))


def meeting_record_read(*, meeting: Meeting) -> MeetingRecord:
    """The meeting, who is invited and came, what agencies must bring, and its agenda (frozen once held).
    Logs nothing: callers that show it use `meeting_detail_read`."""
    agenda = meeting_agenda(meeting=meeting)
    children = Child.objects.in_bulk([entry.child_id for entry in agenda.children])
    return MeetingRecord(
        meeting=meeting,
        participants=meeting_participants(meeting=meeting),
        requests=list(meeting.requests.select_related("agency", "created_by")),
        children=[
            AgendaChild(child=children[entry.child_id], level=entry.level, new=entry.new)
            for entry in agenda.children
            if entry.child_id in children
        ],
        contextual_items=agenda.contextual_items,
        frozen=agenda.frozen,
    )


def meeting_detail_read(*, user: User, meeting_id: int, context: AccessContext) -> MeetingRecord:
    """A meeting's record through the meeting gate, with one access event for the children on its agenda."""
    with transaction.atomic():
        meeting = access_meeting(user, meeting_id)
        record = meeting_record_read(meeting=meeting)
        if record.child_ids:
            access_event_record(
                user=user, action=AccessAction.LIST, object_type="child", object_ids=record.child_ids, context=context
            )
    return record
