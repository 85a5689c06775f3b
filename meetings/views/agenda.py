import uuid

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import StaffRequest
from children.selectors import child_summary_read
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.paging import page_number
from core.request_context import access_context_from_request
from meetings.access import MeetingAccess, access_meeting, may_run_meeting
from meetings.forms.agenda import AgendaRemovalForm
from meetings.forms.meeting_list import WHEN_LABELS, MeetingListForm
from meetings.models import MeetingKind, RemovalReason
from meetings.selectors.agenda import meeting_agenda_read
from meetings.selectors.meeting_list import meeting_list_filtered_read
from meetings.services.agenda import agenda_removal_record


@access_policy(Policy.STAFF)
@require_GET
def meeting_list_page(request: StaffRequest) -> HttpResponse:
    form = MeetingListForm(request.GET)
    if not form.is_valid():
        return render(request, "meetings/list.html", {"form": form, "read": None})
    filters = form.to_filters()
    read = meeting_list_filtered_read(
        user=request.user,
        context=access_context_from_request(request),
        filters=filters,
        page=page_number(request),
        when_by_default=True,
    )
    sections = [
        {"when": when, "label": label, "count": read.counts[when], "query": form.query(when=when.value)}
        for when, label in WHEN_LABELS.items()
    ]
    return render(
        request,
        "meetings/list.html",
        {
            "form": form,
            "read": read,
            "sections": sections,
            "filtered": any(value is not None for value in (filters.kind, filters.held, filters.minutes_approved)),
            "when_label": WHEN_LABELS[read.when] if read.when else "",
            "query": form.query(when=read.when.value if read.when else ""),
        },
    )


@access_policy(Policy.STAFF)
@require_GET
def meeting_detail_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    read = meeting_agenda_read(
        user=user,
        meeting_id=meeting_id,
        context=access_context_from_request(request),
        page=page_number(request),
        invited_read=True,
    )
    rows = [(entry, read.children[entry.child_id]) for entry in read.shown]
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": read.meeting,
            "agenda": read.agenda,
            "rows": rows,
            "listed": read,
            "may_run": may_run_meeting(user, read.meeting),
            "invited_only": read.invited_only,
            "contextual_rows": [(item, read.disruption_plans.get(item.pk)) for item in read.agenda.contextual_items],
        },
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def agenda_removal_page(request: StaffRequest, meeting_id: int, child_id: uuid.UUID) -> HttpResponse:
    user = request.user
    meeting = access_meeting(user, meeting_id, to=MeetingAccess.RUN)
    if meeting.kind != MeetingKind.MEG:
        raise Http404("No meeting found.")
    child = child_summary_read(user=user, child_id=child_id, context=access_context_from_request(request))
    form = AgendaRemovalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            agenda_removal_record(
                meeting=meeting,
                child=child,
                reason=RemovalReason(form.cleaned_data["reason"]),
                note=form.cleaned_data["note"],
                by=user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:detail", meeting_id=meeting.pk)
    return render(request, "meetings/removal_form.html", {"meeting": meeting, "child": child, "form": form})
