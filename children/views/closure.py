"""The page that closes a child's case: the team manager sees what stands in the way, if anything,
and gives the reason; the service checks everything again."""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.requests import StaffRequest
from children.access import MAY_NOT_CLOSE
from children.forms.closure import CaseCloseForm
from children.selectors.closure import child_closure_read
from children.services.closure import child_case_close
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.request_context import access_context_from_request


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def case_close_page(request: StaffRequest, child_id: uuid.UUID) -> HttpResponse:
    user = request.user
    read = child_closure_read(user=user, child_id=child_id, context=access_context_from_request(request))
    if not read.may_close:
        raise PermissionDenied(MAY_NOT_CLOSE)
    form = CaseCloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            child_case_close(actor=user, child_id=read.child.id, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("hub:child", child_id=read.child.id)
    return render(request, "children/close.html", {"child": read.child, "read": read, "form": form})
