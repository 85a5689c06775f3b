"""Where a read came from, for the access log."""

from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True, kw_only=True)
class AccessContext:
    channel: str  # "page", "api" or "command"
    route: str = ""
    ip_address: str | None = None
    user_agent: str = ""
    reason: str = ""


def access_context_from_request(request: HttpRequest, *, channel: str = "page", reason: str = "") -> AccessContext:
    # REMOTE_ADDR is the address the server saw; behind a proxy, configure the proxy to set it.
    return AccessContext(
        channel=channel,
        route=request.path[:300],
        ip_address=request.META.get("REMOTE_ADDR") or None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        reason=reason,
    )
