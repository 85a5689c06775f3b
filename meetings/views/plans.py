"""Plans: a safeguarding plan for each child and a disruption plan for each contextual item, with the
actions each agency agreed to take under them."""

import uuid

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import StaffRequest
from children.selectors import child_summary_read
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.request_context import access_context_from_request
from meetings.access import access_contextual_item, access_plan, may_plan_for_area, may_read_plan_whole
from meetings.forms.plans import ActionForm
from meetings.models import Plan
from meetings.selectors.plans import (
    agencies_serving,
    meetings_to_agree_at,
    owners_serving,
    plan_actions_by_agency,
    plan_for_new_action_read,
)
from meetings.services.plans import action_create, plan_for_child_get_or_create, plan_for_contextual_item_get_or_create


@access_policy(Policy.STAFF)
@require_GET
def plan_detail_page(request: StaffRequest, plan_id: int) -> HttpResponse:
    user = request.user
    plan = access_plan(user, plan_id)
    groups = plan_actions_by_agency(plan=plan, user=user, context=access_context_from_request(request))
    may_plan = may_plan_for_area(user, plan.area_id)
    return render(
        request,
        "meetings/plans/detail.html",
        {"plan": plan, "groups": groups, "may_plan": may_plan, "sees_every_agency": may_read_plan_whole(user, plan)},
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def child_plan_page(request: StaffRequest, child_id: uuid.UUID) -> HttpResponse:
    """The child's safeguarding plan; the MEG starts it here the first time it is needed."""
    user = request.user
    child = child_summary_read(user=user, child_id=child_id, context=access_context_from_request(request))
    may_plan = may_plan_for_area(user, child.responsible_authority_id)
    if request.method == "POST":
        plan = plan_for_child_get_or_create(child=child, by=user)  # refuses anyone but the MEG
        return redirect("meetings:plan_detail", plan_id=plan.pk)
    existing = Plan.objects.filter(child=child).first()
    if existing is not None:
        return redirect("meetings:plan_detail", plan_id=existing.pk)
    return render(request, "meetings/plans/child_start.html", {"child": child, "may_plan": may_plan})


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def contextual_plan_page(request: StaffRequest, item_id: int) -> HttpResponse:
    """The item's disruption plan, started on the first POST."""
    user = request.user
    item = access_contextual_item(user, item_id)
    if request.method == "POST":
        try:
            plan = plan_for_contextual_item_get_or_create(item=item, by=user)
        except ValidationError:
            return redirect("meetings:contextual_detail", item_id=item.pk)
        return redirect("meetings:plan_detail", plan_id=plan.pk)
    existing = Plan.objects.filter(contextual_item=item).first()
    if existing is not None:
        return redirect("meetings:plan_detail", plan_id=existing.pk)
    return redirect("meetings:contextual_detail", item_id=item.pk)


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def action_add_page(request: StaffRequest, plan_id: int) -> HttpResponse:
    user = request.user
    plan = plan_for_new_action_read(user=user, plan_id=plan_id, context=access_context_from_request(request))
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        initial={"meeting": request.GET.get("meeting", "")},
        plan=plan,
        agencies=list(agencies_serving(area=plan.area)),
        owners=list(owners_serving(area=plan.area)),
        meetings=list(meetings_to_agree_at(area=plan.area)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            action_create(
                plan=plan,
                by=user,
                description=form.cleaned_data["description"],
                tactic=form.cleaned_data["tactic"],
                owning_agency=form.agency,
                owner=form.owner_user,
                due_on=form.due_on,
                meeting=form.agreed_at,
            )
        except ValidationError as error:
            form_add_service_errors(form, error, field_for={"due_on": "due_day"})
        else:
            return redirect("meetings:plan_detail", plan_id=plan.pk)
    return render(request, "meetings/plans/action_form.html", {"plan": plan, "form": form})


urlpatterns: list[URLPattern] = [
    path("plans/<int:plan_id>/", plan_detail_page, name="plan_detail"),
    path("plans/<int:plan_id>/actions/new/", action_add_page, name="action_add"),
    path("plans/child/<uuid:child_id>/", child_plan_page, name="child_plan"),
    path("plans/contextual/<int:item_id>/", contextual_plan_page, name="contextual_plan"),
]
