import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from children.forms import ChildSearchForm
from children.selectors import child_detail_read, child_search
from core.access_policy import Policy, access_policy
from core.request_context import access_context_from_request


@access_policy(Policy.STAFF)
@require_GET
def child_search_page(request: HttpRequest) -> HttpResponse:
    submitted = bool(request.GET)
    form = ChildSearchForm(request.GET if submitted else None)
    results = None
    if submitted and form.is_valid():
        results = child_search(
            user=request.user,  # type: ignore[arg-type]
            query=form.to_query(),
            context=access_context_from_request(request),
        )
    date_parts = [(form["dob_day"], "Day", 2), (form["dob_month"], "Month", 2), (form["dob_year"], "Year", 4)]
    return render(request, "children/search.html", {"form": form, "results": results, "date_parts": date_parts})


@access_policy(Policy.STAFF)
@require_GET
def child_detail_page(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    record = child_detail_read(
        user=request.user,  # type: ignore[arg-type]
        child_id=child_id,
        context=access_context_from_request(request),
    )
    return render(request, "children/detail.html", {"record": record, "child": record.child})
