"""The police intelligence queue, a professional's own submissions, and one submission's record."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from accounts.requests import StaffRequest
from core.access_policy import Policy, access_policy
from core.paging import page_number
from core.request_context import access_context_from_request
from intelligence.access import require_intelligence_officer
from intelligence.selectors.queue import own_submissions, submission_queue, submission_record_read


@access_policy(Policy.STAFF)
@require_GET
def queue_page(request: StaffRequest) -> HttpResponse:
    user = request.user
    require_intelligence_officer(user)
    queue = submission_queue(user=user, context=access_context_from_request(request), page=page_number(request, "page"))
    return render(request, "intelligence/queue/queue.html", {"queue": queue})


@access_policy(Policy.STAFF)
@require_GET
def my_submissions_page(request: StaffRequest) -> HttpResponse:
    user = request.user
    rows = own_submissions(user=user, context=access_context_from_request(request))
    return render(request, "intelligence/queue/mine.html", {"rows": rows})


@access_policy(Policy.STAFF)
@require_GET
def submission_detail_page(request: StaffRequest, submission_id: int) -> HttpResponse:
    user = request.user
    record = submission_record_read(
        user=user, submission_id=submission_id, context=access_context_from_request(request)
    )
    return render(request, "intelligence/queue/submission.html", {"record": record})


urlpatterns: list[URLPattern] = [
    path("queue/", queue_page, name="queue"),
    path("my-submissions/", my_submissions_page, name="my_submissions"),
    path("submissions/<int:submission_id>/", submission_detail_page, name="submission_detail"),
]
