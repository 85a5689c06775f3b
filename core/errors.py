"""Error pages that say what happened and nothing about the system or the records behind it."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

MESSAGES = {
    400: "Bad request",
    403: "You do not have access to this page",
    404: "Page not found",
    500: "Sorry, there is a problem with the service",
}


def _error(request: HttpRequest, status: int) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": MESSAGES[status]}, status=status)
    html = render_to_string(f"errors/{status}.html", {"title": MESSAGES[status]})
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Any) -> HttpResponse:
    return _error(request, 400)


def permission_denied(request: HttpRequest, exception: Any) -> HttpResponse:
    return _error(request, 403)


def page_not_found(request: HttpRequest, exception: Any) -> HttpResponse:
    return _error(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500)


class NotFoundPageMiddleware:
    """The service's own "Page not found" in the development profile too.

    With DEBUG on, Django answers a missing page with its technical page, which lists every URL pattern
    of the service. The demo runs with DEBUG on and is shown to partners, so a missing page answers as
    production does. The technical page is HTML; a JSON answer of the API is left as it is."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and response.get("Content-Type", "").startswith("text/html"):
            return page_not_found(request, None)
        return response
