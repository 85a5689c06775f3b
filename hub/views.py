"""The pages that gather what several apps hold, so that no app below imports one above it: the
home page, a child's page and the worklist. Each reads through the apps' own selectors, which ask
their gates and log their reads; this module decides nothing."""

import uuid

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.requests import StaffRequest
from accounts.selectors import user_membership_list
from children.selectors import child_allocated_list, child_detail_read
from core.access_policy import Policy, access_policy
from core.request_context import access_context_from_request
from frontdoor.selectors.child_panel import child_front_door_panel
from frontdoor.selectors.tasks import task_worklist
from intelligence.selectors.sanitised import child_intelligence_sanitised
from meetings.selectors.child_panel import child_meetings_panel
from meetings.selectors.plans import agency_overdue_actions
from meetings.selectors.worklist import meeting_work_counts, meeting_worklist


@access_policy(Policy.STAFF)
@require_GET
def home(request: StaffRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "core/home.html",
        {
            "memberships": user_membership_list(user=user),
            "children": child_allocated_list(user=user, context=access_context_from_request(request)),
            "meeting_work": meeting_work_counts(user=user),
        },
    )


@access_policy(Policy.STAFF)
@require_GET
def child_page(request: StaffRequest, child_id: uuid.UUID) -> HttpResponse:
    user = request.user
    record = child_detail_read(user=user, child_id=child_id, context=access_context_from_request(request))
    # The front door's, the meetings' and intelligence's panels read the child the gate already returned.
    panel = child_front_door_panel(child=record.child, user=user)
    meetings = child_meetings_panel(child=record.child)
    intelligence = child_intelligence_sanitised(user=user, child=record.child)
    return render(
        request,
        "children/detail.html",
        {"record": record, "child": record.child, "panel": panel, "meetings": meetings, "intelligence": intelligence},
    )


@access_policy(Policy.STAFF)
@require_GET
def worklist(request: StaffRequest) -> HttpResponse:
    team_id = request.GET.get("team")
    work = task_worklist(
        user=request.user,
        context=access_context_from_request(request),
        team_id=int(team_id) if team_id and team_id.isdigit() else None,
    )
    # Issue 4: overdue MEG actions surface on the owning agency's worklist, the owner's own first.
    meg_overdue = agency_overdue_actions(user=request.user, context=access_context_from_request(request))
    # Decision 0026: the chair's minutes awaiting approval, and the meetings business support must record.
    meeting_work = meeting_worklist(user=request.user, context=access_context_from_request(request))
    return render(
        request,
        "frontdoor/worklist.html",
        {"work": work, "meg_overdue": meg_overdue, "meeting_work": meeting_work},
    )
