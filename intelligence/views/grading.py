"""Grading a submission (3x5x2): police intelligence only."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from accounts.requests import StaffRequest
from audit.models import AccessAction
from audit.services import access_event_record
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.request_context import access_context_from_request
from intelligence.access import access_submission_as_officer
from intelligence.forms.grading import GradingForm
from intelligence.services.grading import submission_grade


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def submission_grade_page(request: StaffRequest, submission_id: int) -> HttpResponse:
    user = request.user
    with transaction.atomic():
        submission = access_submission_as_officer(user, submission_id)
        latest = submission.gradings.select_related("graded_by").order_by("-graded_at", "-id").first()
        # The page shows what was reported, which is about the children the submission concerns.
        child_ids = list(submission.children.values_list("child_id", flat=True))
        if child_ids:
            access_event_record(
                user=user,
                action=AccessAction.VIEW,
                object_type="child",
                object_ids=child_ids,
                context=access_context_from_request(request),
            )
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
