"""Search (has this been mentioned before?) and the entity page: police intelligence only."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from accounts.requests import StaffRequest
from core.access_policy import Policy, access_policy
from core.request_context import access_context_from_request
from intelligence.access import require_intelligence_officer
from intelligence.forms.search import SearchForm
from intelligence.selectors.entities import entity_detail_read
from intelligence.selectors.search import intelligence_search


@access_policy(Policy.STAFF)
@require_GET
def search_page(request: StaffRequest) -> HttpResponse:
    user = request.user
    require_intelligence_officer(user)
    submitted = "q" in request.GET
    form = SearchForm(request.GET if submitted else None, initial={"kind": "all"})
    result = None
    if submitted and form.is_valid():
        result = intelligence_search(user=user, query=form.to_query(), context=access_context_from_request(request))
    return render(request, "intelligence/search/search.html", {"form": form, "result": result})


@access_policy(Policy.STAFF)
@require_GET
def entity_page(request: StaffRequest, entity_id: int) -> HttpResponse:
    user = request.user
    record = entity_detail_read(user=user, entity_id=entity_id, context=access_context_from_request(request))
    return render(request, "intelligence/entities/detail.html", {"record": record, "entity": record.entity})


urlpatterns: list[URLPattern] = [
    path("search/", search_page, name="search"),
    path("entities/<int:entity_id>/", entity_page, name="entity"),
]
