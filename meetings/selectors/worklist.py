"""What the worklist shows about meetings (decision 0026): the chair's minutes awaiting their approval,
and the meetings MEG business support must record. Each section is the first WORKLIST_LIMIT and how
many there are in all, like the worklist's other sections."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.standing import standing_of
from audit.models import AccessAction
from audit.services import children_access_record
from core.request_context import AccessContext
from frontdoor.selectors.tasks import WORKLIST_LIMIT, Listed
from meetings.access import meeting_visible_queryset, meg_invited_to
from meetings.models import Meeting, MeetingKind, MeetingStatus, Minutes
from meetings.selectors.meeting_list import latest_minutes_unapproved


@dataclass(frozen=True)
class MeetingWork:
    minutes_to_approve: Listed  # of Meeting: the user chairs it, and its latest minutes await approval
    meetings_to_record: Listed  # of Meeting: MEGs of the user's business support areas, started, with no minutes
    invited_to: Listed  # of Meeting: MEGs the user is invited to and does not run (decision 0035)

    def __bool__(self) -> bool:
        return bool(self.minutes_to_approve.total or self.meetings_to_record.total or self.invited_to.total)


def _first(meetings: "QuerySet[Meeting]") -> Listed:
    total = meetings.count()
    # The child in a query of its own: joined to the gate's conditions, it was found by reading every child.
    shown = list(meetings.select_related("area").prefetch_related("child")[:WORKLIST_LIMIT]) if total else []
    return Listed(items=shown, total=total)


def minutes_awaiting_approval(*, user: User) -> "QuerySet[Meeting]":
    """The meetings the user chairs whose latest version of the minutes is written and not approved (a
    first draft, or a correction), the longest waiting first."""
    return (
        meeting_visible_queryset(user)
        .filter(chair=user)
        .filter(latest_minutes_unapproved())
        .order_by("starts_at", "id")
    )


def meetings_to_record(*, user: User, now: dt.datetime) -> "QuerySet[Meeting]":
    """The MEGs of the areas the user is business support for that have started (or were recorded as
    held) and have no minutes yet: to record as held, or to write the minutes of. The oldest first."""
    area_ids = standing_of(user).meg_support_area_ids
    if not area_ids:
        return Meeting.objects.none()
    has_minutes = Exists(Minutes.objects.filter(meeting=OuterRef("pk")))
    not_held = Q(status=MeetingStatus.PLANNED, starts_at__lte=now)
    held_without_minutes = Q(status=MeetingStatus.HELD) & ~Q(has_minutes)
    return (
        Meeting.objects.filter(kind=MeetingKind.MEG, area_id__in=area_ids)
        .filter(not_held | held_without_minutes)
        .order_by("starts_at", "id")
    )


def megs_invited_to(*, user: User) -> "QuerySet[Meeting]":
    """The MEGs the user is named as invited to while the invitation lasts (decision 0035), other than
    those of the areas whose MEG they run (which their meetings list holds), the latest first: the one
    whose plans they are implementing now, or the next one to prepare for."""
    return meg_invited_to(user).exclude(area_id__in=standing_of(user).meg_area_ids).order_by("-starts_at", "-id")


def meeting_worklist(*, user: User, context: AccessContext, now: dt.datetime | None = None) -> MeetingWork:
    """Both sections, logging the children that the chair's strategy and multi-agency meetings are about."""
    now = now or timezone.now()
    with transaction.atomic():
        work = MeetingWork(
            minutes_to_approve=_first(minutes_awaiting_approval(user=user)),
            meetings_to_record=_first(meetings_to_record(user=user, now=now)),
            invited_to=_first(megs_invited_to(user=user)),
        )
        children_access_record(
            user=user,
            action=AccessAction.LIST,
            child_ids=[meeting.child_id for meeting in work.minutes_to_approve],
            context=context,
        )
    return work


@dataclass(frozen=True)
class MeetingWorkCounts:
    minutes_to_approve: int
    meetings_to_record: int
    invited_to: int = 0

    def __bool__(self) -> bool:
        return bool(self.minutes_to_approve or self.meetings_to_record or self.invited_to)


def meeting_work_counts(*, user: User, now: dt.datetime | None = None) -> MeetingWorkCounts:
    """How many of each the worklist holds, for the home page's pointer to it: counts name no child."""
    now = now or timezone.now()
    return MeetingWorkCounts(
        minutes_to_approve=minutes_awaiting_approval(user=user).count(),
        meetings_to_record=meetings_to_record(user=user, now=now).count(),
        invited_to=megs_invited_to(user=user).count(),
    )
