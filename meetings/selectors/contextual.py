"""Reads for contextual items. An item's linked children are child data: only the ones the reader may
see are shown, and the read is logged."""

from dataclasses import dataclass

from django.db import transaction

from accounts.models import Area, User
from audit.models import AccessAction
from audit.services import children_access_record
from children.access import child_visible_queryset
from children.models import Child
from core.request_context import AccessContext
from meetings.access import access_contextual_item
from meetings.models import ContextualItem, ContextualItemEntity, Plan
from meetings.selectors.agenda import meg_agenda_entries
from meetings.selectors.network_picture import NetworkPicture, contextual_item_network_picture
from meetings.selectors.plans import children_read_record


@dataclass(frozen=True)
class AreaContextualItems:
    open: list[ContextualItem]
    closed: list[ContextualItem]


def contextual_items_of_area(*, area: Area) -> AreaContextualItems:
    items = list(ContextualItem.objects.filter(area=area).order_by("kind", "title", "id"))
    return AreaContextualItems(
        open=[item for item in items if item.closed_at is None],
        closed=sorted(
            (item for item in items if item.closed_at is not None),
            key=lambda item: item.closed_at or item.created_at,
            reverse=True,
        ),
    )


def contextual_item_children(*, item: ContextualItem, user: User, context: AccessContext) -> list[Child]:
    """The children the item affects whom the user may see."""
    with transaction.atomic():
        children = list(item.children.filter(pk__in=child_visible_queryset(user).values("pk")).order_by("last_name"))
        children_read_record(
            user=user, context=context, action=AccessAction.VIEW, child_ids=[child.pk for child in children]
        )
    return children


def contextual_child_choices(
    *, area: Area, user: User, context: AccessContext, item: ContextualItem | None = None
) -> list[Child]:
    """The children an item can be linked to: those on the area's MEG agenda, and those it is linked
    to already, as far as the user may see them."""
    with transaction.atomic():
        wanted = {entry.child_id for entry in meg_agenda_entries(area=area)}
        if item is not None:
            wanted |= set(item.children.values_list("pk", flat=True))
        children = list(
            child_visible_queryset(user).filter(pk__in=wanted).order_by("last_name", "first_name", "reference")
        )
        children_read_record(
            user=user, context=context, action=AccessAction.LIST, child_ids=[child.pk for child in children]
        )
    return children


def contextual_item_plan(*, item: ContextualItem) -> Plan | None:
    return Plan.objects.filter(contextual_item=item).first()


@dataclass(frozen=True)
class ContextualItemRead:
    item: ContextualItem
    children: list[Child]  # the children it affects whom the reader may see
    picture: NetworkPicture | None  # what intelligence graded P links to it, when it is linked to intelligence
    plan: Plan | None


def contextual_item_detail_read(*, user: User, item_id: int, context: AccessContext) -> ContextualItemRead:
    """A contextual item through its gate, with the children it affects and its network picture: one
    access event for the children listed, and one for those the picture names."""
    with transaction.atomic():
        item = access_contextual_item(user, item_id)
        children = contextual_item_children(item=item, user=user, context=context)
        picture = contextual_item_network_picture(item_id=item.pk, user=user)
        if picture is not None:
            children_access_record(
                user=user, action=AccessAction.VIEW, child_ids=picture.named_child_ids, context=context
            )
    return ContextualItemRead(item=item, children=children, picture=picture, plan=contextual_item_plan(item=item))


def entity_contextual_links(*, entity_id: int) -> list[ContextualItemEntity]:
    """The MEG items an intelligence entity is linked to: kind, title and area, for the officer's page."""
    return list(
        ContextualItemEntity.objects.filter(entity_id=entity_id)
        .select_related("contextual_item__area", "linked_by")
        .order_by("contextual_item__area__name", "contextual_item__title", "id")
    )
