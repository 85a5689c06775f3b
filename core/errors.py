"""Error pages that say what happened and nothing about the system or the records behind it."""

from typing import Any

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
