"""What each agency must bring to a planned MEG (issue 4): its open and overdue actions for the area's
plans, what the business support officer asked it for, and the children on the agenda whom its teams
hold or work with, so that its representative comes with their updates."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Agency, User
from children.access import child_visible_queryset
from children.models import Child
from core.request_context import AccessContext
from meetings.access import action_visible_queryset, agency_ids_of, meeting_visible_queryset
from meetings.agenda import AgendaEntry
from meetings.models import AgencyRequest, Meeting, MeetingKind
from meetings.models.plans import OPEN_ACTION_STATUSES
from meetings.selectors.agenda import meg_agenda_entries, meg_upcoming_queryset
from meetings.selectors.plans import ActionRow, action_rows


@dataclass(frozen=True)
class AgencyBring:
    agency: Agency
    actions: list[ActionRow]
    requests: list[AgencyRequest]
    children: list[tuple[AgendaEntry, Child]]

    @property
    def overdue_count(self) -> int:
        return sum(1 for row in self.actions if row.overdue)


def _agency_children(*, meeting: Meeting, agency: Agency, user: User) -> list[tuple[AgendaEntry, Child]]:
    entries = {entry.child_id: entry for entry in meg_agenda_entries(area=meeting.area)}
    worked_with = Q(holding_team__agency=agency) | Q(
        allocations__ended_at__isnull=True, allocations__user__memberships__team__agency=agency
    )
    children = (
        child_visible_queryset(user)
        .filter(worked_with, pk__in=list(entries))
        .distinct()
        .order_by("last_name", "first_name", "reference")
    )
    return [(entries[child.pk], child) for child in children]


def meeting_bring(*, meeting: Meeting, agency: Agency, user: User, context: AccessContext) -> AgencyBring:
    """The gate (`agencies_to_prepare_for`) has decided the user may open this agency's list."""
    with transaction.atomic():
        actions = list(
            action_visible_queryset(user)
            .filter(owning_agency=agency, plan__area_id=meeting.area_id, status__in=OPEN_ACTION_STATUSES)
            .select_related("plan__child", "plan__contextual_item", "owner", "owning_agency")
            .order_by("due_on", "id")
        )
        requests = list(AgencyRequest.objects.filter(meeting=meeting, agency=agency).order_by("created_at", "id"))
        children = _agency_children(meeting=meeting, agency=agency, user=user)
        rows = action_rows(actions, user=user, context=context, also_named=[child.pk for _, child in children])
    return AgencyBring(agency=agency, actions=rows, requests=requests, children=children)


def meetings_to_prepare_for(*, user: User) -> list[Meeting]:
    """The next planned MEG of each area the user's agencies serve (every area for a partnership-wide
    agency such as the police), and of each area whose MEG they run."""
    area_ids = set(Agency.objects.filter(pk__in=agency_ids_of(user)).values_list("area_id", flat=True))
    serves = Q(pk__isnull=False) if None in area_ids else Q(area_id__in=area_ids)
    upcoming = meg_upcoming_queryset(after=timezone.now())
    meg_run = meeting_visible_queryset(user).filter(kind=MeetingKind.MEG).values("pk")
    meetings = upcoming.filter(serves | Q(pk__in=meg_run)).select_related("area").order_by("starts_at", "id")
    first_per_area: dict[int, Meeting] = {}
    for meeting in meetings:
        first_per_area.setdefault(meeting.area_id, meeting)
    return sorted(first_per_area.values(), key=lambda meeting: (meeting.starts_at, meeting.area.name))
