"""What every API view shares: JSON in, the access gate's 404, and one shape for every 400.

The error shape, documented in the OpenAPI as `ApiError`:

    {"detail": "confirmed_level: This field is required.",
     "errors": {"confirmed_level": ["This field is required."]}}

`detail` is always there (401, 403, 404 and 400 alike) and says what is wrong in a sentence.
On 400, `errors` names each field with a problem: nested fields as dotted paths
(`new_child.first_name`, `linked_children.0.involvement`, `warning_signs.2`), and
`non_field_errors` for a problem that belongs to no one field. The same shape holds whether the
request's syntax was wrong (DRF's checks) or the procedure refused it (a service's Django
`ValidationError`). Any failed request rolls the whole request back: nothing is half-saved.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler, set_rollback

from core.access_policy import Policy
from core.refusals import refusal_note

NON_FIELD = "non_field_errors"

# A service names some fields its own way; the API names them as the request does.
SERVICE_FIELD_NAMES = {"child": "child_id", NON_FIELD_ERRORS: NON_FIELD}

ERROR_DESCRIPTION = (
    "Errors have one shape: `detail` says what is wrong in a sentence; on 400, `errors` maps each field with a "
    "problem (nested fields as dotted paths, like `new_child.first_name`; `non_field_errors` for the request as "
    "a whole) to its messages. A failed request saves nothing. Records that do not exist and records you may not "
    "see both get 404."
)


# One component, "ApiError", for every error response. (A Serializer class cannot declare a field called
# "errors": that name is the serializer's own property.)
API_ERROR = inline_serializer(
    name="ApiError",
    fields={
        "detail": serializers.CharField(help_text="What is wrong, in a sentence."),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            required=False,
            help_text="On 400: each field with a problem (nested fields as dotted paths, like new_child.first_name; "
            "non_field_errors for the request as a whole), with its messages. A failed request saves nothing.",
        ),
    },
)
ERROR_RESPONSES: dict[int, Any] = {400: API_ERROR, 401: API_ERROR, 403: API_ERROR, 404: API_ERROR}
READ_ERROR_RESPONSES = {code: ERROR_RESPONSES[code] for code in (401, 403, 404)}


def _merge(into: dict[str, list[str]], more: dict[str, list[str]]) -> None:
    for field, messages in more.items():
        into.setdefault(field, []).extend(messages)


def flatten_errors(detail: Any, path: str = "") -> dict[str, list[str]]:
    """DRF's nested error structure as {dotted path: [messages]}."""
    found: dict[str, list[str]] = {}
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            name = str(key)
            own_field = name not in (NON_FIELD, NON_FIELD_ERRORS)
            inner = (f"{path}.{name}" if path else name) if own_field else path
            _merge(found, flatten_errors(value, inner))
    elif isinstance(detail, list | tuple):
        if all(isinstance(item, str) for item in detail):
            if detail:
                found.setdefault(path or NON_FIELD, []).extend(str(item) for item in detail)
        else:
            for index, item in enumerate(detail):
                _merge(found, flatten_errors(item, f"{path}.{index}" if path else str(index)))
    else:
        found.setdefault(path or NON_FIELD, []).append(str(detail))
    return found


def service_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return flatten_errors({SERVICE_FIELD_NAMES.get(key, key): ms for key, ms in error.message_dict.items()})
    return {NON_FIELD: list(error.messages)}


def _sentence(errors: dict[str, list[str]]) -> str:
    parts = [
        (message if field == NON_FIELD else f"{field}: {message}").rstrip(".")
        for field, messages in errors.items()
        for message in messages
    ]
    return "; ".join(parts) + "." if parts else "The request is not valid."


def bad_request(errors: dict[str, list[str]]) -> Response:
    set_rollback()
    return Response({"detail": _sentence(errors), "errors": errors}, status=status.HTTP_400_BAD_REQUEST)


def refusal_noting_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's own handler, which answers a refused record exactly like a missing one; the refusal is
    noted on the request and logged once the response is made (audit.middleware)."""
    refusal_note(context["request"]._request, exc)
    return exception_handler(exc, context)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        return bad_request(service_errors(exc))
    if isinstance(exc, exceptions.ValidationError):
        return bad_request(flatten_errors(exc.detail))
    if isinstance(exc, exceptions.ParseError):
        return bad_request({NON_FIELD: [str(exc.detail)]})
    return refusal_noting_exception_handler(exc, context)


class JsonApiView(APIView):
    """JSON in and out, authenticated like the rest of the API, errors in the one shape above."""

    access_policy = Policy.API
    parser_classes = [JSONParser]

    def get_exception_handler(self) -> Callable[[Exception, dict[str, Any]], Response | None]:
        return api_exception_handler


# --- Strict input fields ----------------------------------------------------------------------------


class StrictSerializer(serializers.Serializer[Any]):
    """Refuses a field it does not know, so that a typo is never taken silently as a default."""

    def to_internal_value(self, data: Any) -> Any:
        unknown = sorted(str(name) for name in set(data) - set(self.fields)) if isinstance(data, Mapping) else []
        errors = {name: ["Unknown field."] for name in unknown}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as invalid:
            if errors and isinstance(invalid.detail, dict):
                raise serializers.ValidationError({**invalid.detail, **errors}) from invalid
            raise
        if errors:
            raise serializers.ValidationError(errors)
        return value


class StrictBooleanField(serializers.BooleanField):
    """true or false, and nothing that merely looks like them ("yes", 1, "maybe")."""

    default_error_messages = {"invalid": "Must be true or false."}

    def to_internal_value(self, data: Any) -> bool:
        if isinstance(data, bool):
            return data
        self.fail("invalid")
        raise AssertionError("unreachable")


class OffsetDateTimeField(serializers.DateTimeField):
    """An ISO 8601 date and time that says its offset from UTC, like 2025-03-01T14:30:00+00:00."""

    default_error_messages = {
        "naive": "Include the offset from UTC, like 2025-03-01T14:30:00+00:00 or 2025-03-01T14:30:00Z.",
    }

    def to_internal_value(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                parsed = parse_datetime(value.strip())
            except ValueError:
                parsed = None  # a well-formed but impossible date: DRF says so below
            if parsed is not None and timezone.is_naive(parsed):
                self.fail("naive")
        return super().to_internal_value(value)
