"""The page that corrects a child's details, reached from the child's page."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.requests import StaffRequest
from children.forms.corrections import ChildDetailsForm
from children.selectors.notes import child_to_write_read
from children.services.corrections import child_details_correct
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.request_context import access_context_from_request


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def child_details_correct_page(request: StaffRequest, child_id: uuid.UUID) -> HttpResponse:
    read = child_to_write_read(user=request.user, child_id=child_id, context=access_context_from_request(request))
    child = read.child
    form = ChildDetailsForm(request.POST if request.method == "POST" else None, child=child)
    if request.method == "POST" and form.is_valid():
        try:
            child_details_correct(
                actor=request.user, child_id=child.id, data=form.to_input(), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form_add_service_errors(form, error, field_for={"date_of_birth": "dob_day"})
        else:
            messages.success(request, "The child's details are corrected")
            return redirect("hub:child", child_id=child.id)
    return render(
        request, "children/correct_form.html", {"child": child, "form": form, "dob_parts": form.date_parts("dob")}
    )
