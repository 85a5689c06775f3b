"""What the worklist shows about meetings (decision 0026): the chair's minutes awaiting their approval,
and the meetings to record, MEG business support's and those of whoever runs a strategy or multi-agency
meeting (decision 0040). Each section is the first WORKLIST_LIMIT and how many there are in all, like
the worklist's other sections."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Window
from django.utils import timezone

from accounts.models import User
from accounts.standing import standing_of
from audit.models import AccessAction
from audit.services import children_access_record
from core.request_context import AccessContext
from frontdoor.selectors.tasks import WORKLIST_LIMIT, Listed
from meetings.access import child_meetings_run_queryset, meeting_visible_queryset, meg_invited_to
from meetings.models import Meeting, MeetingKind, MeetingStatus, Minutes
from meetings.selectors.meeting_list import latest_minutes_unapproved


@dataclass(frozen=True)
class MeetingWork:
    minutes_to_approve: Listed  # of Meeting: the user chairs it, and its latest minutes await approval
    meetings_to_record: Listed  # of Meeting: those the user keeps the record of, started, not recorded (decision 0040)
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
    """The meetings the user keeps the record of (decision 0040) that have started (or were recorded as
    held) and are not recorded yet: to record as held, then the outcome of a strategy or multi-agency
    meeting, and the minutes. The MEGs of the areas the user is business support for; the strategy and
    multi-agency meetings they run (`child_meetings_run_queryset`). One query, the oldest first."""
    area_ids = standing_of(user).meg_support_area_ids
    megs = Meeting.objects.filter(kind=MeetingKind.MEG, area_id__in=area_ids) if area_ids else Meeting.objects.none()
    has_minutes = Exists(Minutes.objects.filter(meeting=OuterRef("pk")))
    not_held = Q(status=MeetingStatus.PLANNED, starts_at__lte=now)
    no_outcome = ~Q(kind=MeetingKind.MEG) & Q(outcome_recorded_at__isnull=True)
    held_not_recorded = ~Q(status=MeetingStatus.PLANNED) & (~Q(has_minutes) | no_outcome)
    return (megs | child_meetings_run_queryset(user)).filter(not_held | held_not_recorded).order_by("starts_at", "id")


def _first_in_one_query(meetings: "QuerySet[Meeting]") -> Listed:
    """The first WORKLIST_LIMIT and how many there are in all, in one query: the database counts the
    rows before it cuts them (a window over the whole result)."""
    # The child in a query of its own, as in `_first`.
    shown = list(
        meetings.select_related("area").prefetch_related("child").annotate(in_all=Window(Count("pk")))[:WORKLIST_LIMIT]
    )
    return Listed(items=shown, total=shown[0].in_all if shown else 0)


def megs_invited_to(*, user: User) -> "QuerySet[Meeting]":
    """The MEGs the user is named as invited to while the invitation lasts (decision 0035), other than
    those of the areas whose MEG they run (which their meetings list holds), the latest first: the one
    whose plans they are implementing now, or the next one to prepare for."""
    return meg_invited_to(user).exclude(area_id__in=standing_of(user).meg_area_ids).order_by("-starts_at", "-id")


def meeting_worklist(*, user: User, context: AccessContext, now: dt.datetime | None = None) -> MeetingWork:
    """The sections, logging in one event the children that the strategy and multi-agency meetings shown
    (the chair's to approve, and those to record) are about."""
    now = now or timezone.now()
    with transaction.atomic():
        work = MeetingWork(
            minutes_to_approve=_first(minutes_awaiting_approval(user=user)),
            meetings_to_record=_first_in_one_query(meetings_to_record(user=user, now=now)),
            invited_to=_first(megs_invited_to(user=user)),
        )
        children_access_record(
            user=user,
            action=AccessAction.LIST,
            child_ids=[meeting.child_id for meeting in [*work.minutes_to_approve, *work.meetings_to_record]],
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
