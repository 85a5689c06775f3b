import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from audit.models import AccessAction
from audit.services import access_event_record
from children.access import access_child
from children.models import Child
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.request_context import access_context_from_request
from meetings.access import access_meeting, meg_areas_of
from meetings.forms import AgendaRemovalForm
from meetings.models import Meeting, MeetingKind, MeetingStatus, RemovalReason
from meetings.selectors import meg_agenda_entries
from meetings.services import agenda_removal_record


@access_policy(Policy.STAFF)
@require_GET
def meeting_list_page(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    meetings = Meeting.objects.filter(
        kind=MeetingKind.MEG,
        area_id__in=meg_areas_of(user),
        status=MeetingStatus.PLANNED,
        starts_at__gte=timezone.now(),
    ).select_related("area")[:24]
    return render(request, "meetings/list.html", {"meetings": meetings})


@access_policy(Policy.STAFF)
@require_GET
def meeting_detail_page(request: HttpRequest, meeting_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    meeting = access_meeting(user, meeting_id)
    with transaction.atomic():
        entries = meg_agenda_entries(area=meeting.area)
        children = Child.objects.in_bulk([entry.child_id for entry in entries])
        rows = [(entry, children[entry.child_id]) for entry in entries]
        if rows:
            access_event_record(
                user=user,
                action=AccessAction.LIST,
                object_type="child",
                object_ids=[entry.child_id for entry in entries],
                context=access_context_from_request(request),
            )
    return render(request, "meetings/detail.html", {"meeting": meeting, "rows": rows})


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def agenda_removal_page(request: HttpRequest, meeting_id: int, child_id: uuid.UUID) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    meeting = access_meeting(user, meeting_id)
    with transaction.atomic():
        child = access_child(user, child_id)
        access_event_record(
            user=user,
            action=AccessAction.VIEW,
            object_type="child",
            object_ids=[child.id],
            context=access_context_from_request(request),
        )
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
