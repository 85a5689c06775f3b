"""Refused reads: a gate answers "not found" both for a record that does not exist and for one the
reader may not see, and the two answers look the same. Inside, the second is a `RecordRefused`, so
that the access log can show someone probing records they may not see (audit.middleware)."""

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest

_NOTED = "_cse_hub_refused"


class RecordRefused(Http404):
    """A record that exists, refused to this reader: answered exactly like a missing one."""

    def __init__(self, message: str, *, object_type: str, object_id: object) -> None:
        super().__init__(message)
        self.object_type = object_type
        self.object_id = str(object_id)


def refused(record: Model, message: str) -> RecordRefused:
    return RecordRefused(message, object_type=record._meta.model_name or "", object_id=record.pk)


def not_found(model: type[Model], record_id: object, message: str) -> Http404:
    """What a gate raises when the reader's visible records hold no such id: refused when a record
    of that id exists, plain not found otherwise. The message is the same."""
    try:
        exists = model._default_manager.filter(pk=record_id).exists()
    except (ValidationError, ValueError, TypeError):
        exists = False
    if exists:
        return RecordRefused(message, object_type=model._meta.model_name or "", object_id=record_id)
    return Http404(message)


def refusal_note(request: HttpRequest, exception: BaseException) -> None:
    """Keep a refusal on the request until the response is made, after the view's transaction has
    rolled back, so that it can be logged then."""
    if isinstance(exception, RecordRefused):
        setattr(request, _NOTED, exception)


def refusal_noted(request: HttpRequest) -> RecordRefused | None:
    noted = getattr(request, _NOTED, None)
    return noted if isinstance(noted, RecordRefused) else None
