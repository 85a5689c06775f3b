from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.requests import StaffRequest
from children.forms import ChildSearchForm
from children.selectors import child_search
from core.access_policy import Policy, access_policy
from core.request_context import access_context_from_request


@access_policy(Policy.STAFF)
@require_GET
def child_search_page(request: StaffRequest) -> HttpResponse:
    submitted = bool(request.GET)
    form = ChildSearchForm(request.GET if submitted else None)
    results = None
    if submitted and form.is_valid():
        results = child_search(
            user=request.user,
            query=form.to_query(),
            context=access_context_from_request(request),
        )
    return render(
        request, "children/search.html", {"form": form, "results": results, "dob_parts": form.date_parts("dob")}
    )
