"""The case note page, reached from the child's page."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.requests import StaffRequest
from children.forms.notes import CaseNoteForm
from children.selectors.notes import child_to_write_read
from children.services.notes import case_note_record
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.request_context import access_context_from_request

NOTE_FIELDS: dict[str, str | None] = {
    "occurred_at": "occurred_day",
    "carer_id": "source",
    "agency_id": "agency",
}


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def case_note_page(request: StaffRequest, child_id: uuid.UUID) -> HttpResponse:
    read = child_to_write_read(user=request.user, child_id=child_id, context=access_context_from_request(request))
    child = read.child
    form = CaseNoteForm(request.POST if request.method == "POST" else None, carers=read.carers)
    if request.method == "POST" and form.is_valid():
        try:
            case_note_record(actor=request.user, child_id=child.id, data=form.to_input())
        except ValidationError as error:
            form_add_service_errors(form, error, field_for=NOTE_FIELDS)
        else:
            messages.success(request, "Case note recorded")
            return redirect("hub:child", child_id=child.id)
    return render(
        request,
        "children/note_form.html",
        {"child": child, "form": form, "occurred_parts": form.date_parts("occurred")},
    )
