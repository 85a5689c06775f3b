"""Pages for professional challenge. Thin: parse the form, call one service or selector, render.

A successful POST redirects and shows nothing, so it writes no access event (the write itself is
on the challenge's history and the child's chronology). A page that renders a challenge or a child,
including a form shown again with its errors, reads it through a selector that logs the read.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import StaffRequest
from challenges.access import ChallengeAction, may_read_challenge_report
from challenges.escalation import OUTCOME_NAMES, SAFETY_NOTE, Level, next_level
from challenges.forms import ChallengeEscalateForm, ChallengeRaiseForm, ChallengeResolveForm, ChallengeWithdrawForm
from challenges.selectors import (
    challenge_action_read,
    challenge_detail_read,
    challenge_my_list,
    challenge_raise_form_read,
    challenge_report_read,
    challenge_user_agencies,
    child_challenge_list,
)
from challenges.services import challenge_escalate, challenge_raise, challenge_resolve, challenge_withdraw
from core.access_policy import Policy, access_policy
from core.request_context import access_context_from_request

OWNER_FIELDS = ("owner_team", "owner_user")


@access_policy(Policy.STAFF)
@require_GET
def challenge_list_page(request: StaffRequest) -> HttpResponse:
    user = request.user
    items = challenge_my_list(user=user, context=access_context_from_request(request))
    return render(request, "challenges/list.html", {"items": items, "may_read_report": may_read_challenge_report(user)})


@access_policy(Policy.STAFF)
@require_GET
def child_challenge_list_page(request: StaffRequest, child_id: uuid.UUID) -> HttpResponse:
    record = child_challenge_list(user=request.user, child_id=child_id, context=access_context_from_request(request))
    return render(
        request,
        "challenges/child.html",
        {"child": record.child, "challenges": record.challenges, "safety_note": SAFETY_NOTE},
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def challenge_raise_page(request: StaffRequest, child_id: uuid.UUID) -> HttpResponse:
    user = request.user
    agencies = list(challenge_user_agencies(user=user))
    form = ChallengeRaiseForm(request.POST if request.method == "POST" else None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            challenge = challenge_raise(
                user=user,
                child_id=child_id,
                decision_summary=data["decision_summary"],
                decision_kind=data["decision_kind"],
                challenge_text=data["challenge_text"],
                owner_user=data["owner_user"],
                owner_team=data["owner_team"],
                agency=data["agency"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Challenge raised")
            return redirect("challenges:detail", challenge_id=challenge.id)
    child = challenge_raise_form_read(user=user, child_id=child_id, context=access_context_from_request(request))
    return render(
        request,
        "challenges/raise.html",
        {"form": form, "child": child, "safety_note": SAFETY_NOTE, "owner_fields": OWNER_FIELDS},
    )


@access_policy(Policy.STAFF)
@require_GET
def challenge_detail_page(request: StaffRequest, challenge_id: int) -> HttpResponse:
    record = challenge_detail_read(
        user=request.user, challenge_id=challenge_id, context=access_context_from_request(request)
    )
    challenge = record.challenge
    return render(
        request,
        "challenges/detail.html",
        {
            "record": record,
            "challenge": challenge,
            "child": challenge.child,
            "level": Level(challenge.level),
            "next_level": next_level(Level(challenge.level)),
            "may_escalate": ChallengeAction.ESCALATE in record.permissions,
            "may_resolve": ChallengeAction.RESOLVE in record.permissions,
            "may_withdraw": ChallengeAction.WITHDRAW in record.permissions,
            "safety_note": SAFETY_NOTE,
        },
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def challenge_escalate_page(request: StaffRequest, challenge_id: int) -> HttpResponse:
    user = request.user
    form = ChallengeEscalateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            challenge = challenge_escalate(
                user=user,
                challenge_id=challenge_id,
                to_level=data["to_level"],
                reason=data["reason"],
                owner_user=data["owner_user"],
                owner_team=data["owner_team"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Challenge escalated to level {challenge.level}")
            return redirect("challenges:detail", challenge_id=challenge.id)
    challenge = challenge_action_read(
        user=user,
        challenge_id=challenge_id,
        action=ChallengeAction.ESCALATE,
        context=access_context_from_request(request),
    )
    return render(
        request,
        "challenges/escalate.html",
        {
            "form": form,
            "challenge": challenge,
            "level": Level(challenge.level),
            "next_level": next_level(Level(challenge.level)) if challenge.is_open else None,
            "safety_note": SAFETY_NOTE,
            "owner_fields": OWNER_FIELDS,
        },
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def challenge_resolve_page(request: StaffRequest, challenge_id: int) -> HttpResponse:
    user = request.user
    form = ChallengeResolveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            challenge = challenge_resolve(
                user=user,
                challenge_id=challenge_id,
                outcome=form.cleaned_data["outcome"],
                resolution_text=form.cleaned_data["resolution_text"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Challenge resolved")
            return redirect("challenges:detail", challenge_id=challenge.id)
    challenge = challenge_action_read(
        user=user,
        challenge_id=challenge_id,
        action=ChallengeAction.RESOLVE,
        context=access_context_from_request(request),
    )
    outcomes = [(outcome.value, name) for outcome, name in OUTCOME_NAMES.items()]
    return render(
        request,
        "challenges/resolve.html",
        {"form": form, "challenge": challenge, "level": Level(challenge.level), "outcomes": outcomes},
    )


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def challenge_withdraw_page(request: StaffRequest, challenge_id: int) -> HttpResponse:
    user = request.user
    form = ChallengeWithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            challenge = challenge_withdraw(user=user, challenge_id=challenge_id, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Challenge withdrawn")
            return redirect("challenges:detail", challenge_id=challenge.id)
    challenge = challenge_action_read(
        user=user,
        challenge_id=challenge_id,
        action=ChallengeAction.WITHDRAW,
        context=access_context_from_request(request),
    )
    return render(request, "challenges/withdraw.html", {"form": form, "challenge": challenge})


@access_policy(Policy.STAFF)
@require_GET
def challenge_report_page(request: StaffRequest) -> HttpResponse:
    # Aggregates only, with small numbers suppressed: no child-identifiable data, so no access event.
    report = challenge_report_read(user=request.user)
    return render(request, "challenges/report.html", {"report": report})
