"""Reads of meetings and their agendas. The agenda names children: the `_read` selectors log each read."""

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from django.db import transaction
from django.db.models import DateTimeField, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Area, User
from assessments.models import RiskLevelRecord
from assessments.selectors import child_risk_level_current, child_risk_level_records
from audit.models import AccessAction
from audit.services import access_event_record
from children.models import Child
from core.request_context import AccessContext
from frontdoor.models import Task, TaskStatus
from frontdoor.routing import TaskCode
from meetings.access import access_meeting, access_meeting_to_read, reads_as_invited_only
from meetings.agenda import MEDIUM_OR_HIGH, AgendaEntry, ChildStanding, agenda_entries
from meetings.models import AgendaRemoval, ContextualItem, Meeting, MeetingKind, MeetingStatus, Plan


def start_of_day(moment: dt.datetime) -> dt.datetime:
    """Midnight at the start of the partnership's day that `moment` falls in (its local time zone)."""
    local = timezone.localtime(moment)
    return timezone.make_aware(dt.datetime.combine(local.date(), dt.time.min))


def meg_upcoming_queryset(*, after: dt.datetime) -> "QuerySet[Meeting]":
    """Planned MEGs from the start of the day of `after`: a planned meeting stays upcoming all of its day,
    after its start too, until business support records it held, so that its agenda, letters and lists
    of what to bring stay at hand on the day (and the answer does not change at the meeting's hour)."""
    return Meeting.objects.filter(
        kind=MeetingKind.MEG, status=MeetingStatus.PLANNED, starts_at__gte=start_of_day(after)
    )


def meg_next(*, area: Area, after: dt.datetime) -> Meeting | None:
    """The area's next MEG: the first planned one on the day of `after` or later."""
    return meg_upcoming_queryset(after=after).filter(area=area).order_by("starts_at").first()


# A referral to the MEG is made once it falls due: on its creation, or when the finding it waited for came.
REFERRAL_MADE = (TaskStatus.OPEN, TaskStatus.DONE)
# A referral raised, made or not yet: what makes a child new to the next meeting (waiting for a strategy
# meeting to confirm the level too, as the procedure refers every confirmed medium or high case).
REFERRAL_RAISED = (TaskStatus.WAITING, TaskStatus.OPEN, TaskStatus.DONE)


def _referrals_made(child: OuterRef, *, raised: tuple[str, ...] = REFERRAL_MADE) -> "QuerySet[Task]":
    """The child's referrals to the MEG that were made (or, with REFERRAL_RAISED, raised)."""
    return Task.objects.filter(child=child, code=TaskCode.REFER_TO_MEG, status__in=raised)


def _latest_referral_made_at(child: OuterRef, *, raised: tuple[str, ...] = REFERRAL_MADE) -> Subquery:
    """When the child's latest referral to the MEG was made: when it fell due (created, or released by
    the finding it waited for)."""
    made = Coalesce("released_at", "created_at")
    return Subquery(_referrals_made(child, raised=raised).order_by(made.desc(), "-id").values(made_at=made)[:1])


def _waiting_since(child: OuterRef) -> Subquery:
    """When the child's latest referral to the MEG still waiting for a finding was raised: from the start of
    the screening that raised it (the level that screening confirms is not "before" it), else its creation.
    Null when none waits."""
    raised = Coalesce("screening__started_at", "created_at")
    waiting = Task.objects.filter(child=child, code=TaskCode.REFER_TO_MEG, status=TaskStatus.WAITING)
    return Subquery(waiting.order_by(raised.desc(), "-id").values(raised_at=raised)[:1])


def _levels_before_waiting(child: OuterRef) -> "QuerySet[RiskLevelRecord]":
    """The child's levels confirmed before their latest waiting referral to the MEG was raised, newest
    first, for a subquery of a query of children (`child` is `OuterRef("pk")`)."""
    return child_risk_level_records(child_id=child).filter(decided_at__lt=_waiting_since(OuterRef("child_id")))


def _removed_before_waiting(child: OuterRef) -> "QuerySet[AgendaRemoval]":
    return AgendaRemoval.objects.filter(child=child, decided_at__lt=_waiting_since(OuterRef("child_id")))


def _previous_held_at(*, area_id: int, before: dt.datetime) -> Subquery:
    """When the area's last MEG before `before` was held (its agenda frozen; its start when that is not
    known): a referral after it is new to the next meeting. Null when none was held."""
    return Subquery(
        Meeting.objects.filter(kind=MeetingKind.MEG, area_id=area_id, starts_at__lt=before)
        .exclude(status=MeetingStatus.PLANNED)
        .order_by("-starts_at", "-id")
        .values(held=Coalesce("held_at", "starts_at"))[:1]
    )


def _standings(
    area_ids: list[int], *, before: dt.datetime | None = None, child_ids: list[uuid.UUID] | None = None
) -> tuple[list[ChildStanding], dt.datetime | None]:
    """The agenda facts of each child of these areas who is medium or high risk or was referred to the
    MEG (with `child_ids`, of those children only), in one query; with `before` (one area), also when
    the area's previous meeting was held."""
    levels = child_risk_level_records(child_id=OuterRef("pk"))
    referred = Task.objects.filter(
        code=TaskCode.REFER_TO_MEG, status__in=REFERRAL_MADE, child__responsible_authority__in=area_ids
    ).values("child_id")
    # The kept current level (index child_area_risk_level) picks the few medium and high children of
    # the areas first, and the referrals made (a few) the others; only theirs are read further.
    candidates = Child.objects.filter(responsible_authority__in=area_ids)
    if child_ids is not None:
        candidates = candidates.filter(pk__in=child_ids)
    rows = (
        candidates.filter(Q(risk_level__in=MEDIUM_OR_HIGH) | Q(pk__in=referred))
        .annotate(
            reached_at=Subquery(levels.filter(level__in=MEDIUM_OR_HIGH).values("decided_at")[:1]),
            level_at=Subquery(levels.values("decided_at")[:1]),
            removed_at=Subquery(
                AgendaRemoval.objects.filter(child=OuterRef("pk")).order_by("-decided_at").values("decided_at")[:1]
            ),
            last_referral_at=_latest_referral_made_at(OuterRef("pk"), raised=REFERRAL_RAISED),
            referred_at=_latest_referral_made_at(OuterRef("pk")),
            referral_to_do=Exists(
                Task.objects.filter(child=OuterRef("pk"), code=TaskCode.REFER_TO_MEG, status=TaskStatus.OPEN)
            ),
            waiting_since=_waiting_since(OuterRef("pk")),
            level_before_waiting=Subquery(_levels_before_waiting(OuterRef("pk")).values("level")[:1]),
            reached_before_waiting_at=Subquery(
                _levels_before_waiting(OuterRef("pk")).filter(level__in=MEDIUM_OR_HIGH).values("decided_at")[:1]
            ),
            removed_before_waiting_at=Subquery(
                _removed_before_waiting(OuterRef("pk")).order_by("-decided_at").values("decided_at")[:1]
            ),
            since=_previous_held_at(area_id=area_ids[0], before=before)
            if before
            else Value(None, output_field=DateTimeField()),
        )
        .order_by("last_name", "first_name", "id")
        .values(
            "id",
            "risk_level",
            "reached_at",
            "level_at",
            "removed_at",
            "last_referral_at",
            "referred_at",
            "referral_to_do",
            "waiting_since",
            "level_before_waiting",
            "reached_before_waiting_at",
            "removed_before_waiting_at",
            "since",
        )
    )
    found = list(rows)
    standings = [
        ChildStanding(
            child_id=row["id"],
            level=row["risk_level"],
            reached_medium_or_high_at=row["reached_at"],
            removed_at=row["removed_at"],
            last_referral_at=row["last_referral_at"],
            referred_at=row["referred_at"],
            referral_to_do=row["referral_to_do"],
            level_confirmed_at=row["level_at"],
            referral_waiting_since=row["waiting_since"],
            level_before_waiting=row["level_before_waiting"],
            reached_before_waiting_at=row["reached_before_waiting_at"],
            removed_before_waiting_at=row["removed_before_waiting_at"],
        )
        for row in found
    ]
    since: dt.datetime | None = found[0]["since"] if found else None
    return standings, since


def meg_agenda_entries(*, area: Area, before: dt.datetime | None = None) -> list[AgendaEntry]:
    """Every child on the area's agenda (medium or high risk, or referred to the MEG, and not taken off),
    for the meeting at `before` (default: the next), each new when referred since the previous was held."""
    standings, since = _standings([area.pk], before=before or timezone.now())
    return agenda_entries(standings, since=since)


def meg_agenda_page_entries(
    *, area: Area, before: dt.datetime, page: int, per_page: int
) -> tuple[list[AgendaEntry], int]:
    """One page of the area's agenda (from 1, in the agenda's order: by name) and how many children
    are on it in all. The database picks the page with the agenda rule in SQL (`meg_agenda_condition`,
    held to the same answer as the rule), and the page's children alone are read further: the facts
    of every child on a county's agenda took most of the agenda page's time (docs/performance.md)."""
    # Every id in one query (the rule's cost is in evaluating it, which a count would do again).
    on_agenda = list(
        Child.objects.filter(meg_agenda_condition(area_ids=[area.pk]))
        .order_by("last_name", "first_name", "id")
        .values_list("pk", flat=True)
    )
    start = (max(page, 1) - 1) * per_page
    ids = on_agenda[start : start + per_page]
    if not ids:
        return [], len(on_agenda)
    standings, since = _standings([area.pk], before=before, child_ids=ids)
    return agenda_entries(standings, since=since), len(on_agenda)


def meg_agenda_condition(*, area_ids: Iterable[int]) -> Q:
    """`_meg_agenda_condition`, built once per process for each set of areas: the condition holds no
    value of its own but the areas (Django copies it wherever a query uses it), and building it took
    milliseconds of every request of the MEG's staff (docs/performance.md)."""
    return _meg_agenda_condition(tuple(sorted(set(area_ids))))


@lru_cache(maxsize=256)
def _meg_agenda_condition(area_ids: tuple[int, ...]) -> Q:
    """The children on these areas' MEG agendas, as a condition the database evaluates for each child:
    the rule of `meetings.agenda.on_agenda` in SQL, for the child gate, so that a gate reads one child
    rather than the agendas' hundreds (a test holds it to the same answer as the rule, case by case).

    On the agenda by level: the current level is medium or high, and no decision to take the child off
    was recorded at or after the latest time a medium or high level was confirmed (none was ever
    confirmed: no decision can be after it). By referral: a referral to the MEG was made, no decision
    to take the child off was recorded at or after the latest one, and it is still to do or no level
    was confirmed after it. Either way, not while a referral to the MEG waits for a finding, unless the
    child was on the agenda by level just before it was raised (decision 0034)."""
    # Each inner query names the gate's own child (OuterRef(OuterRef("pk"))), not the row of the query
    # it sits in: correlated on the inner row, PostgreSQL worked out "a level confirmed since the
    # latest referral" for every level record of the county at once (a hashed subplan over 38,004
    # records, 189 ms of each gate query on the small county, for every page MEG staff opened).
    reached = (
        child_risk_level_records(child_id=OuterRef(OuterRef("pk")))
        .filter(level__in=MEDIUM_OR_HIGH)
        .values("decided_at")
    )
    taken_off_since = AgendaRemoval.objects.filter(child=OuterRef("pk"), decided_at__gte=Subquery(reached[:1]))
    by_level = Q(risk_level__in=MEDIUM_OR_HIGH) & ~Q(Exists(taken_off_since))

    def latest_referral() -> Subquery:
        return _latest_referral_made_at(OuterRef(OuterRef("pk")))

    referral_to_do = Task.objects.filter(child=OuterRef("pk"), code=TaskCode.REFER_TO_MEG, status=TaskStatus.OPEN)
    level_since = RiskLevelRecord.objects.filter(child=OuterRef("pk"), decided_at__gt=latest_referral())
    taken_off_since_referral = AgendaRemoval.objects.filter(child=OuterRef("pk"), decided_at__gte=latest_referral())
    by_referral = (
        Q(Exists(_referrals_made(OuterRef("pk"))))
        & (Q(Exists(referral_to_do)) | ~Q(Exists(level_since)))
        & ~Q(Exists(taken_off_since_referral))
    )
    waiting = Task.objects.filter(child=OuterRef("pk"), code=TaskCode.REFER_TO_MEG, status=TaskStatus.WAITING)
    # On the agenda by level just before the waiting referral was raised: the latest level confirmed
    # before then is medium or high, and no decision to take the child off came between it and then.
    # (Inside each subquery "child_id" is that subquery's own row's child: the same child.)
    later_before_waiting = RiskLevelRecord.objects.filter(
        child=OuterRef("child_id"),
        decided_at__gt=OuterRef("decided_at"),
        decided_at__lt=_waiting_since(OuterRef("child_id")),
    )
    taken_off_before_waiting = AgendaRemoval.objects.filter(
        child=OuterRef("child_id"),
        decided_at__gte=OuterRef("decided_at"),
        decided_at__lt=_waiting_since(OuterRef("child_id")),
    )
    on_before_waiting = (
        RiskLevelRecord.objects.filter(
            child=OuterRef("pk"), level__in=MEDIUM_OR_HIGH, decided_at__lt=_waiting_since(OuterRef(OuterRef("pk")))
        )
        .exclude(Exists(later_before_waiting))
        .exclude(Exists(taken_off_before_waiting))
    )
    held_back = Q(Exists(waiting)) & ~Q(Exists(on_before_waiting))
    return Q(responsible_authority_id__in=area_ids) & (by_level | by_referral) & ~held_back


def meg_agenda_child_ids(*, area_ids: list[int]) -> list[uuid.UUID]:
    """The ids of the children on these areas' MEG agendas, for the child gate."""
    return [entry.child_id for entry in agenda_entries(_standings(area_ids)[0])]


@dataclass(frozen=True)
class MeetingAgenda:
    """What a meeting discusses. Planned meetings work it out afresh at every read, so no medium or
    high risk child can be missing; once held, it is what was frozen then (`AgendaItem`)."""

    children: list[AgendaEntry]
    contextual_items: list[ContextualItem]
    frozen: bool


def _current_level(child_id: uuid.UUID) -> str:
    level = child_risk_level_current(child_id=child_id)
    return level.value if level is not None else ""


def _open_contextual_items(area: Area) -> list[ContextualItem]:
    """The places, people, vehicles and peer groups on a planned MEG's agenda: the area's open ones."""
    return list(ContextualItem.objects.filter(area=area, closed_at__isnull=True))


def meeting_agenda(*, meeting: Meeting) -> MeetingAgenda:
    if meeting.status != MeetingStatus.PLANNED:
        items = list(meeting.agenda_items.select_related("contextual_item").order_by("position"))
        return MeetingAgenda(
            children=[
                AgendaEntry(child_id=item.child_id, level=item.level, new=item.new)
                for item in items
                if item.child_id is not None
            ],
            contextual_items=[item.contextual_item for item in items if item.contextual_item is not None],
            frozen=True,
        )
    if meeting.kind == MeetingKind.MEG:
        return MeetingAgenda(
            children=meg_agenda_entries(area=meeting.area, before=meeting.starts_at),
            contextual_items=_open_contextual_items(meeting.area),
            frozen=False,
        )
    assert meeting.child_id is not None  # a strategy or multi-agency meeting is about one child
    return MeetingAgenda(
        children=[AgendaEntry(child_id=meeting.child_id, level=_current_level(meeting.child_id), new=False)],
        contextual_items=list(ContextualItem.objects.filter(children=meeting.child_id, closed_at__isnull=True)),
        frozen=False,
    )


def meeting_previous(*, meeting: Meeting) -> Meeting | None:
    """The last meeting of the same kind before this one that was held: the MEG of the same area, or
    the meeting about the same child. 'Since the last meeting' in the pack counts from its date."""
    earlier = Meeting.objects.filter(kind=meeting.kind, starts_at__lt=meeting.starts_at).exclude(
        status=MeetingStatus.PLANNED
    )
    if meeting.kind == MeetingKind.MEG:
        earlier = earlier.filter(area=meeting.area)
    else:
        earlier = earlier.filter(child=meeting.child_id)
    return earlier.order_by("-starts_at").first()


@dataclass(frozen=True)
class AgendaRead:
    meeting: Meeting
    agenda: MeetingAgenda
    children: dict[uuid.UUID, Child]  # the children read: every child on the agenda, or those of the page asked for
    page: int = 1
    per_page: int = 0  # 0: every child on the agenda was read
    invited_only: bool = False  # the reader reads it only because they are invited to it (decision 0035)
    # For a reader invited only: each contextual item's disruption plan, by the item's id, which the page
    # links to instead of the item's own page (the MEG's business support and chairs').
    disruption_plans: dict[int, int] = field(default_factory=dict)

    # The agenda's children are the page's alone (a planned MEG's agenda, paged in the database), of
    # `paged_total` in all; otherwise they are every child on the agenda.
    paged_total: int | None = None

    @property
    def total(self) -> int:
        return self.paged_total if self.paged_total is not None else len(self.agenda.children)

    @property
    def shown(self) -> list[AgendaEntry]:
        if self.paged_total is not None:
            return self.agenda.children
        if not self.per_page:
            return self.agenda.children
        start = (self.page - 1) * self.per_page
        return self.agenda.children[start : start + self.per_page]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page)) if self.per_page else 1

    @property
    def first(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.shown else 0

    @property
    def last(self) -> int:
        return self.first + len(self.shown) - 1 if self.shown else 0


AGENDA_PAGE = 100  # children a page of the agenda shows; the rest are on the next pages


def meeting_agenda_read(
    *,
    user: User,
    meeting_id: int,
    context: AccessContext,
    page: int | None = None,
    per_page: int | None = None,
    invited_read: bool = False,
) -> AgendaRead:
    """A meeting and its agenda, through the meeting gate, with one access event for the children read:
    every child on it, or with `page` (from 1) only that page's, in the agenda's order. With
    `invited_read`, also for those invited to a MEG (decision 0035): the agenda's page and API."""
    with transaction.atomic():
        meeting = access_meeting_to_read(user, meeting_id) if invited_read else access_meeting(user, meeting_id)
        paged_total: int | None = None
        if page and meeting.kind == MeetingKind.MEG and meeting.status == MeetingStatus.PLANNED:
            entries, paged_total = meg_agenda_page_entries(
                area=meeting.area, before=meeting.starts_at, page=max(page, 1), per_page=per_page or AGENDA_PAGE
            )
            agenda = MeetingAgenda(
                children=entries,
                contextual_items=_open_contextual_items(meeting.area),
                frozen=False,
            )
        else:
            agenda = meeting_agenda(meeting=meeting)
        read = AgendaRead(
            meeting=meeting,
            agenda=agenda,
            children={},
            page=max(page or 1, 1),
            per_page=(per_page or AGENDA_PAGE) if page else 0,
            invited_only=invited_read and reads_as_invited_only(user, meeting),
            paged_total=paged_total,
        )
        if read.invited_only and agenda.contextual_items:
            plans = Plan.objects.filter(contextual_item__in=[item.pk for item in agenda.contextual_items])
            read = replace(read, disruption_plans=dict(plans.values_list("contextual_item_id", "pk")))
        child_ids = [entry.child_id for entry in read.shown]
        children = Child.objects.in_bulk(child_ids)
        if child_ids:
            access_event_record(
                user=user, action=AccessAction.LIST, object_type="child", object_ids=child_ids, context=context
            )
    return replace(read, children=children)
