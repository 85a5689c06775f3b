"""Grading a submission (3x5x2): police intelligence only."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from accounts.requests import StaffRequest
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.request_context import access_context_from_request
from intelligence.forms.grading import GradingForm
from intelligence.selectors.queue import submission_grading_read
from intelligence.services.grading import submission_grade


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def submission_grade_page(request: StaffRequest, submission_id: int) -> HttpResponse:
    user = request.user
    read = submission_grading_read(user=user, submission_id=submission_id, context=access_context_from_request(request))
    submission, latest = read.submission, read.latest
    form = GradingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            submission_grade(submission=submission, by=user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("intelligence:submission_detail", submission_id=submission.pk)
    return render(request, "intelligence/grading/form.html", {"form": form, "submission": submission, "latest": latest})


urlpatterns: list[URLPattern] = [
    path("submissions/<int:submission_id>/grade/", submission_grade_page, name="submission_grade"),
]
