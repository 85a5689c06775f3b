"""The information sharing form (rule 10): any member of staff tells the police intelligence team what
they know about suspected offenders, vehicles and places, however small, and it reaches the queue at
once."""

import uuid

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Agency, User
from accounts.requests import StaffRequest
from accounts.standing import agency_of
from children.models import Child
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from core.request_context import access_context_from_request
from intelligence.access import access_submission
from intelligence.forms.sharing import SharingForm, new_form_key
from intelligence.selectors.sharing import sharing_children_read
from intelligence.services.submissions import submission_record

SERVICE_FIELDS: dict[str, str | None] = {
    "occurred_to": "occurred_day",
    "occurred_from": "occurred_day",
    "children": "child_references",
}


def _agency_of(user: User) -> Agency | None:
    return agency_of(user)


def _initial(listed: list[Child], asked: list[Child]) -> dict[str, object]:
    initial: dict[str, object] = {"form_key": new_form_key()}
    # Arriving from a child's record ("share information about this child"): that child is chosen.
    for child in asked:
        if child in listed:
            initial["children"] = [str(child.pk)]
        else:
            initial["child_references"] = child.reference
    return initial


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def share_page(request: StaffRequest) -> HttpResponse:
    user = request.user
    asked_child_id = _uuid_or_none(request.GET.get("child", ""))
    context = access_context_from_request(request)
    children = sharing_children_read(user=user, asked_child_id=asked_child_id, context=context)
    listed = children.listed
    form = SharingForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(listed, children.asked),
        listed_children=listed,
        visible_children=children.visible,
    )
    if request.method == "POST" and form.is_valid():
        agency = _agency_of(user)
        try:
            submission, _ = submission_record(
                data=form.submission_input(area_id=agency.area_id if agency else None), by=user, agency=agency
            )
        except ValidationError as error:
            form_add_service_errors(form, error, field_for=SERVICE_FIELDS)
        else:
            return redirect("intelligence:share_sent", submission_id=submission.pk)
    return render(request, "intelligence/sharing/form.html", {"form": form, "many_children": not listed})


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@access_policy(Policy.STAFF)
@require_GET
def share_sent_page(request: StaffRequest, submission_id: int) -> HttpResponse:
    user = request.user
    submission = access_submission(user, submission_id)
    return render(request, "intelligence/sharing/sent.html", {"submission": submission})


urlpatterns: list[URLPattern] = [
    path("share/", share_page, name="share"),
    path("share/sent/<int:submission_id>/", share_sent_page, name="share_sent"),
]
