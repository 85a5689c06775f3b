"""The list of meetings a user may see: today's, the upcoming ones and the past ones, filtered and
paged in the database (decision 0026). Strategy and multi-agency meetings name a child: each page
logs the children it shows, in the same transaction as the read."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from audit.models import AccessAction
from audit.services import children_access_record
from core.paging import Page
from core.request_context import AccessContext
from meetings.access import meeting_visible_queryset
from meetings.inputs import MeetingListFilters, MeetingWhen
from meetings.models import Meeting, MeetingStatus, Minutes
from meetings.selectors.agenda import start_of_day

MEETINGS_PAGE = 50  # meetings a page of the list shows; the rest are on the next pages


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    minutes_approved: bool  # a version was approved by the chair: the minutes page shows it
    minutes_awaiting_approval: bool  # the latest version is written but not approved (a draft or a correction)

    @property
    def held(self) -> bool:
        return self.meeting.status != MeetingStatus.PLANNED


@dataclass(frozen=True)
class MeetingListRead:
    when: MeetingWhen | None
    counts: dict[MeetingWhen, int]  # how many meetings each part of the calendar holds, with the other filters
    listed: Page[MeetingRow]


def _day_bounds(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The start of the partnership's local day that `now` falls in, and the start of the next one
    (computed in local time, so that a day of 23 or 25 hours still ends at midnight)."""
    today = start_of_day(now)
    tomorrow = timezone.localdate(now) + dt.timedelta(days=1)
    return today, timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))


def _when_condition(when: MeetingWhen, *, now: dt.datetime) -> Q:
    today, tomorrow = _day_bounds(now)
    if when == MeetingWhen.TODAY:
        return Q(starts_at__gte=today, starts_at__lt=tomorrow)
    if when == MeetingWhen.UPCOMING:
        return Q(starts_at__gte=tomorrow)
    return Q(starts_at__lt=today)


def latest_minutes_unapproved() -> Exists:
    """The latest version of the minutes is not approved: a first draft, or a correction under way."""
    later = Minutes.objects.filter(meeting=OuterRef(OuterRef("pk")), version__gt=OuterRef("version"))
    return Exists(Minutes.objects.filter(meeting=OuterRef("pk"), approved_at__isnull=True).filter(~Exists(later)))


def meetings_filtered(*, meetings: "QuerySet[Meeting]", filters: MeetingListFilters) -> "QuerySet[Meeting]":
    """The meetings that pass the filters other than `when`, each marked with the state of its minutes."""
    meetings = meetings.annotate(awaits_approval=latest_minutes_unapproved())
    if filters.kind:
        meetings = meetings.filter(kind=filters.kind)
    if filters.held is not None:
        held = ~Q(status=MeetingStatus.PLANNED)
        meetings = meetings.filter(held if filters.held else ~held)
    if filters.minutes_approved is not None:
        # The chair's first approval sets the status (minutes_approve), and no later version undoes it.
        approved = Q(status=MeetingStatus.MINUTES_APPROVED)
        meetings = meetings.filter(approved if filters.minutes_approved else ~approved)
    return meetings


def _ordered(meetings: "QuerySet[Meeting]", when: MeetingWhen | None) -> "QuerySet[Meeting]":
    # The past is read newest first, the rest soonest first; the id settles meetings at the same time,
    # so that every meeting is on exactly one page.
    if when == MeetingWhen.PAST:
        return meetings.order_by("-starts_at", "-id")
    return meetings.order_by("starts_at", "id")


def meeting_list_filtered_read(
    *,
    user: User,
    context: AccessContext,
    filters: MeetingListFilters,
    page: int = 1,
    per_page: int = MEETINGS_PAGE,
    now: dt.datetime | None = None,
    when_by_default: bool = False,
) -> MeetingListRead:
    """One page of the meetings the user may see that pass the filters, and how many each of today,
    upcoming and past holds. Logs the children that the page's strategy and multi-agency meetings
    are about (none for a page of MEGs, which name no child).

    With `when_by_default` and no `when` among the filters, the list is today's meetings when there are
    any, and the upcoming ones otherwise: what a MEG's business support officer or chair needs first."""
    now = now or timezone.now()
    page = max(page, 1)
    with transaction.atomic():
        filtered = meetings_filtered(meetings=meeting_visible_queryset(user), filters=filters)
        counts = {when: filtered.filter(_when_condition(when, now=now)).count() for when in MeetingWhen}
        when = filters.when
        if when is None and when_by_default:
            when = MeetingWhen.TODAY if counts[MeetingWhen.TODAY] else MeetingWhen.UPCOMING
        chosen = filtered.filter(_when_condition(when, now=now)) if when else filtered
        total = counts[when] if when else chosen.count()
        start = (page - 1) * per_page
        shown: list[Meeting] = (
            list(
                # The child is read in a query of its own (prefetch): joined to the gate's conditions,
                # PostgreSQL found each meeting's child by reading every child (docs/performance.md).
                _ordered(chosen, when)
                .select_related("area", "chair")
                .prefetch_related("child")[start : start + per_page]
            )
            if start < total
            else []
        )
        children_access_record(
            user=user, action=AccessAction.LIST, child_ids=[meeting.child_id for meeting in shown], context=context
        )
    rows = [
        MeetingRow(
            meeting=meeting,
            minutes_approved=meeting.status == MeetingStatus.MINUTES_APPROVED,
            minutes_awaiting_approval=bool(getattr(meeting, "awaits_approval", False)),
        )
        for meeting in shown
    ]
    return MeetingListRead(when=when, counts=counts, listed=Page(rows=rows, total=total, page=page, per_page=per_page))
