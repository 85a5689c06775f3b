"""Actions: each one's page and update history, the owning agency's updates, every agency's own list,
the actions a meeting reviews, and what each agency must bring to the next MEG."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Agency
from accounts.requests import StaffRequest
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.paging import page_number
from core.request_context import access_context_from_request
from meetings.access import (
    ActionAccess,
    access_meeting,
    access_meeting_to_prepare,
    agencies_to_prepare_for,
    agency_ids_of,
    may_update_action,
    plan_visible_queryset,
)
from meetings.actions_due import is_overdue
from meetings.forms.plans import ActionUpdateForm, BringAgencyForm
from meetings.models import ActionStatus
from meetings.selectors.bring import meeting_bring, meetings_to_prepare_for
from meetings.selectors.plans import action_detail_read, action_history, agency_open_actions, meeting_actions
from meetings.services.plans import FINISHED, action_update_record


@access_policy(Policy.STAFF)
@require_GET
def action_detail_page(request: StaffRequest, action_id: int) -> HttpResponse:
    user = request.user
    read = action_detail_read(user=user, action_id=action_id, context=access_context_from_request(request))
    action = read.action
    return render(
        request,
        "meetings/actions/detail.html",
        {
            "action": action,
            "child_shown": read.child_shown,
            "history": action_history(action=action),
            "overdue": is_overdue(status=action.status, due_on=action.due_on, today=timezone.localdate()),
            "may_update": may_update_action(user, action) and action.status not in FINISHED,
            "plan_visible": plan_visible_queryset(user).filter(pk=action.plan_id).exists(),
        },
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def action_update_page(request: StaffRequest, action_id: int) -> HttpResponse:
    user = request.user
    action = action_detail_read(
        user=user, action_id=action_id, context=access_context_from_request(request), to=ActionAccess.UPDATE
    ).action
    form = ActionUpdateForm(
        request.POST if request.method == "POST" else None,
        initial={"status": ActionStatus.IN_PROGRESS if action.status == ActionStatus.OPEN else action.status},
    )
    if request.method == "POST" and form.is_valid():
        try:
            action_update_record(
                action=action, by=user, note=form.cleaned_data["note"], status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:action_detail", action_id=action.pk)
    return render(
        request,
        "meetings/actions/update_form.html",
        {"action": action, "form": form, "finished": action.status in FINISHED},
    )


@access_policy(Policy.STAFF)
@require_GET
def my_actions_page(request: StaffRequest) -> HttpResponse:
    user = request.user
    rows = agency_open_actions(
        user=user, context=access_context_from_request(request), page=page_number(request, "page")
    )
    agencies = Agency.objects.filter(pk__in=agency_ids_of(user)).order_by("name")
    return render(
        request,
        "meetings/actions/mine.html",
        {"rows": rows, "agencies": agencies, "to_prepare": meetings_to_prepare_for(user=user)},
    )


@access_policy(Policy.STAFF)
@require_GET
def meeting_actions_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = access_meeting(user, meeting_id)
    actions = meeting_actions(
        meeting=meeting,
        user=user,
        context=access_context_from_request(request),
        open_page=page_number(request, "open"),
        agreed_page=page_number(request, "agreed"),
    )
    return render(request, "meetings/actions/meeting.html", {"meeting": meeting, "actions": actions})


@access_policy(Policy.STAFF)
@require_GET
def bring_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    """Before a MEG: what one agency must bring. Staff see their own agency's list; the MEG's business
    support officers and chairs choose any agency's."""
    user = request.user
    meeting = access_meeting_to_prepare(user, meeting_id)
    agencies = list(agencies_to_prepare_for(user, meeting).order_by("name"))
    own = set(agency_ids_of(user))
    chosen = next((a for a in agencies if str(a.pk) == request.GET.get("agency")), None) or next(
        (a for a in agencies if a.pk in own), agencies[0]
    )
    form = BringAgencyForm(initial={"agency": str(chosen.pk)}, agencies=agencies)
    bring = meeting_bring(meeting=meeting, agency=chosen, user=user, context=access_context_from_request(request))
    return render(
        request,
        "meetings/actions/bring.html",
        {"meeting": meeting, "bring": bring, "form": form, "may_choose": len(agencies) > 1},
    )


urlpatterns: list[URLPattern] = [
    path("actions/", my_actions_page, name="my_actions"),
    path("actions/<int:action_id>/", action_detail_page, name="action_detail"),
    path("actions/<int:action_id>/update/", action_update_page, name="action_update"),
    path("<int:meeting_id>/actions/", meeting_actions_page, name="meeting_actions"),
    path("<int:meeting_id>/bring/", bring_page, name="bring"),
]
