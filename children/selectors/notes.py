"""The reads behind the pages that write to a child's record: asked through the write gate, logged."""

import uuid
from dataclasses import dataclass

from django.db import transaction

from accounts.models import User
from audit.models import AccessAction
from audit.services import access_event_record
from children.access import access_child_to_write
from children.models import Carer, Child
from core.request_context import AccessContext


@dataclass(frozen=True)
class ChildToWrite:
    child: Child
    carers: list[Carer]


def child_to_write_read(*, user: User, child_id: uuid.UUID | str, context: AccessContext) -> ChildToWrite:
    """The child and its recorded parents and carers, for someone who works the case (404 for a child
    the user may not see, 403 for one they may only see); one access event."""
    with transaction.atomic():
        child = access_child_to_write(user, child_id)
        record = ChildToWrite(child=child, carers=list(child.carers.all()))
        access_event_record(
            user=user, action=AccessAction.VIEW, object_type="child", object_ids=[child.id], context=context
        )
    return record
