"""The analyst's review of suggested matches between person mentions (the grey zone of person
resolution): police intelligence only. Entities and mentions, no child data: no access event."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import StaffRequest
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from intelligence.access import require_intelligence_officer
from intelligence.forms.review import MatchDecisionForm
from intelligence.linkage import LINK_THRESHOLD, REVIEW_THRESHOLD
from intelligence.selectors.review import review_pair_read, review_queue, review_waiting_count
from intelligence.services.linkage import match_decision_record


@access_policy(Policy.STAFF)
@require_GET
def review_list_page(request: StaffRequest) -> HttpResponse:
    user = request.user
    require_intelligence_officer(user)
    context = {
        "pairs": review_queue(),
        "waiting": review_waiting_count(),
        "link_percent": round(LINK_THRESHOLD * 100),
        "review_percent": round(REVIEW_THRESHOLD * 100),
    }
    return render(request, "intelligence/review/list.html", context)


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def review_pair_page(request: StaffRequest, candidate_id: int) -> HttpResponse:
    user = request.user
    require_intelligence_officer(user)
    pair = review_pair_read(candidate_id=candidate_id)
    form = MatchDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            match_decision_record(
                candidate=pair.candidate, same_person=form.same_person, note=form.cleaned_data["note"], by=user
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            outcome = "the same person" if form.same_person else "different people"
            messages.success(request, f"Recorded: {pair.left.shown} and {pair.right.shown} are {outcome}")
            return redirect("intelligence:review_list")
    return render(request, "intelligence/review/pair.html", {"pair": pair, "form": form})


urlpatterns: list[URLPattern] = [
    path("review/", review_list_page, name="review_list"),
    path("review/<int:candidate_id>/", review_pair_page, name="review_pair"),
]
