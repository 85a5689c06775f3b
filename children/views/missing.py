"""Pages for missing from home: the child's episodes, recording one, its return, and the return home
interview. Each page reads through a selector (the gate, the access log), asks the access layer
whether the user may record, and hands the form's input to the service, which checks again."""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import StaffRequest
from children.access import WRITE_REFUSAL, may_write_to_child
from children.forms.missing import SERVICE_FIELDS, MissingEpisodeForm, MissingEpisodeReturnForm, ReturnInterviewForm
from children.selectors import child_summary_read
from children.selectors.missing import missing_episode_list, missing_episode_read
from children.services.missing import missing_episode_record, missing_episode_return_record, return_interview_record
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.request_context import access_context_from_request


def _back_to_child(child_id: uuid.UUID) -> HttpResponse:
    return redirect(reverse("hub:child", args=[child_id]) + "#missing-from-home")


@access_policy(Policy.STAFF)
@require_GET
def missing_episode_list_page(request: StaffRequest, child_id: uuid.UUID) -> HttpResponse:
    listed = missing_episode_list(user=request.user, child_id=child_id, context=access_context_from_request(request))
    return render(request, "children/missing/list.html", {"child": listed.child, "listed": listed})


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def missing_episode_record_page(request: StaffRequest, child_id: uuid.UUID) -> HttpResponse:
    user = request.user
    child = child_summary_read(user=user, child_id=child_id, context=access_context_from_request(request))
    if not may_write_to_child(user, child):
        raise PermissionDenied(WRITE_REFUSAL)
    form = MissingEpisodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            missing_episode_record(actor=user, child_id=child.id, data=form.to_input())
        except ValidationError as error:
            form_add_service_errors(form, error, field_for=SERVICE_FIELDS)
        else:
            return _back_to_child(child.id)
    return render(
        request,
        "children/missing/record.html",
        {
            "child": child,
            "form": form,
            "started_parts": form.date_parts("started"),
            "ended_parts": form.date_parts("ended"),
        },
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def missing_episode_return_page(request: StaffRequest, episode_id: int) -> HttpResponse:
    user = request.user
    read = missing_episode_read(user=user, episode_id=episode_id, context=access_context_from_request(request))
    if not read.may_record:
        raise PermissionDenied(WRITE_REFUSAL)
    form = MissingEpisodeReturnForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            missing_episode_return_record(actor=user, episode_id=read.episode.pk, data=form.to_input())
        except ValidationError as error:
            form_add_service_errors(form, error, field_for=SERVICE_FIELDS)
        else:
            return _back_to_child(read.child.id)
    return render(
        request,
        "children/missing/return.html",
        {"child": read.child, "episode": read.episode, "form": form, "ended_parts": form.date_parts("ended")},
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def return_interview_record_page(request: StaffRequest, episode_id: int) -> HttpResponse:
    user = request.user
    read = missing_episode_read(user=user, episode_id=episode_id, context=access_context_from_request(request))
    if not read.may_record:
        raise PermissionDenied(WRITE_REFUSAL)
    form = ReturnInterviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            return_interview_record(actor=user, episode_id=read.episode.pk, data=form.to_input())
        except ValidationError as error:
            form_add_service_errors(form, error, field_for=SERVICE_FIELDS)
        else:
            return _back_to_child(read.child.id)
    return render(
        request,
        "children/missing/interview.html",
        {
            "child": read.child,
            "episode": read.episode,
            "form": form,
            "completed_parts": form.date_parts("completed"),
        },
    )
