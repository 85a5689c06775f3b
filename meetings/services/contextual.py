"""Writes for contextual items: the places, suspected perpetrators, vehicles and peer groups the MEG
discusses as well as the children they affect (contextual safeguarding)."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Area, User
from children.access import child_visible_queryset
from children.models import Child
from meetings.access import may_plan_for_area
from meetings.models import ContextualItem, ContextualKind

TITLE_MAX = 200


def _checked_details(*, kind: str, title: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in ContextualKind.values:
        errors["kind"] = "Select what the item is: a location, a suspected perpetrator, a vehicle or a peer group"
    if not title.strip():
        errors["title"] = "Enter a short name for the item, for example 'Takeaway on Station Road'"
    elif len(title.strip()) > TITLE_MAX:
        errors["title"] = f"The name must be {TITLE_MAX} characters or fewer"
    return errors


def _checked_children(*, by: User, children: Sequence[Child]) -> set[Child]:
    """Only a child the officer may see can be linked: they are the one judging that it is affected."""
    wanted = {child.pk for child in children}
    visible = set(child_visible_queryset(by).filter(pk__in=wanted))
    if len(visible) != len(wanted):
        raise ValidationError({"children": "Select only children on the agenda or whose records you may see"})
    return visible


def _refuse_unless_planner(*, by: User, area: Area) -> None:
    if not may_plan_for_area(by, area.pk):
        raise PermissionDenied("Only the MEG's business support officers and chair record contextual items.")


@transaction.atomic
def contextual_item_create(
    *, area: Area, by: User, kind: str, title: str, description: str = "", children: Sequence[Child] = ()
) -> ContextualItem:
    _refuse_unless_planner(by=by, area=area)
    errors = _checked_details(kind=kind, title=title)
    if errors:
        raise ValidationError(errors)
    linked = _checked_children(by=by, children=children)
    item: ContextualItem = ContextualItem.objects.create(
        area=area, kind=kind, title=title.strip(), description=description.strip(), created_by=by
    )
    item.children.set(linked)
    return item


@transaction.atomic
def contextual_item_update(
    *, item: ContextualItem, by: User, kind: str, title: str, description: str, children: Sequence[Child]
) -> ContextualItem:
    """Change an open item's details and the children it affects. A link to a child the editor may not
    see (off the agenda, or in another area) is kept: the editor cannot judge it."""
    _refuse_unless_planner(by=by, area=item.area)
    item = ContextualItem.objects.select_for_update().get(pk=item.pk)
    if item.closed_at is not None:
        raise ValidationError("This item is closed: it can no longer be changed.")
    errors = _checked_details(kind=kind, title=title)
    if errors:
        raise ValidationError(errors)
    linked = _checked_children(by=by, children=children)
    hidden = set(item.children.exclude(pk__in=child_visible_queryset(by).values("pk")))
    item.kind = kind
    item.title = title.strip()
    item.description = description.strip()
    item.save(update_fields=["kind", "title", "description"])
    item.children.set(linked | hidden)
    return item


@transaction.atomic
def contextual_item_close(*, item: ContextualItem, by: User, reason: str) -> ContextualItem:
    """Take the item off the area's agenda, with the reason. Its disruption plan and history stay."""
    _refuse_unless_planner(by=by, area=item.area)
    item = ContextualItem.objects.select_for_update().get(pk=item.pk)
    if item.closed_at is not None:
        raise ValidationError("This item is already closed.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the item is closed"})
    item.closed_at = timezone.now()
    item.closed_reason = reason.strip()
    item.save(update_fields=["closed_at", "closed_reason"])
    return item
