from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import StaffRequest
from assessments.models import Assessment
from assessments.selectors import assessment_tool_active, tool_definition_of
from children.case_status import CaseStatus
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.request_context import access_context_from_request
from frontdoor.forms import ConfirmLevelForm, ScreeningForm
from frontdoor.selectors.contacts import contact_detail_read
from frontdoor.selectors.screenings import screening_detail_read
from frontdoor.services.screening import screening_answers_save, screening_decide, screening_start
from frontdoor.views.contacts import require_screener


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def screening_form_page(request: StaffRequest, contact_id: int) -> HttpResponse:
    """Step 1: the case status and the risk assessment tool's domains."""
    user = request.user
    require_screener(user)
    record = contact_detail_read(user=user, contact_id=contact_id, context=access_context_from_request(request))
    contact, screening = record.contact, record.screening
    if screening is not None and screening.is_decided:
        return redirect("frontdoor:screening_detail", screening_id=screening.pk)
    if contact.closed_at is not None:  # closed without a screening (decision 0039): the contact page says why
        return redirect("frontdoor:contact_detail", contact_id=contact.pk)
    tool = screening.assessment.tool if screening else assessment_tool_active()
    definition = tool_definition_of(tool)
    if screening is not None:
        case_status, placement = screening.case_status, screening.placement
        chosen = set(screening.assessment.selected_indicators)
        notes = screening.assessment.domain_notes
    else:
        case_status, placement = contact.child.case_status, contact.child.placement
        chosen = {*contact.warning_signs, *contact.vulnerability_factors}
        notes = {}
    initial = {
        "case_status": case_status,
        **ScreeningForm.placement_initial(placement),
        **ScreeningForm.initial_for(definition, chosen, notes),
    }
    form = ScreeningForm(request.POST if request.method == "POST" else None, tool=definition, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                screening = screening or screening_start(contact=contact, by=user)
                screening_answers_save(
                    screening=screening,
                    case_status=CaseStatus(form.cleaned_data["case_status"]),
                    selected=form.selected(),
                    domain_notes=form.domain_notes(),
                    by=user,
                    placement=form.placement(),
                )
        except ValidationError as error:
            form_add_service_errors(form, error, field_for={})
        else:
            return redirect("frontdoor:screening_confirm", screening_id=screening.pk)
    return render(request, "frontdoor/screening_form.html", {"form": form, "contact": contact, "tool": definition})


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def screening_confirm_page(request: StaffRequest, screening_id: int) -> HttpResponse:
    """Step 2: what the tool suggests and why; the practitioner confirms the level that routes."""
    user = request.user
    require_screener(user)
    record = screening_detail_read(user=user, screening_id=screening_id, context=access_context_from_request(request))
    screening = record.screening
    if screening.is_decided:
        return redirect("frontdoor:screening_detail", screening_id=screening.pk)
    form, done = confirm_level_form_handle(
        request,
        assessment=screening.assessment,
        confirm=lambda **answers: screening_decide(screening=screening, by=user, **answers),
    )
    if done:
        return redirect("frontdoor:screening_detail", screening_id=screening.pk)
    return render(
        request,
        "frontdoor/screening_confirm.html",
        {"form": form, "record": record, "screening": screening, "review_parts": form.date_parts("review")},
    )


@access_policy(Policy.STAFF)
@require_GET
def screening_detail_page(request: StaffRequest, screening_id: int) -> HttpResponse:
    record = screening_detail_read(
        user=request.user,
        screening_id=screening_id,
        context=access_context_from_request(request),
    )
    return render(request, "frontdoor/screening_detail.html", {"record": record, "screening": record.screening})


def confirm_level_form_handle(
    request: HttpRequest, *, assessment: Assessment, confirm: Callable[..., object]
) -> tuple[ConfirmLevelForm, bool]:
    """The confirm-the-level form of a screening or a review: on a valid POST, call `confirm` with the
    answers; True when it succeeded, otherwise the form carries the errors."""
    form = ConfirmLevelForm(
        request.POST if request.method == "POST" else None,
        suggested_level=assessment.suggested_level,
        age_known=assessment.child.date_of_birth is not None,
    )
    if request.method != "POST" or not form.is_valid():
        return form, False
    try:
        confirm(**form.answers())
    except ValidationError as error:
        add_decision_errors(form, error)
        return form, False
    return form, True


def add_decision_errors(form: ConfirmLevelForm, error: ValidationError) -> None:
    """A service's refusal, on the field it is about."""
    form_add_service_errors(form, error, field_for={"review_due_on": "review_day"})
