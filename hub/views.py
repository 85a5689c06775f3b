"""The pages that gather what several apps hold, so that no app below imports one above it: the
home page, a child's page and the worklist. Each reads through the apps' own selectors, which ask
their gates and log their reads; this module decides nothing."""

import uuid
from dataclasses import dataclass

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import Role
from accounts.requests import StaffRequest
from accounts.selectors import user_membership_list
from children.access import may_close_case
from children.selectors import child_detail_read
from children.selectors.missing import child_missing_panel
from core.access_policy import Policy, access_policy
from core.paging import Page, page_number
from core.request_context import access_context_from_request
from frontdoor.forms import CaseloadFilterForm
from frontdoor.selectors.caseload import CaseloadRow, caseload_mine, caseload_team, caseload_team_ids, reviews_due_list
from frontdoor.selectors.child_panel import child_front_door_panel
from frontdoor.selectors.tasks import task_worklist
from hub.menu import home_page_links
from intelligence.selectors.sanitised import child_intelligence_sanitised
from meetings.selectors.child_panel import child_meetings_panel
from meetings.selectors.plans import agency_overdue_actions
from meetings.selectors.worklist import meeting_work_counts, meeting_worklist
from meetings.trend import TrendReading, trend_of


@dataclass(frozen=True)
class CaseloadLine:
    row: CaseloadRow
    trend: TrendReading  # from the level before to the current one


def _lines(page: Page[CaseloadRow]) -> Page[CaseloadLine]:
    lines = [CaseloadLine(row, trend_of(previous=row.previous_level, current=row.level)) for row in page]
    return Page(rows=lines, total=page.total, page=page.page, per_page=page.per_page)


@access_policy(Policy.STAFF)
@require_GET
def home(request: StaffRequest) -> HttpResponse:
    user = request.user
    memberships = user_membership_list(user=user)
    form = CaseloadFilterForm(request.GET)
    caseload = caseload_mine(
        user=user, query=form.to_query(page=page_number(request)), context=access_context_from_request(request)
    )
    return render(
        request,
        "core/home.html",
        {
            "memberships": memberships,
            "caseload": _lines(caseload),
            "form": form,
            "manages": any(membership.role == Role.TEAM_MANAGER for membership in memberships),
            "meeting_work": meeting_work_counts(user=user),
            "links": home_page_links(request=request, user=user),
        },
    )


@access_policy(Policy.STAFF)
@require_GET
def team_caseload(request: StaffRequest) -> HttpResponse:
    """The children the teams a manager manages hold; not found for someone who manages none."""
    user = request.user
    if not caseload_team_ids(user=user):
        raise Http404("No team caseload.")
    teams = [
        (membership.team_id, membership.team.name)
        for membership in user_membership_list(user=user)
        if membership.role == Role.TEAM_MANAGER
    ]
    form = CaseloadFilterForm(request.GET, teams=teams)
    caseload = caseload_team(
        user=user, query=form.to_query(page=page_number(request)), context=access_context_from_request(request)
    )
    return render(
        request, "core/team_caseload.html", {"caseload": _lines(caseload), "form": form, "several": len(teams) > 1}
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
    missing = child_missing_panel(child=record.child, user=user)
    return render(
        request,
        "children/detail.html",
        {
            "record": record,
            "child": record.child,
            "panel": panel,
            "meetings": meetings,
            "intelligence": intelligence,
            "missing": missing,
            "may_close": may_close_case(user, record.child) and record.child.closed_at is None,
        },
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
    # Decision 0030: the case holder's risk assessment reviews due within 7 days or past.
    reviews_due = reviews_due_list(user=request.user, context=access_context_from_request(request))
    # Decision 0026: the chair's minutes awaiting approval, and the meetings business support must record.
    meeting_work = meeting_worklist(user=request.user, context=access_context_from_request(request))
    return render(
        request,
        "frontdoor/worklist.html",
        {"work": work, "meg_overdue": meg_overdue, "reviews_due": reviews_due, "meeting_work": meeting_work},
    )
