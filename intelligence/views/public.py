"""The public pages under /report/: what to look out for, and the community report form. Anyone may
open them without an account. The form stands up to abuse (rate limits by client address, a size
limit, a honeypot) and to retries: the key each form carries makes a repeated report one report."""

import datetime as dt
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import get_usage  # type: ignore[import-untyped]

from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from intelligence.forms.public import NARRATIVE_MAX, CommunityReportForm, new_idempotency_key
from intelligence.services.submissions import submission_record

logger = logging.getLogger(__name__)

RATE_GROUP = "public-report"
COUNTED_KEY_SECONDS = 24 * 60 * 60
WRITER_WAIT_SECONDS = 10
RETRY_AFTER_SECONDS = 30
NOT_STORED = "Sorry, we could not save your report just now. Wait a minute, then send it again."

# SQLite lets one connection write at a time, and refuses a writer whose transaction began by reading
# ("database is locked") rather than making it wait; this process's threads take turns here instead.
_SQLITE_WRITER = threading.Lock()


class _StoreBusy(Exception):
    pass


def _contacts() -> dict[str, str]:
    # Read at request time, not import time, so that settings overrides (and tests) apply.
    return dict(settings.PARTNERSHIP_PUBLIC)


# The public pages read nothing about children and write only through `submission_record`, whose own
# transaction is the one that matters: none of them opens a transaction for the whole request.


@access_policy(Policy.PUBLIC)
@require_GET
@transaction.non_atomic_requests
def start_page(request: HttpRequest) -> HttpResponse:
    return render(request, "intelligence/public/start.html", {"contacts": _contacts()})


def _wait_seconds(request: HttpRequest, *, count: bool) -> int | None:
    """Seconds until this client address may send another report, or None when it may send one now.
    `count` counts this request against every limit."""
    waits: list[int] = []
    for rate in settings.PUBLIC_REPORT_RATES:
        usage: dict[str, Any] | None = get_usage(request, group=RATE_GROUP, key="ip", rate=rate, increment=count)
        if usage is not None and usage["should_limit"]:
            waits.append(max(int(usage["time_left"]), 1))
    return max(waits, default=None)


def _too_many(request: HttpRequest, wait: int) -> HttpResponse:
    until = timezone.localtime() + dt.timedelta(seconds=wait)
    response = render(
        request,
        "intelligence/public/too_many.html",
        {"contacts": _contacts(), "until": until, "today": until.date() == timezone.localdate()},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


def _form_page(request: HttpRequest, form: CommunityReportForm, *, status: int = 200) -> HttpResponse:
    return render(request, "intelligence/public/report_form.html", {"form": form}, status=status)


def _body_size(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _counted(form: CommunityReportForm) -> str:
    return f"{RATE_GROUP}:counted:{form.stored_key}"


@contextmanager
def _one_writer_at_a_time() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    if not _SQLITE_WRITER.acquire(timeout=WRITER_WAIT_SECONDS):
        raise _StoreBusy
    try:
        yield
    finally:
        _SQLITE_WRITER.release()


@access_policy(Policy.PUBLIC)
@never_cache  # each form carries its own key: a cached copy shared by two people would merge their reports
@require_http_methods(["GET", "POST"])
@transaction.non_atomic_requests  # the report commits inside the view, so that a failed commit is answered here
def report_page(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _form_page(request, CommunityReportForm(initial={"idempotency_key": new_idempotency_key()}))
    if _body_size(request) > settings.PUBLIC_REPORT_MAX_BYTES:
        context = {"contacts": _contacts(), "narrative_max": f"{NARRATIVE_MAX:,}"}
        return render(request, "intelligence/public/too_large.html", context, status=413)
    wait = _wait_seconds(request, count=False)
    if wait is not None:
        return _too_many(request, wait)
    form = CommunityReportForm(request.POST)
    if form.is_from_a_bot:
        # Answered as if it worked, so that the bot learns nothing; nothing is stored.
        _wait_seconds(request, count=True)
        return redirect("public:report_sent")
    if not form.is_valid():
        return _form_page(request, form)
    # A report sent again with its key (a double click, a retry) is not counted twice.
    if cache.get(_counted(form)) is None:
        wait = _wait_seconds(request, count=True)
        if wait is not None:
            return _too_many(request, wait)
    try:
        with _one_writer_at_a_time():
            submission_record(data=form.submission_input())
    except ValidationError as error:
        form_add_service_errors(form, error)
        return _form_page(request, form)
    except (OperationalError, _StoreBusy) as busy:
        # The transaction rolled back: nothing of this report is stored, and sending it again (with the
        # same key) is safe.
        logger.warning("A community report was not stored, the database was busy: %s", busy)
        form.add_error(None, NOT_STORED)
        response = _form_page(request, form, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    cache.set(_counted(form), True, COUNTED_KEY_SECONDS)
    return redirect("public:report_sent")


@access_policy(Policy.PUBLIC)
@require_GET
@transaction.non_atomic_requests
def report_sent_page(request: HttpRequest) -> HttpResponse:
    return render(request, "intelligence/public/report_sent.html", {"contacts": _contacts()})


urlpatterns: list[URLPattern] = [
    path("", start_page, name="start"),
    path("new/", report_page, name="report"),
    path("sent/", report_sent_page, name="report_sent"),
]
