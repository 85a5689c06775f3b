"""Who is invited to a MEG, and for how long the invitation lets them read what it agreed (decision 0035).

A member of an invited agency reads the MEG's agenda, the plans of the children and places on it and
its approved minutes when they are named as its participant, for an agency they still work for, from
the invitation until the area's next MEG after it is held, and at most INVITATION_LASTS after the
meeting started. An agency invited without a named person gives none of its staff this sight.

Both the meeting gate (meetings/access.py) and the child gate's grant (meetings/grants.py) ask this one
query, so that the pages and the children they name cannot disagree.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.standing import kept_for_request, standing_of
from meetings.models import AgendaItem, ContextualItem, Meeting, MeetingKind, MeetingParticipant, MeetingStatus

# The longest an invitation lasts when the area's next MEG is not held (the MEG meets monthly: two
# meetings missed in a row end it).
INVITATION_LASTS = dt.timedelta(days=92)


def meg_invited_queryset(*, user_id: int, agency_ids: Iterable[int], now: dt.datetime) -> QuerySet[Meeting]:
    """The MEGs the user is named as a participant of, for one of `agency_ids` (the agencies they work
    for now), whose invitation still lasts at `now`: no later MEG of the same area has been held, and
    the meeting started at most INVITATION_LASTS ago. Attendance does not matter: those who sent
    apologies implement the plans agreed too."""
    named = MeetingParticipant.objects.filter(meeting=OuterRef("pk"), user_id=user_id, agency_id__in=list(agency_ids))
    next_held = Meeting.objects.filter(
        kind=MeetingKind.MEG, area=OuterRef("area"), starts_at__gt=OuterRef("starts_at")
    ).exclude(status=MeetingStatus.PLANNED)
    return Meeting.objects.filter(kind=MeetingKind.MEG, starts_at__gte=now - INVITATION_LASTS).filter(
        Exists(named), ~Exists(next_held)
    )


@dataclass(frozen=True)
class Invitations:
    """The MEGs a user's invitations let them read now (`meg_invited_queryset`), read once: held ones,
    whose frozen agendas they read, and planned ones, whose areas' agendas they read as they stand."""

    held_ids: tuple[int, ...] = ()
    planned_ids: tuple[int, ...] = ()
    planned_area_ids: tuple[int, ...] = ()

    @property
    def meeting_ids(self) -> tuple[int, ...]:
        return self.held_ids + self.planned_ids


NO_INVITATIONS = Invitations()


def invitations_of(user: User | AnonymousUser) -> Invitations:
    """The user's invitations (one indexed query, once per request): most people have none, and then
    the gates that rest on invitations add no condition at all."""
    standing = standing_of(user)
    if not standing.active or not isinstance(user, User) or not standing.agency_ids:
        return NO_INVITATIONS

    def read() -> Invitations:
        invited = meg_invited_queryset(user_id=user.pk, agency_ids=sorted(standing.agency_ids), now=timezone.now())
        held: list[int] = []
        planned: list[int] = []
        areas: set[int] = set()
        for meeting_id, status, area_id in invited.order_by("pk").values_list("pk", "status", "area_id"):
            if status == MeetingStatus.PLANNED:
                planned.append(meeting_id)
                areas.add(area_id)
            else:
                held.append(meeting_id)
        return Invitations(held_ids=tuple(held), planned_ids=tuple(planned), planned_area_ids=tuple(sorted(areas)))

    return kept_for_request(user, "MEG invitations", read)


def invited_held_child_ids(invited: QuerySet[Meeting]) -> QuerySet[AgendaItem, object]:
    """The children on the frozen agendas of the held meetings among `invited`, as a subquery."""
    held = invited.exclude(status=MeetingStatus.PLANNED).values("pk")
    return AgendaItem.objects.filter(meeting__in=held, child__isnull=False).values("child_id")


def invited_planned_area_ids(invited: QuerySet[Meeting]) -> QuerySet[Meeting, object]:
    """The areas of the planned meetings among `invited`, whose agenda is the area's agenda today."""
    return invited.filter(status=MeetingStatus.PLANNED).values("area_id")


def invited_contextual_item_ids(invited: QuerySet[Meeting]) -> QuerySet[ContextualItem, object]:
    """The places, people, vehicles and peer groups on the agendas of `invited`: frozen on a held
    meeting's, the area's open items on a planned one's (meetings/selectors/agenda.py `meeting_agenda`)."""
    held = invited.exclude(status=MeetingStatus.PLANNED).values("pk")
    frozen = AgendaItem.objects.filter(meeting__in=held, contextual_item__isnull=False).values("contextual_item_id")
    on_planned = Q(area__in=invited_planned_area_ids(invited), closed_at__isnull=True)
    return ContextualItem.objects.filter(Q(pk__in=frozen) | on_planned).values("pk")
