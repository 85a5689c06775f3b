"""The child's voice (seed 001): letter templates, parents and carers, the letters of a meeting, the
feedback the child and family give, and the page that puts that feedback before the next meeting."""

import uuid

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_tasks.base import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist

from accounts.models import Area
from accounts.requests import StaffRequest
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.pdf import pdf_from_template
from core.request_context import access_context_from_request
from meetings.access import MeetingAccess, access_meeting, access_meeting_letters, may_run_meeting, meg_areas_of
from meetings.forms.letters import CarerForm, FeedbackForm, LetterSentForm, LetterTemplateForm
from meetings.letter_text import PLACEHOLDERS, SAMPLE_VALUES, LetterTextError, letter_render
from meetings.models import LetterTemplate, MeetingKind, MeetingStatus
from meetings.selectors.letters import (
    agenda_child_carers_read,
    letter_detail_read,
    letter_print_read,
    letter_template_of,
    letter_templates_of,
    meeting_letters_read,
    meeting_voice_read,
)
from meetings.services.letters import (
    carer_add,
    feedback_record,
    letter_mark_sent,
    letter_template_update,
    letter_templates_ensure,
    meeting_letters_request,
)
from meetings.tasks import meeting_letters_write

# The letters page remembers, in the session, the task writing a meeting's letters for this user.
LETTERS_TASK_KEY = "meetings.letters_task.{meeting_id}"

# --- Templates ----------------------------------------------------------------------------------


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def letter_templates_page(request: StaffRequest) -> HttpResponse:
    user = request.user
    area_ids = meg_areas_of(user)
    if request.method == "POST":
        chosen = request.POST.get("area", "")
        area = Area.objects.filter(pk__in=area_ids).filter(pk=int(chosen)).first() if chosen.isdigit() else None
        if area is None:
            raise Http404("No area found.")
        letter_templates_ensure(area=area)
        return redirect("meetings:letter_templates")
    templates = list(letter_templates_of(area_ids=area_ids))
    areas = [
        (area, [template for template in templates if template.area_id == area.pk])
        for area in Area.objects.filter(pk__in=area_ids).order_by("name")
    ]
    return render(request, "meetings/letters/templates.html", {"areas": areas})


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def letter_template_edit_page(request: StaffRequest, template_id: int) -> HttpResponse:
    user = request.user
    template = letter_template_of(area_ids=meg_areas_of(user), template_id=template_id)
    form = LetterTemplateForm(
        request.POST if request.method == "POST" else None, initial={"title": template.title, "body": template.body}
    )
    if request.method == "POST" and form.is_valid():
        try:
            letter_template_update(
                template=template, title=form.cleaned_data["title"], body=form.cleaned_data["body"], by=user
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:letter_templates")
    preview = _preview(template)
    context = {"template": template, "form": form, "placeholders": PLACEHOLDERS, "preview": preview}
    return render(request, "meetings/letters/template_form.html", context)


def _preview(template: LetterTemplate) -> tuple[str, str] | None:
    try:
        return letter_render(template.title, SAMPLE_VALUES), letter_render(template.body, SAMPLE_VALUES)
    except LetterTextError:
        return None


# --- The letters of a meeting -------------------------------------------------------------------


def _letters_task(request: StaffRequest, meeting_id: int) -> tuple[str, int | None]:
    """How the task writing this meeting's letters is going: "", "writing", "written" or "failed",
    with the number written. A finished task is forgotten once it has been shown."""
    key = LETTERS_TASK_KEY.format(meeting_id=meeting_id)
    task_id = request.session.get(key)
    if not task_id:
        return "", None
    try:
        result = meeting_letters_write.get_result(task_id)
    except TaskResultDoesNotExist:
        del request.session[key]
        return "", None
    if result.status in (TaskResultStatus.READY, TaskResultStatus.RUNNING):
        return "writing", None
    del request.session[key]
    if result.status == TaskResultStatus.SUCCESSFUL:
        return "written", result.return_value
    return "failed", None


def _letters_page(request: StaffRequest, meeting_id: int, error: str = "") -> HttpResponse:
    read = meeting_letters_read(
        user=request.user,
        meeting_id=meeting_id,
        context=access_context_from_request(request),
    )
    task, written = _letters_task(request, read.meeting.pk)
    context = {
        "meeting": read.meeting,
        "rows": read.rows,
        "error": error,
        "may_run": may_run_meeting(request.user, read.meeting),
        "planned": read.meeting.status == MeetingStatus.PLANNED,
        "task": task,
        "written": written,
    }
    return render(request, "meetings/letters/list.html", context)


@access_policy(Policy.STAFF)
@require_GET
def meeting_letters_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    return _letters_page(request, meeting_id)


@access_policy(Policy.STAFF)
@require_POST
def meeting_letters_generate_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = access_meeting_letters(user, meeting_id)
    try:
        task_id = meeting_letters_request(meeting=meeting, by=user)
    except ValidationError as error:
        return _letters_page(request, meeting.pk, error=" ".join(error.messages))
    request.session[LETTERS_TASK_KEY.format(meeting_id=meeting.pk)] = task_id
    return redirect("meetings:letters", meeting_id=meeting.pk)


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def letter_page(request: StaffRequest, meeting_id: int, letter_id: int) -> HttpResponse:
    user = request.user
    read = letter_detail_read(
        user=user, meeting_id=meeting_id, letter_id=letter_id, context=access_context_from_request(request)
    )
    meeting, letter = read.meeting, read.letter
    form = LetterSentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        access_meeting(user, meeting.pk, to=MeetingAccess.RUN)
        if form.is_valid():
            try:
                letter_mark_sent(letter=letter, method=form.cleaned_data["method"], by=user)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                return redirect("meetings:letter", meeting_id=meeting.pk, letter_id=letter.pk)
    context = {"meeting": meeting, "letter": letter, "form": form, "may_run": may_run_meeting(user, meeting)}
    return render(request, "meetings/letters/letter.html", context)


@access_policy(Policy.STAFF)
@require_GET
def letter_pdf_page(request: StaffRequest, meeting_id: int, letter_id: int) -> HttpResponse:
    printed = letter_print_read(
        user=request.user,
        meeting_id=meeting_id,
        letter_id=letter_id,
        context=access_context_from_request(request),
    )
    pdf = pdf_from_template(
        "meetings/letters/letter_pdf.html",
        {"meeting": printed.meeting, "letter": printed.letter, "address": printed.address},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="letter-{printed.letter.pk}.pdf"'
    return response


# --- Parents, carers and feedback ---------------------------------------------------------------


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def carers_page(request: StaffRequest, meeting_id: int, child_id: uuid.UUID) -> HttpResponse:
    user = request.user
    read = agenda_child_carers_read(
        user=user, meeting_id=meeting_id, child_id=child_id, context=access_context_from_request(request)
    )
    meeting, child, carers = read.meeting, read.child, read.carers
    form = CarerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            carer_add(
                child=child,
                name=data["name"],
                relationship=data["relationship"],
                address=data["address"],
                has_parental_responsibility=data["parental_responsibility"] == "yes",
                lives_with_child=data["lives_with_child"] == "yes",
                by=user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error, field_for={"has_parental_responsibility": "parental_responsibility"})
        else:
            return redirect("meetings:carers", meeting_id=meeting.pk, child_id=child.pk)
    context = {"meeting": meeting, "child": child, "carers": carers, "form": form}
    return render(request, "meetings/letters/carers.html", context)


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def feedback_page(request: StaffRequest, meeting_id: int, child_id: uuid.UUID) -> HttpResponse:
    user = request.user
    read = agenda_child_carers_read(
        user=user, meeting_id=meeting_id, child_id=child_id, context=access_context_from_request(request)
    )
    meeting, child, carers = read.meeting, read.child, read.carers
    form = FeedbackForm(request.POST if request.method == "POST" else None, carers=carers)
    if request.method == "POST" and form.is_valid():
        try:
            feedback_record(
                child=child,
                given_by=form.given_by_value,
                carer=form.carer,
                text=form.cleaned_data["text"],
                received_on=form.received_on,
                by=user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error, field_for={"received_on": "received_day"})
        else:
            return redirect("meetings:voice", meeting_id=meeting.pk)
    context = {"meeting": meeting, "child": child, "form": form, "received_parts": form.date_parts("received")}
    return render(request, "meetings/letters/feedback_form.html", context)


@access_policy(Policy.STAFF)
@require_GET
def voice_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    read = meeting_voice_read(
        user=request.user,
        meeting_id=meeting_id,
        context=access_context_from_request(request),
    )
    context = {
        "meeting": read.meeting,
        "rows": read.rows,
        "window": read.window,
        "is_meg": read.meeting.kind == MeetingKind.MEG,
    }
    return render(request, "meetings/letters/voice.html", context)


urlpatterns = [
    path("letter-templates/", letter_templates_page, name="letter_templates"),
    path("letter-templates/<int:template_id>/", letter_template_edit_page, name="letter_template_edit"),
    path("<int:meeting_id>/letters/", meeting_letters_page, name="letters"),
    path("<int:meeting_id>/letters/generate/", meeting_letters_generate_page, name="letters_generate"),
    path("<int:meeting_id>/letters/<int:letter_id>/", letter_page, name="letter"),
    path("<int:meeting_id>/letters/<int:letter_id>/pdf/", letter_pdf_page, name="letter_pdf"),
    path("<int:meeting_id>/children/<uuid:child_id>/carers/", carers_page, name="carers"),
    path("<int:meeting_id>/children/<uuid:child_id>/feedback/", feedback_page, name="feedback"),
    path("<int:meeting_id>/voice/", voice_page, name="voice"),
]
