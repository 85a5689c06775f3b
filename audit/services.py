from collections.abc import Iterable, Sequence
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


def children_access_record(
    *, user: User, action: AccessAction, child_ids: Iterable[object | None], context: AccessContext
) -> AccessEvent | None:
    """One access event naming the children a read showed, each once, in the order first shown; none
    when it showed no child. Call it inside the transaction that reads the data."""
    named = list(dict.fromkeys(str(child_id) for child_id in child_ids if child_id is not None))
    if not named:
        return None
    return access_event_record(user=user, action=action, object_type="child", object_ids=named, context=context)
