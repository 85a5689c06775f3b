"""Reads for the information sharing form: the children the form offers to tick are child data, so the
read that lists them is logged."""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from accounts.models import User
from audit.models import AccessAction
from audit.services import access_event_record
from children.access import child_visible_queryset
from children.models import Child
from core.request_context import AccessContext

# Up to this many children the page lists them to tick; beyond it, the user types their references.
CHILDREN_LISTED = 50


@dataclass(frozen=True)
class SharingChildren:
    listed: list[Child]  # the children to tick; none when the user may see more than CHILDREN_LISTED
    asked: list[Child]  # the child the form was opened from, when the user may see them
    visible: QuerySet[Child]  # every child the user may see, unevaluated, for the references typed


def sharing_children_read(*, user: User, asked_child_id: uuid.UUID | None, context: AccessContext) -> SharingChildren:
    """The children the form offers, with one access event for those it lists and the one it was opened
    from."""
    visible = child_visible_queryset(user).order_by("last_name", "first_name", "reference")
    with transaction.atomic():
        candidates = list(visible[: CHILDREN_LISTED + 1])
        listed = candidates if len(candidates) <= CHILDREN_LISTED else []
        asked = list(visible.filter(pk=asked_child_id)) if asked_child_id is not None else []
        shown = {child.pk for child in listed} | {child.pk for child in asked}
        if shown:
            access_event_record(
                user=user,
                action=AccessAction.LIST,
                object_type="child",
                object_ids=sorted(shown, key=str),
                context=context,
            )
    return SharingChildren(listed=listed, asked=asked, visible=visible)
