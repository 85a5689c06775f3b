"""The allocations page of a child, and ending one allocation (decision 0030). Thin: the selectors
gate and log, the services decide who may allocate; their refusal is the
project's 403 page."""

import uuid

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.requests import StaffRequest
from children.forms.allocations import AllocationEndForm, AllocationStartForm
from children.selectors.allocations import allocation_detail_read, child_allocations_read
from children.services.allocations import allocation_end, allocation_start
from core.access_policy import Policy, access_policy
from core.request_context import access_context_from_request


def _add_errors(form: AllocationStartForm | AllocationEndForm, error: ValidationError, field: str) -> None:
    if hasattr(error, "error_dict"):
        for messages in error.message_dict.values():
            for message in messages:
                form.add_error(field, message)
    else:
        for message in error.messages:
            form.add_error(field, message)


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def child_allocations_page(request: StaffRequest, child_id: uuid.UUID) -> HttpResponse:
    user = request.user
    record = child_allocations_read(user=user, child_id=child_id, context=access_context_from_request(request))
    form = AllocationStartForm(request.POST if request.method == "POST" else None, candidates=record.candidates)
    if request.method == "POST" and form.is_valid():
        user_id, role = form.chosen()
        try:
            allocation_start(actor=user, child_id=record.child.id, user_id=user_id, role=role)
        except ValidationError as error:
            _add_errors(form, error, "worker")
        else:
            return redirect("children:allocations", child_id=record.child.id)
    return render(request, "children/allocations.html", {"record": record, "child": record.child, "form": form})


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def allocation_end_page(request: StaffRequest, allocation_id: int) -> HttpResponse:
    user = request.user
    allocation = allocation_detail_read(
        user=user, allocation_id=allocation_id, context=access_context_from_request(request)
    )
    form = AllocationEndForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            allocation_end(actor=user, allocation_id=allocation.pk, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error, "reason")
        else:
            return redirect("children:allocations", child_id=allocation.child_id)
    return render(
        request,
        "children/allocation_end.html",
        {"allocation": allocation, "child": allocation.child, "form": form},
    )
