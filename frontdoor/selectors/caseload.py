"""Caseloads a worker and a team manager can work from (decision 0030): for each child, the level of
risk and the level before it, missing episodes in the last 90 days, the next review of the risk
assessment and the open tasks. Filtered, sorted and paged in the database, one query for the page
and one for the count, whatever the page's length; each page read is one access event naming the
children shown.

It lives with the front door because it reads its tasks, and the assessments and children below it.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.db.models import Case, Count, DateField, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from accounts.models import Role, User
from accounts.standing import standing_of
from assessments.models import Assessment, AssessmentStatus, RiskLevelRecord
from audit.models import AccessAction
from audit.services import children_access_record
from children.access import child_visible_queryset
from children.models import CaseAllocation, Child, MissingEpisode
from core.paging import Page
from core.request_context import AccessContext
from frontdoor.models import Task, TaskStatus

MISSING_WINDOW_DAYS = 90
REVIEW_SOON_DAYS = 7
CASELOAD_PAGE = 25


class LevelFilter(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    NONE = "none"  # not assessed yet


class CaseloadSort(StrEnum):
    NAME = "name"
    LEVEL = "level"  # highest first
    REVIEW = "review"  # soonest (most overdue) first; none last
    MISSING = "missing"  # most episodes first
    TASKS = "tasks"  # most open tasks first


@dataclass(frozen=True, kw_only=True)
class CaseloadQuery:
    level: LevelFilter | None = None
    review_overdue: bool = False
    missing: bool = False  # at least one missing episode in the window
    sort: CaseloadSort = CaseloadSort.LEVEL
    team_id: int | None = None  # team caseload: one of the manager's teams
    page: int = 1


@dataclass(frozen=True)
class CaseloadRow:
    child: Child
    level: str  # '' when not assessed
    previous_level: str  # the confirmed level before the current one; '' when none
    missing_recent: int
    review_due_on: dt.date | None
    open_tasks: int
    case_holder: str  # the case-holding social worker's name; '' when none

    @property
    def review_overdue(self) -> bool:
        return self.review_due_on is not None and self.review_due_on < timezone.localdate()

    @property
    def review_soon(self) -> bool:
        due = self.review_due_on
        today = timezone.localdate()
        return due is not None and today <= due <= today + dt.timedelta(days=REVIEW_SOON_DAYS)


def _annotated(children: QuerySet[Child]) -> QuerySet[Child]:
    since = timezone.now() - dt.timedelta(days=MISSING_WINDOW_DAYS)
    previous = RiskLevelRecord.objects.filter(child=OuterRef("pk")).order_by("-decided_at", "-id").values("level")
    review = (
        Assessment.objects.filter(child=OuterRef("pk"), status=AssessmentStatus.COMPLETE, superseded_by__isnull=True)
        .order_by("-completed_at", "-id")
        .values("review_due_on")
    )
    missing = (
        MissingEpisode.objects.filter(child=OuterRef("pk"), started_at__gte=since)
        .order_by()
        .values("child")
        .annotate(count=Count("id"))
        .values("count")
    )
    tasks = (
        Task.objects.filter(child=OuterRef("pk"), status=TaskStatus.OPEN)
        .order_by()
        .values("child")
        .annotate(count=Count("id"))
        .values("count")
    )
    holder = CaseAllocation.objects.filter(
        child=OuterRef("pk"), role=Role.SOCIAL_WORKER, ended_at__isnull=True
    ).order_by("-started_at")
    return children.annotate(
        previous_level=Coalesce(Subquery(previous[1:2]), Value("")),
        review_due=Subquery(review[:1], output_field=DateField()),
        missing_recent=Coalesce(Subquery(missing, output_field=IntegerField()), Value(0)),
        open_tasks=Coalesce(Subquery(tasks, output_field=IntegerField()), Value(0)),
        holder_first=Subquery(holder.values("user__first_name")[:1]),
        holder_last=Subquery(holder.values("user__last_name")[:1]),
        level_rank=Case(
            When(risk_level="high", then=Value(3)),
            When(risk_level="medium", then=Value(2)),
            When(risk_level="low", then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    )


def _filtered(children: QuerySet[Child], query: CaseloadQuery) -> QuerySet[Child]:
    if query.level == LevelFilter.NONE:
        children = children.filter(risk_level="")
    elif query.level is not None:
        children = children.filter(risk_level=query.level)
    if query.review_overdue:
        children = children.filter(Q(review_due__lt=timezone.localdate()))
    if query.missing:
        children = children.filter(Q(missing_recent__gt=0))
    return children


_BY_NAME = (Lower("last_name"), Lower("first_name"), "id")
ORDERINGS: dict[CaseloadSort, tuple[object, ...]] = {
    CaseloadSort.NAME: _BY_NAME,
    CaseloadSort.LEVEL: (F("level_rank").desc(), *_BY_NAME),
    CaseloadSort.REVIEW: (F("review_due").asc(nulls_last=True), *_BY_NAME),
    CaseloadSort.MISSING: (F("missing_recent").desc(), *_BY_NAME),
    CaseloadSort.TASKS: (F("open_tasks").desc(), *_BY_NAME),
}


def _row(child: Child) -> CaseloadRow:
    holder = f"{child.holder_first or ''} {child.holder_last or ''}".strip()  # type: ignore[attr-defined]
    return CaseloadRow(
        child=child,
        level=child.risk_level,
        previous_level=child.previous_level,  # type: ignore[attr-defined]
        missing_recent=child.missing_recent,  # type: ignore[attr-defined]
        review_due_on=child.review_due,  # type: ignore[attr-defined]
        open_tasks=child.open_tasks,  # type: ignore[attr-defined]
        case_holder=holder,
    )


def _page(*, user: User, children: QuerySet[Child], query: CaseloadQuery, context: AccessContext) -> Page[CaseloadRow]:
    with transaction.atomic():
        listed = _filtered(_annotated(children), query)
        total = listed.count()
        pages = max(1, -(-total // CASELOAD_PAGE))
        page = min(max(query.page, 1), pages)
        start = (page - 1) * CASELOAD_PAGE
        found = list(
            listed.select_related("holding_team").order_by(*ORDERINGS[query.sort])[start : start + CASELOAD_PAGE]  # type: ignore[arg-type]
        )
        children_access_record(
            user=user, action=AccessAction.LIST, child_ids=[child.id for child in found], context=context
        )
    return Page(rows=[_row(child) for child in found], total=total, page=page, per_page=CASELOAD_PAGE)


def caseload_mine(*, user: User, query: CaseloadQuery, context: AccessContext) -> Page[CaseloadRow]:
    """The children allocated to the user, in any role, that they may see."""
    allocated = CaseAllocation.objects.filter(user=user, ended_at__isnull=True).values("child_id")
    return _page(
        user=user, children=child_visible_queryset(user).filter(id__in=allocated), query=query, context=context
    )


def caseload_team_ids(*, user: User) -> frozenset[int]:
    """The teams whose caseload the user may list: those they manage."""
    return standing_of(user).managed_team_ids


def caseload_team(*, user: User, query: CaseloadQuery, context: AccessContext) -> Page[CaseloadRow]:
    """The children held by the teams the user manages (or by the one of them asked for), that they may
    see. Someone who manages no team lists none."""
    managed = caseload_team_ids(user=user)
    teams = [query.team_id] if query.team_id in managed else list(managed)
    held = child_visible_queryset(user).filter(holding_team_id__in=teams)
    return _page(user=user, children=held, query=query, context=context)


def reviews_due_list(*, user: User, context: AccessContext) -> list[CaseloadRow]:
    """The children whose case-holding social worker the user is and whose risk assessment review is due
    within REVIEW_SOON_DAYS days or past, most overdue first: for their worklist. One access event."""
    held = CaseAllocation.objects.filter(user=user, role=Role.SOCIAL_WORKER, ended_at__isnull=True).values("child_id")
    soon = timezone.localdate() + dt.timedelta(days=REVIEW_SOON_DAYS)
    with transaction.atomic():
        due = list(
            _annotated(child_visible_queryset(user).filter(id__in=held))
            .filter(Q(review_due__lte=soon))
            .select_related("holding_team")
            .order_by(F("review_due").asc(), *_BY_NAME)[:CASELOAD_PAGE]
        )
        children_access_record(
            user=user, action=AccessAction.LIST, child_ids=[child.id for child in due], context=context
        )
    return [_row(child) for child in due]
