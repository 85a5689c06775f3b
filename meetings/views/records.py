"""Pages for a meeting's record: arranging a strategy or multi-agency meeting, the record itself, its
chair, who is invited and who came, what each agency must bring, and recording it as held."""

import uuid

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from accounts.requests import StaffRequest
from assessments.levels import RiskLevel
from children.models import Child
from children.selectors import child_summary_read
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.request_context import access_context_from_request
from frontdoor.models import Task
from meetings.access import MeetingAccess, access_meeting, may_run_meeting
from meetings.forms.records import (
    AgencyRequestForm,
    AttendanceForm,
    ChairForm,
    InviteForm,
    MeetingArrangeForm,
    MeetingOutcomeForm,
)
from meetings.models import Meeting, MeetingKind, MeetingStatus
from meetings.selectors.agenda import meeting_agenda
from meetings.selectors.records import (
    chair_choices,
    invite_agency_choices,
    invite_person_choices,
    meeting_decision_task,
    meeting_detail_read,
    meeting_participants,
)
from meetings.services.records import (
    agency_request_create,
    attendance_record,
    meeting_arrange,
    meeting_arrange_check,
    meeting_chair_set,
    meeting_hold,
    meeting_outcome_record,
    participant_invite,
)

# The front door records its decision as these words (frontdoor/task_release.py, MeetingDecision).
DECIDED_KIND = {"strategy_meeting": MeetingKind.STRATEGY, "multi_agency_meeting": MeetingKind.MULTI_AGENCY}


def _meeting_to_run(user: User, meeting_id: int) -> Meeting:
    return access_meeting(user, meeting_id, to=MeetingAccess.RUN)


def _task_from_query(request: HttpRequest, child: Child) -> Task | None:
    """The front door's meeting decision named by ?task=, if any; a task that is not this child's is not found."""
    task_id = request.GET.get("task", "")
    if not task_id:
        return None
    task = meeting_decision_task(child=child, task_id=int(task_id)) if task_id.isdigit() else None
    if task is None:
        raise Http404("No task found.")
    return task


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def meeting_arrange_page(request: StaffRequest, child_id: uuid.UUID) -> HttpResponse:
    user = request.user
    child = child_summary_read(user=user, child_id=child_id, context=access_context_from_request(request))
    task = _task_from_query(request, child)
    meeting_arrange_check(child=child, task=task, by=user)
    decided = DECIDED_KIND.get(str(task.outcome.get("meeting", ""))) if task is not None else None
    form = MeetingArrangeForm(
        request.POST if request.method == "POST" else None,
        chairs=chair_choices(kind=MeetingKind.STRATEGY, area=child.responsible_authority),
        initial={"kind": decided.value if decided else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_arrange(
                child=child,
                kind=MeetingKind(form.cleaned_data["kind"]),
                starts_at=form.cleaned_data["starts_at"],
                location=form.cleaned_data["location"],
                chair=form.user_from("chair"),
                task=task,
                by=user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error, field_for={"starts_at": "date_day"})
        else:
            return redirect("meetings:record", meeting_id=meeting.pk)
    return render(
        request,
        "meetings/records/arrange.html",
        {"child": child, "task": task, "form": form, "date_parts": form.date_parts("date")},
    )


@access_policy(Policy.STAFF)
@require_GET
def meeting_record_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    record = meeting_detail_read(user=user, meeting_id=meeting_id, context=access_context_from_request(request))
    return render(
        request,
        "meetings/records/record.html",
        {"meeting": record.meeting, "record": record, "may_run": may_run_meeting(user, record.meeting)},
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def meeting_chair_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = _meeting_to_run(user, meeting_id)
    form = ChairForm(
        request.POST if request.method == "POST" else None,
        chairs=chair_choices(kind=meeting.kind, area=meeting.area),
        initial={"chair": meeting.chair_id},
    )
    if request.method == "POST" and form.is_valid():
        chair = form.user_from("chair")
        assert chair is not None  # the field is required
        try:
            meeting_chair_set(meeting=meeting, chair=chair, by=user)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:record", meeting_id=meeting.pk)
    return render(request, "meetings/records/chair.html", {"meeting": meeting, "form": form})


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def participant_invite_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = _meeting_to_run(user, meeting_id)
    form = InviteForm(
        request.POST if request.method == "POST" else None,
        agencies=list(invite_agency_choices(meeting=meeting)),
        people=invite_person_choices(meeting=meeting),
    )
    if request.method == "POST" and form.is_valid():
        try:
            participant_invite(
                meeting=meeting,
                agency=form.chosen_agency(),
                user=form.user_from("user"),
                name=form.cleaned_data["name"],
                by=user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:record", meeting_id=meeting.pk)
    return render(request, "meetings/records/invite.html", {"meeting": meeting, "form": form})


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def attendance_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = _meeting_to_run(user, meeting_id)
    form = AttendanceForm(
        request.POST if request.method == "POST" else None, participants=meeting_participants(meeting=meeting)
    )
    if request.method == "POST" and form.is_valid():
        try:
            attendance_record(meeting=meeting, attendance=form.attendance(), by=user)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:record", meeting_id=meeting.pk)
    return render(request, "meetings/records/attendance.html", {"meeting": meeting, "form": form})


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def agency_request_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = _meeting_to_run(user, meeting_id)
    form = AgencyRequestForm(
        request.POST if request.method == "POST" else None, agencies=list(invite_agency_choices(meeting=meeting))
    )
    if request.method == "POST" and form.is_valid():
        try:
            agency_request_create(
                meeting=meeting, agency=form.chosen_agency(), request=form.cleaned_data["request"], by=user
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:record", meeting_id=meeting.pk)
    return render(request, "meetings/records/request.html", {"meeting": meeting, "form": form})


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def meeting_hold_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = _meeting_to_run(user, meeting_id)
    errors: list[str] = []
    if request.method == "POST":
        try:
            meeting_hold(meeting=meeting, by=user)
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect("meetings:record", meeting_id=meeting.pk)
    agenda = meeting_agenda(meeting=meeting)
    return render(
        request,
        "meetings/records/hold.html",
        {
            "meeting": meeting,
            "errors": errors,
            "held": meeting.status != MeetingStatus.PLANNED,
            "children_count": len(agenda.children),
            "contextual_count": len(agenda.contextual_items),
        },
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def meeting_outcome_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    """The outcome of a strategy or multi-agency meeting: what it decided and the level it determined."""
    user = request.user
    meeting = _meeting_to_run(user, meeting_id)
    if meeting.kind == MeetingKind.MEG:
        raise Http404("The MEG records its decisions on its agenda.")
    form = MeetingOutcomeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_outcome_record(
                meeting=meeting,
                level=RiskLevel(form.cleaned_data["level"]),
                outcome=form.cleaned_data["outcome"],
                by=user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:record", meeting_id=meeting.pk)
    return render(request, "meetings/records/outcome.html", {"meeting": meeting, "form": form})


urlpatterns: list[URLPattern] = [
    path("arrange/<uuid:child_id>/", meeting_arrange_page, name="arrange"),
    path("<int:meeting_id>/record/", meeting_record_page, name="record"),
    path("<int:meeting_id>/chair/", meeting_chair_page, name="chair"),
    path("<int:meeting_id>/invite/", participant_invite_page, name="invite"),
    path("<int:meeting_id>/attendance/", attendance_page, name="attendance"),
    path("<int:meeting_id>/requests/", agency_request_page, name="request"),
    path("<int:meeting_id>/hold/", meeting_hold_page, name="hold"),
    path("<int:meeting_id>/outcome/", meeting_outcome_page, name="outcome"),
]
