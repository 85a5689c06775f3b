"""Reads of child records. Each one is access-checked and writes one access event."""

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from accounts.models import User
from audit.models import AccessAction
from audit.services import access_event_record
from children.access import access_child, child_visible_queryset, may_write_to_child
from children.models import CaseAllocation, Child, ChildCorrection, ChronologyEntry, MissingEpisode
from core.request_context import AccessContext

SEARCH_RESULT_LIMIT = 50


@dataclass(frozen=True)
class ChildRecord:
    child: Child
    chronology: list[ChronologyEntry]
    missing_episodes: list[MissingEpisode]
    allocations: list[CaseAllocation]
    may_write: bool = False  # whether the reader works the case, and so may add notes and corrections
    corrections: list[ChildCorrection] = field(default_factory=list)  # the history of its details, newest first


@dataclass(frozen=True, kw_only=True)
class ChildSearchQuery:
    name: str = ""
    date_of_birth: dt.date | None = None
    identifier: str = ""

    def is_empty(self) -> bool:
        return not (self.name.strip() or self.date_of_birth or self.identifier.strip())

    def as_log(self) -> dict[str, str]:
        return {
            "name": self.name,
            "date_of_birth": self.date_of_birth.isoformat() if self.date_of_birth else "",
            "identifier": self.identifier,
        }


def child_detail_read(*, user: User, child_id: uuid.UUID | str, context: AccessContext) -> ChildRecord:
    with transaction.atomic():
        child = access_child(user, child_id)
        record = ChildRecord(
            child=child,
            chronology=list(child.chronology.select_related("recorded_by", "source_agency")),
            missing_episodes=list(child.missing_episodes.all()),
            allocations=list(child.allocations.filter(ended_at__isnull=True).select_related("user")),
            may_write=may_write_to_child(user, child),
            corrections=list(child.corrections.select_related("corrected_by")),
        )
        access_event_record(
            user=user, action=AccessAction.VIEW, object_type="child", object_ids=[child.id], context=context
        )
    return record


def _search_filter(query: ChildSearchQuery) -> Q:
    condition = Q()
    for term in query.name.split():
        condition &= Q(first_name__icontains=term) | Q(last_name__icontains=term) | Q(known_as__icontains=term)
    if query.date_of_birth:
        condition &= Q(date_of_birth=query.date_of_birth)
    identifier = query.identifier.strip().replace(" ", "")
    if identifier:
        condition &= Q(reference__iexact=identifier) | Q(nhs_number=identifier)
    return condition


def child_search(*, user: User, query: ChildSearchQuery, context: AccessContext) -> list[Child]:
    """Children the user may see that match every given criterion; at most SEARCH_RESULT_LIMIT."""
    if query.is_empty():
        return []
    with transaction.atomic():
        # Sorted by the names ignoring case, which no index gives: so the database finds the matches
        # through the trigram indexes and sorts those few, where sorting by the name index would walk
        # it from A, checking every child (at a county's size, 100,000 rows read to find 8 matches).
        results = list(
            child_visible_queryset(user)
            .filter(_search_filter(query))
            .select_related("holding_team", "responsible_authority")
            .order_by(Lower("last_name"), Lower("first_name"), "id")[:SEARCH_RESULT_LIMIT]
        )
        access_event_record(
            user=user,
            action=AccessAction.SEARCH,
            object_type="child",
            object_ids=[child.id for child in results],
            query=query.as_log(),
            context=context,
        )
    return results


def child_list_queryset(*, user: User) -> QuerySet[Child]:
    """The visible children, unevaluated, for callers that paginate; they log what they show."""
    return child_visible_queryset(user).select_related("holding_team", "responsible_authority")


def child_list_logged(*, user: User, children: list[Child], context: AccessContext) -> list[Child]:
    access_event_record(
        user=user,
        action=AccessAction.LIST,
        object_type="child",
        object_ids=[child.id for child in children],
        context=context,
    )
    return children


def child_allocated_list(*, user: User, context: AccessContext) -> list[Child]:
    """The children allocated to the user, for their home page."""
    with transaction.atomic():
        children = list(
            child_list_queryset(user=user).filter(
                id__in=CaseAllocation.objects.filter(user=user, ended_at__isnull=True).values("child_id")
            )[:100]
        )
        if children:
            child_list_logged(user=user, children=children, context=context)
    return children


def child_summary_read(*, user: User, child_id: uuid.UUID | str, context: AccessContext) -> Child:
    """One child's record header (name, reference, date of birth), for pages that act on the child."""
    with transaction.atomic():
        child = access_child(user, child_id)
        access_event_record(
            user=user, action=AccessAction.VIEW, object_type="child", object_ids=[child.id], context=context
        )
    return child


def child_id_by_reference(*, user: User, reference: str) -> uuid.UUID | None:
    """The id of a visible child with this reference; None for a child that is missing or not visible."""
    found = child_visible_queryset(user).filter(reference__iexact=reference.strip()).values_list("id", flat=True)
    return found.first()
