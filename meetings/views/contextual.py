"""Contextual items: the places, suspected perpetrators, vehicles and peer groups the MEG discusses,
recorded by its business support officer and linked to the children they affect."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from accounts.requests import StaffRequest
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.request_context import access_context_from_request
from meetings.access import (
    ContextualItemAccess,
    access_contextual_item,
    access_meeting,
    may_plan_for_area,
    meg_areas_of,
)
from meetings.forms.contextual import ContextualItemCloseForm, ContextualItemForm
from meetings.models import ContextualItem, Meeting, MeetingKind
from meetings.selectors.agenda import meg_next
from meetings.selectors.contextual import (
    contextual_child_choices,
    contextual_item_detail_read,
    contextual_items_of_area,
)
from meetings.services.contextual import contextual_item_close, contextual_item_create, contextual_item_update


def _meg_meeting(user: User, meeting_id: int) -> Meeting:
    meg_areas_of(user)  # the MEG's pages are for its business support officers and chairs
    meeting = access_meeting(user, meeting_id)
    if meeting.kind != MeetingKind.MEG:
        raise Http404("No MEG meeting found.")
    return meeting


def _open_item_to_change(user: User, item_id: int) -> ContextualItem:
    item = access_contextual_item(user, item_id, to=ContextualItemAccess.CHANGE)
    if item.closed_at is not None:
        raise Http404("This item is closed.")
    return item


@access_policy(Policy.STAFF)
@require_GET
def contextual_list_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = _meg_meeting(user, meeting_id)
    items = contextual_items_of_area(area=meeting.area)
    return render(
        request,
        "meetings/contextual/list.html",
        {"meeting": meeting, "items": items, "may_plan": may_plan_for_area(user, meeting.area_id)},
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def contextual_add_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = _meg_meeting(user, meeting_id)
    if not may_plan_for_area(user, meeting.area_id):
        raise PermissionDenied("Only the MEG's business support officers and chair record contextual items.")
    context = access_context_from_request(request)
    children = contextual_child_choices(area=meeting.area, user=user, context=context)
    form = ContextualItemForm(request.POST if request.method == "POST" else None, children=children)
    if request.method == "POST" and form.is_valid():
        try:
            item = contextual_item_create(
                area=meeting.area,
                by=user,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                children=form.chosen_children(),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:contextual_detail", item_id=item.pk)
    return render(request, "meetings/contextual/form.html", {"meeting": meeting, "item": None, "form": form})


@access_policy(Policy.STAFF)
@require_GET
def contextual_detail_page(request: StaffRequest, item_id: int) -> HttpResponse:
    user = request.user
    read = contextual_item_detail_read(user=user, item_id=item_id, context=access_context_from_request(request))
    return render(
        request,
        "meetings/contextual/detail.html",
        {
            "item": read.item,
            "children": read.children,
            "plan": read.plan,
            "picture": read.picture,
            "may_plan": may_plan_for_area(user, read.item.area_id),
            "next_meeting": meg_next(area=read.item.area, after=timezone.now()),
        },
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def contextual_edit_page(request: StaffRequest, item_id: int) -> HttpResponse:
    user = request.user
    item = _open_item_to_change(user, item_id)
    context = access_context_from_request(request)
    children = contextual_child_choices(area=item.area, user=user, context=context, item=item)
    initial = {
        "kind": item.kind,
        "title": item.title,
        "description": item.description,
        "children": [str(pk) for pk in item.children.values_list("pk", flat=True)],
    }
    form = ContextualItemForm(request.POST if request.method == "POST" else None, initial=initial, children=children)
    if request.method == "POST" and form.is_valid():
        try:
            contextual_item_update(
                item=item,
                by=user,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                children=form.chosen_children(),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:contextual_detail", item_id=item.pk)
    return render(request, "meetings/contextual/form.html", {"meeting": None, "item": item, "form": form})


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def contextual_close_page(request: StaffRequest, item_id: int) -> HttpResponse:
    user = request.user
    item = _open_item_to_change(user, item_id)
    form = ContextualItemCloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            contextual_item_close(item=item, by=user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:contextual_detail", item_id=item.pk)
    return render(request, "meetings/contextual/close.html", {"item": item, "form": form})


urlpatterns: list[URLPattern] = [
    path("<int:meeting_id>/contextual/", contextual_list_page, name="contextual_list"),
    path("<int:meeting_id>/contextual/new/", contextual_add_page, name="contextual_add"),
    path("contextual/<int:item_id>/", contextual_detail_page, name="contextual_detail"),
    path("contextual/<int:item_id>/edit/", contextual_edit_page, name="contextual_edit"),
    path("contextual/<int:item_id>/close/", contextual_close_page, name="contextual_close"),
]
