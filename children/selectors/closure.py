"""The closing of a child's case, as its page shows it before asking for the reason."""

import uuid
from dataclasses import dataclass

from accounts.models import User
from children.access import may_close_case
from children.closure import closure_refusals
from children.models import Child
from children.selectors import child_summary_read
from core.request_context import AccessContext


@dataclass(frozen=True)
class ClosureRead:
    child: Child
    may_close: bool
    refusals: list[str]  # what stands in the way now; the service asks again when the manager closes


def child_closure_read(*, user: User, child_id: uuid.UUID | str, context: AccessContext) -> ClosureRead:
    child = child_summary_read(user=user, child_id=child_id, context=context)
    may_close = may_close_case(user, child)
    return ClosureRead(child=child, may_close=may_close, refusals=closure_refusals(child) if may_close else [])
