import uuid

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.requests import StaffRequest
from children.forms import ChildSearchForm
from children.selectors import child_detail_read, child_search
from core.access_policy import Policy, access_policy
from core.request_context import access_context_from_request
from frontdoor.selectors.child_panel import child_front_door_panel
from intelligence.selectors.sanitised import child_intelligence_sanitised
from meetings.selectors.child_panel import child_meetings_panel


@access_policy(Policy.STAFF)
@require_GET
def child_search_page(request: StaffRequest) -> HttpResponse:
    submitted = bool(request.GET)
    form = ChildSearchForm(request.GET if submitted else None)
    results = None
    if submitted and form.is_valid():
        results = child_search(
            user=request.user,
            query=form.to_query(),
            context=access_context_from_request(request),
        )
    return render(
        request, "children/search.html", {"form": form, "results": results, "dob_parts": form.date_parts("dob")}
    )


@access_policy(Policy.STAFF)
@require_GET
def child_detail_page(request: StaffRequest, child_id: uuid.UUID) -> HttpResponse:
    user = request.user
    record = child_detail_read(user=user, child_id=child_id, context=access_context_from_request(request))
    # The page is composed here: the front door's panel reads the child the gate already returned.
    panel = child_front_door_panel(child=record.child, user=user)
    meetings = child_meetings_panel(child=record.child)
    intelligence = child_intelligence_sanitised(user=user, child=record.child)
    return render(
        request,
        "children/detail.html",
        {"record": record, "child": record.child, "panel": panel, "meetings": meetings, "intelligence": intelligence},
    )
