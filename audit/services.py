from collections.abc import Sequence
from typing import Any

from accounts.models import User
from audit.models import AccessAction, AccessEvent
from core.request_context import AccessContext


def access_event_record(
    *,
    user: User,
    action: AccessAction,
    object_type: str,
    object_ids: Sequence[object],
    context: AccessContext,
    query: dict[str, Any] | None = None,
) -> AccessEvent:
    """Write one access event. Call it inside the transaction that reads the data."""
    return AccessEvent.objects.create(
        user=user,
        action=action,
        object_type=object_type,
        object_ids=[str(object_id) for object_id in object_ids],
        query=query or {},
        channel=context.channel,
        route=context.route,
        ip_address=context.ip_address,
        user_agent=context.user_agent,
        reason=context.reason,
    )
