from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from accounts.models import User
from audit.models import AccessAction
from audit.services import access_event_record
from core.refusals import refusal_note, refusal_noted
from core.request_context import access_context_from_request


class RefusedReadMiddleware:
    """Logs each refused read (a gate answered "not found" for a record that exists) as an access
    event of its own kind, once the request's transaction has ended: a rolled-back view cannot take
    the event with it. docs/security.md, "Refused reads"."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        refusal = refusal_noted(request)
        user = request.user
        if refusal is not None and isinstance(user, User) and user.is_authenticated:
            channel = "api" if request.path.startswith("/api/") else "page"
            access_event_record(
                user=user,
                action=AccessAction.REFUSED,
                object_type=refusal.object_type,
                object_ids=[refusal.object_id],
                context=access_context_from_request(request, channel=channel),
            )
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        refusal_note(request, exception)
        return None
