"""Links from the MEG's contextual items to what police intelligence knows of them (a suspected
perpetrator's person entity, a vehicle, a place). Only police intelligence officers make or remove
them: they decide what intelligence the MEG's agenda pack draws around an item."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import User
from intelligence.access import is_intelligence_officer
from intelligence.models import Entity
from meetings.models import ContextualItem, ContextualItemEntity


def _refuse_unless_officer(by: User) -> None:
    if not is_intelligence_officer(by):
        raise PermissionDenied("Only police intelligence officers link intelligence to the MEG's items.")


@transaction.atomic
def contextual_item_entity_link(*, item: ContextualItem, entity: Entity, by: User) -> ContextualItemEntity:
    """Linking twice is one link: the officer who repeats it gets the link that is there."""
    _refuse_unless_officer(by)
    item = ContextualItem.objects.select_for_update().get(pk=item.pk)
    if item.closed_at is not None:
        raise ValidationError({"item": "That contextual item is closed: choose an open one"})
    link, _ = ContextualItemEntity.objects.get_or_create(
        contextual_item=item, entity=entity, defaults={"linked_by": by}
    )
    return link


@transaction.atomic
def contextual_item_entity_unlink(*, link: ContextualItemEntity, by: User) -> None:
    _refuse_unless_officer(by)
    ContextualItemEntity.objects.filter(pk=link.pk).delete()
