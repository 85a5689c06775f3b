"""Pages for minutes: read the approved version (and older ones), write the draft, approve it (the
chair only), and start a correction of approved minutes."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import StaffRequest
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.request_context import access_context_from_request
from meetings.access import MeetingAccess, access_meeting, may_approve_minutes, may_write_minutes
from meetings.forms.minutes import CorrectionForm, MinutesForm
from meetings.selectors.minutes import (
    meeting_minutes_read,
    minutes_approval_read,
    minutes_edit_read,
    minutes_latest_approved,
    minutes_version_detail_read,
)
from meetings.services.minutes import minutes_approve, minutes_correction_start, minutes_draft_save


@access_policy(Policy.STAFF)
@require_GET
def minutes_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    read = meeting_minutes_read(user=user, meeting_id=meeting_id, context=access_context_from_request(request))
    return render(
        request,
        "meetings/minutes/minutes.html",
        {
            "meeting": read.meeting,
            "shown": read.shown,
            "versions": read.versions,
            "draft": read.draft,
            "may_write": may_write_minutes(user, read.meeting),
            "may_approve": may_approve_minutes(user, read.meeting),
            "invited_only": read.invited_only,
        },
    )


@access_policy(Policy.STAFF)
@require_GET
def minutes_version_page(request: StaffRequest, meeting_id: int, version: int) -> HttpResponse:
    read = minutes_version_detail_read(
        user=request.user,
        meeting_id=meeting_id,
        version=version,
        context=access_context_from_request(request),
    )
    return render(
        request,
        "meetings/minutes/version.html",
        {"meeting": read.meeting, "shown": read.shown, "latest": read.latest},
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def minutes_edit_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    read = minutes_edit_read(user=user, meeting_id=meeting_id, context=access_context_from_request(request))
    meeting, current = read.meeting, read.current
    form = MinutesForm(request.POST if request.method == "POST" else None, rows=current.rows)
    if request.method == "POST" and form.is_valid():
        try:
            minutes = minutes_draft_save(meeting=meeting, texts=form.texts(), by=user)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:minutes_version", meeting_id=meeting.pk, version=minutes.version)
    return render(
        request,
        "meetings/minutes/edit.html",
        {"meeting": meeting, "current": current, "form": form},
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def minutes_approve_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    read = minutes_approval_read(user=user, meeting_id=meeting_id, context=access_context_from_request(request))
    meeting, draft = read.meeting, read.draft
    errors: list[str] = []
    if request.method == "POST":
        if draft is None:
            errors = ["There is no draft of the minutes to approve."]
        else:
            try:
                minutes_approve(minutes=draft, by=user)
            except ValidationError as error:
                errors = error.messages
            else:
                return redirect("meetings:minutes", meeting_id=meeting.pk)
    return render(
        request,
        "meetings/minutes/approve.html",
        {"meeting": meeting, "shown": read.shown, "errors": errors},
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def minutes_correct_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = access_meeting(user, meeting_id, to=MeetingAccess.WRITE_MINUTES)
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            minutes_correction_start(meeting=meeting, reason=form.cleaned_data["correction_reason"], by=user)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:minutes_edit", meeting_id=meeting.pk)
    return render(
        request,
        "meetings/minutes/correct.html",
        {"meeting": meeting, "form": form, "approved": minutes_latest_approved(meeting=meeting)},
    )


urlpatterns: list[URLPattern] = [
    path("<int:meeting_id>/minutes/", minutes_page, name="minutes"),
    path("<int:meeting_id>/minutes/version/<int:version>/", minutes_version_page, name="minutes_version"),
    path("<int:meeting_id>/minutes/edit/", minutes_edit_page, name="minutes_edit"),
    path("<int:meeting_id>/minutes/approve/", minutes_approve_page, name="minutes_approve"),
    path("<int:meeting_id>/minutes/correct/", minutes_correct_page, name="minutes_correct"),
]
