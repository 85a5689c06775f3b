import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from accounts.requests import StaffRequest
from children.selectors import child_id_by_reference, child_summary_read
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.request_context import access_context_from_request
from frontdoor.access import access_contact
from frontdoor.concern_codes import GroomingModel, VulnerabilityFactor
from frontdoor.forms import ContactCloseForm, ContactForm, FrontDoorReferralForm, LinkedChildForm
from frontdoor.models import ContactLinkedChild
from frontdoor.routing import OVER_AGE_EXPLANATION
from frontdoor.selectors.contacts import contact_detail_read
from frontdoor.services.contact_closure import MAY_NOT_CLOSE, contact_close
from frontdoor.services.contacts import (
    LinkedChildDetails,
    contact_create,
    contact_create_for_linked_child,
    contact_linked_child_add,
    front_door_referral_create,
    front_door_team_of,
)
from frontdoor.services.missing_prompt import missing_prompt_accept
from frontdoor.warning_signs import WarningSign, is_cause_for_concern

# Where a service's error about a field lands on the form.
FIELD_FOR_ERROR: dict[str, str | None] = {"received_at": "received_day", "child": "first_name", "linked_children": None}


def add_service_errors(form: ContactForm | LinkedChildForm, error: ValidationError) -> None:
    form_add_service_errors(form, error, field_for=FIELD_FOR_ERROR)


def require_screener(user: User) -> None:
    try:
        front_door_team_of(user)
    except ValidationError as refusal:
        raise PermissionDenied(refusal.messages[0]) from refusal


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def contact_new(request: StaffRequest) -> HttpResponse:
    user = request.user
    require_screener(user)
    child_id = request.GET.get("child")
    child = (
        child_summary_read(user=user, child_id=child_id, context=access_context_from_request(request))
        if child_id
        else None
    )
    form = ContactForm(request.POST if request.method == "POST" else None, new_child=child is None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = contact_create(
                recorded_by=user,
                details=form.contact_details(),
                child_id=child.id if child else None,
                new_child=form.new_child() if child is None else None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if form.cleaned_data["other_children"] == "yes":
                return redirect("frontdoor:linked_child_add", contact_id=contact.pk)
            return redirect("frontdoor:contact_detail", contact_id=contact.pk)
    return render(
        request,
        "frontdoor/contact_form.html",
        {
            "form": form,
            "child": child,
            "dob_parts": form.date_parts("dob") if child is None else None,
            "received_parts": form.date_parts("received"),
        },
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET"])
def contact_detail(request: StaffRequest, contact_id: int) -> HttpResponse:
    record = contact_detail_read(
        user=request.user,
        contact_id=contact_id,
        context=access_context_from_request(request),
    )
    contact = record.contact
    signs = [WarningSign(sign) for sign in contact.warning_signs]
    return render(
        request,
        "frontdoor/contact_detail.html",
        {
            "record": record,
            "contact": contact,
            "signs": signs,
            "cause_for_concern": is_cause_for_concern(set(signs)),
            "vulnerability_factors": [VulnerabilityFactor(code).label for code in contact.vulnerability_factors],
            "grooming_models": [GroomingModel(code).label for code in contact.grooming_models],
            # The procedure is for children under 18: say so where the screener would start screening.
            "over_age": OVER_AGE_EXPLANATION if contact.is_about_an_adult else "",
        },
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def contact_close_page(request: StaffRequest, contact_id: int) -> HttpResponse:
    """Close the contact of a young person of 18 or over without a screening (decision 0039)."""
    user = request.user
    record = contact_detail_read(user=user, contact_id=contact_id, context=access_context_from_request(request))
    if not record.may_screen:
        raise PermissionDenied(MAY_NOT_CLOSE)
    contact = record.contact
    if contact.closed_at is not None or contact.screened_at is not None:
        return redirect("frontdoor:contact_detail", contact_id=contact.pk)
    form = ContactCloseForm(
        request.POST if request.method == "POST" else None, date_of_birth_known=contact.child.date_of_birth is not None
    )
    if request.method == "POST" and form.is_valid():
        try:
            contact_close(actor=user, contact_id=contact.pk, data=form.closure_input())
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("frontdoor:contact_detail", contact_id=contact.pk)
    return render(
        request,
        "frontdoor/contact_close.html",
        {"form": form, "contact": contact, "over_age": OVER_AGE_EXPLANATION if contact.is_about_an_adult else ""},
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def linked_child_add(request: StaffRequest, contact_id: int) -> HttpResponse:
    user = request.user
    require_screener(user)
    record = contact_detail_read(user=user, contact_id=contact_id, context=access_context_from_request(request))
    form = LinkedChildForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data.get("existing_reference", "").strip()
        existing_id = child_id_by_reference(user=user, reference=reference) if reference else None
        if reference and existing_id is None:
            form.add_error("existing_reference", "No child you can see has that reference")
        else:
            details = form.linked_child()
            if existing_id is not None:
                details = LinkedChildDetails(
                    involvement=details.involvement, existing_child_id=existing_id, notes=details.notes
                )
            try:
                contact_linked_child_add(recorded_by=user, contact=record.contact, linked=details)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("frontdoor:contact_detail", contact_id=record.contact.pk)
    return render(
        request,
        "frontdoor/linked_child_form.html",
        {"form": form, "contact": record.contact, "dob_parts": form.date_parts("dob")},
    )


@access_policy(Policy.STAFF)
@require_POST
def linked_child_screen(request: StaffRequest, contact_id: int, link_id: int) -> HttpResponse:
    """Start a contact of the linked child's own, so the front door screens them in turn (rule 2)."""
    user = request.user
    require_screener(user)
    contact = access_contact(user, contact_id)
    try:
        link = contact.linked_children.get(pk=link_id)
    except ContactLinkedChild.DoesNotExist as missing:
        raise PermissionDenied("No such linked child on this contact.") from missing
    screening_contact = contact_create_for_linked_child(recorded_by=user, linked=link)
    return redirect("frontdoor:contact_detail", contact_id=screening_contact.pk)


@access_policy(Policy.STAFF)
@require_POST
def missing_prompt_accept_page(request: StaffRequest, child_id: uuid.UUID) -> HttpResponse:
    """Accept the missing-episodes prompt for a child: a contact to screen, then its screening (decision 0033)."""
    require_screener(request.user)
    try:
        contact = missing_prompt_accept(
            actor=request.user, child_id=child_id, context=access_context_from_request(request)
        )
    except ValidationError as refusal:
        return render(request, "frontdoor/missing_prompt_refused.html", {"messages_": refusal.messages}, status=400)
    return redirect("frontdoor:screening_start", contact_id=contact.pk)


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def refer_to_front_door(request: StaffRequest, child_id: uuid.UUID) -> HttpResponse:
    """Rule 8 in one action: a lead worker refers a new or escalating risk back to the front door."""
    user = request.user
    child = child_summary_read(user=user, child_id=child_id, context=access_context_from_request(request))
    form = FrontDoorReferralForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            front_door_referral_create(
                lead_worker=user,
                child_id=child.id,
                concern=form.cleaned_data["concern"],
                immediate_risk=form.cleaned_data["immediate_risk"] == "yes",
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return render(request, "frontdoor/referral_sent.html", {"child": child})
    return render(request, "frontdoor/referral_form.html", {"form": form, "child": child})
