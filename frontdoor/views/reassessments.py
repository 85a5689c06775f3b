"""Reviewing a child's CSE risk assessment, outside a screening: a new assessment supersedes the last."""

import uuid

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import StaffRequest
from assessments.models import Assessment, AssessmentStatus
from assessments.selectors import assessment_tool_active, tool_definition_of
from children.selectors import child_summary_read
from core.access_policy import Policy, access_policy
from core.request_context import access_context_from_request
from frontdoor.forms import AssessmentForm
from frontdoor.selectors.screenings import assessment_detail_read
from frontdoor.services.reassessment import reassessment_answers_save, reassessment_complete, reassessment_start
from frontdoor.views.screenings import confirm_level_form_handle


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def reassessment_form_page(request: StaffRequest, child_id: uuid.UUID) -> HttpResponse:
    user = request.user
    child = child_summary_read(user=user, child_id=child_id, context=access_context_from_request(request))
    if request.method == "POST":
        assessment = reassessment_start(child=child, by=user)
        form = AssessmentForm(request.POST, tool=tool_definition_of(assessment.tool))
        if form.is_valid():
            reassessment_answers_save(
                assessment=assessment, selected=form.selected(), domain_notes=form.domain_notes(), by=user
            )
            return redirect("frontdoor:reassessment_confirm", assessment_id=assessment.pk)
    else:
        form = AssessmentForm(tool=tool_definition_of(assessment_tool_active()), initial=_last_answers(child.id))
    return render(request, "frontdoor/reassessment_form.html", {"form": form, "child": child, "tool": form.tool})


def _last_answers(child_id: uuid.UUID) -> dict[str, object]:
    """A review starts from what the last assessment found."""
    last = Assessment.objects.filter(child_id=child_id).order_by("-created_at", "-id").first()
    if last is None:
        return {}
    return AssessmentForm.initial_for(tool_definition_of(last.tool), set(last.selected_indicators), last.domain_notes)


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def reassessment_confirm_page(request: StaffRequest, assessment_id: int) -> HttpResponse:
    user = request.user
    record = assessment_detail_read(
        user=user, assessment_id=assessment_id, context=access_context_from_request(request)
    )
    assessment = record.assessment
    if assessment.status != AssessmentStatus.DRAFT:
        return redirect("frontdoor:assessment_detail", assessment_id=assessment.pk)
    form, done = confirm_level_form_handle(
        request,
        assessment=assessment,
        confirm=lambda **answers: reassessment_complete(assessment=assessment, by=user, **answers),
    )
    if done:
        return redirect("frontdoor:assessment_detail", assessment_id=assessment.pk)
    return render(
        request,
        "frontdoor/reassessment_confirm.html",
        {"form": form, "record": record, "assessment": assessment, "review_parts": form.date_parts("review")},
    )


@access_policy(Policy.STAFF)
@require_GET
def assessment_detail_page(request: StaffRequest, assessment_id: int) -> HttpResponse:
    record = assessment_detail_read(
        user=request.user,
        assessment_id=assessment_id,
        context=access_context_from_request(request),
    )
    return render(request, "frontdoor/assessment_detail.html", {"record": record, "assessment": record.assessment})
