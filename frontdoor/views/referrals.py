"""Referrals to the front door by any professional (decision 0031): the referrer's form and what they
sent, and the front door's list and match. The services decide who may act."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.requests import StaffRequest
from children.selectors import child_id_by_reference
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.request_context import access_context_from_request
from frontdoor.access import may_make_referral
from frontdoor.forms import ReferralMakeForm, ReferralMatchForm
from frontdoor.selectors.referrals import (
    ReferralRecord,
    referral_area_choices,
    referral_detail_read,
    referrals_made,
)
from frontdoor.selectors.tasks import referrals_to_match
from frontdoor.services.referrals import NOT_A_PROFESSIONAL, referral_area_of, referral_make, referral_match
from frontdoor.warning_signs import WarningSign, is_cause_for_concern

# Where a service's error about a field lands on the form.
FIELD_FOR_ERROR: dict[str, str | None] = {"date_of_birth": "dob_day", "area_id": "area"}


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def referral_new(request: StaffRequest) -> HttpResponse:
    user = request.user
    if not may_make_referral(user):  # the form would only be refused when sent
        raise PermissionDenied(NOT_A_PROFESSIONAL)
    own_area = referral_area_of(user)
    form = ReferralMakeForm(
        request.POST if request.method == "POST" else None,
        areas=referral_area_choices(),
        own_area_id=own_area.pk if own_area else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral = referral_make(referrer=user, data=form.referral_input())
        except ValidationError as error:
            form_add_service_errors(form, error, field_for=FIELD_FOR_ERROR)
        else:
            return redirect("frontdoor:referral_detail", referral_id=referral.pk)
    return render(request, "frontdoor/referrals/form.html", {"form": form, "dob_parts": form.date_parts("dob")})


def _detail(request: StaffRequest, record: ReferralRecord, form: ReferralMatchForm | None = None) -> HttpResponse:
    referral = record.referral
    signs = [WarningSign(sign) for sign in referral.warning_signs]
    if record.may_match and form is None:
        form = ReferralMatchForm(candidates=_candidates(record))
    return render(
        request,
        "frontdoor/referrals/detail.html",
        {
            "record": record,
            "referral": referral,
            "signs": signs,
            "cause_for_concern": is_cause_for_concern(set(signs)),
            "form": form,
        },
    )


def _candidates(record: ReferralRecord) -> list[tuple[str, str]]:
    return [
        (
            str(child.pk),
            f"{child.full_name} ({child.reference}), born {child.date_of_birth:%d %B %Y}"
            if child.date_of_birth
            else f"{child.full_name} ({child.reference}), date of birth not known",
        )
        for child in record.possible_matches
    ]


@access_policy(Policy.STAFF)
@require_GET
def referral_detail(request: StaffRequest, referral_id: int) -> HttpResponse:
    record = referral_detail_read(
        user=request.user, referral_id=referral_id, context=access_context_from_request(request)
    )
    return _detail(request, record)


@access_policy(Policy.STAFF)
@require_POST
def referral_match_page(request: StaffRequest, referral_id: int) -> HttpResponse:
    user = request.user
    record = referral_detail_read(user=user, referral_id=referral_id, context=access_context_from_request(request))
    form = ReferralMatchForm(request.POST, candidates=_candidates(record))
    if form.is_valid():
        choice = form.cleaned_data["child"]
        child_id = None
        if choice == ReferralMatchForm.BY_REFERENCE:
            child_id = child_id_by_reference(user=user, reference=form.cleaned_data["reference"])
            if child_id is None:
                form.add_error("reference", "No child you can see has that reference")
        elif choice != ReferralMatchForm.NEW:
            child_id = next((child.pk for child in record.possible_matches if str(child.pk) == choice), None)
        if not form.errors:
            try:
                matched = referral_match(actor=user, referral_id=record.referral.pk, child_id=child_id)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                assert matched.contact_id is not None
                return redirect("frontdoor:contact_detail", contact_id=matched.contact_id)
    return _detail(request, record, form)


@access_policy(Policy.STAFF)
@require_GET
def referral_list(request: StaffRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "frontdoor/referrals/list.html",
        {"to_match": referrals_to_match(user=user), "made": referrals_made(user=user)},
    )
