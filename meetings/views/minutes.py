"""Pages for minutes: read the approved version (and older ones), write the draft, approve it (the
chair only), and start a correction of approved minutes."""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from accounts.requests import StaffRequest
from audit.models import AccessAction
from audit.services import access_event_record
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.request_context import access_context_from_request
from meetings.access import access_meeting, may_approve_minutes, may_run_meeting
from meetings.forms.minutes import CorrectionForm, MinutesForm
from meetings.models import Meeting
from meetings.selectors.minutes import (
    minutes_draft,
    minutes_draft_read,
    minutes_latest_approved,
    minutes_read,
    minutes_version_read,
    minutes_versions,
)
from meetings.services.minutes import minutes_approve, minutes_correction_start, minutes_draft_save


def _children_listed(request: StaffRequest, child_ids: list[uuid.UUID]) -> None:
    if child_ids:
        access_event_record(
            user=request.user,
            action=AccessAction.LIST,
            object_type="child",
            object_ids=child_ids,
            context=access_context_from_request(request),
        )


def _writer(user: User, meeting: Meeting) -> bool:
    return may_run_meeting(user, meeting) or may_approve_minutes(user, meeting)


@access_policy(Policy.STAFF)
@require_GET
def minutes_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = access_meeting(user, meeting_id)
    with transaction.atomic():
        approved = minutes_latest_approved(meeting=meeting)
        shown = minutes_read(minutes=approved) if approved is not None else None
        _children_listed(request, shown.child_ids if shown else [])
    return render(
        request,
        "meetings/minutes/minutes.html",
        {
            "meeting": meeting,
            "shown": shown,
            "versions": minutes_versions(meeting=meeting),
            "draft": minutes_draft(meeting=meeting),
            "may_write": _writer(user, meeting),
            "may_approve": may_approve_minutes(user, meeting),
        },
    )


@access_policy(Policy.STAFF)
@require_GET
def minutes_version_page(request: StaffRequest, meeting_id: int, version: int) -> HttpResponse:
    user = request.user
    meeting = access_meeting(user, meeting_id)
    with transaction.atomic():
        shown = minutes_version_read(meeting=meeting, version=version)
        # A draft is for those who write and approve it; everyone else reads approved versions only.
        if shown is None or (not shown.minutes.approved and not _writer(user, meeting)):
            raise Http404("No minutes found.")
        _children_listed(request, shown.child_ids)
    latest = minutes_latest_approved(meeting=meeting)
    return render(
        request,
        "meetings/minutes/version.html",
        {"meeting": meeting, "shown": shown, "latest": latest},
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def minutes_edit_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = access_meeting(user, meeting_id)
    if not _writer(user, meeting):
        raise PermissionDenied("Only those who run this meeting can write its minutes.")
    with transaction.atomic():
        current = minutes_draft_read(meeting=meeting)
        _children_listed(request, current.child_ids)
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
    meeting = access_meeting(user, meeting_id)
    if not may_approve_minutes(user, meeting):
        raise PermissionDenied("Only the chair of the meeting can approve its minutes.")
    errors: list[str] = []
    with transaction.atomic():
        draft = minutes_draft(meeting=meeting)
        shown = minutes_read(minutes=draft) if draft is not None else None
        _children_listed(request, shown.child_ids if shown else [])
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
        {"meeting": meeting, "shown": shown, "errors": errors},
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def minutes_correct_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = access_meeting(user, meeting_id)
    if not _writer(user, meeting):
        raise PermissionDenied("Only those who run this meeting can correct its minutes.")
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
