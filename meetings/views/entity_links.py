"""Putting intelligence in front of the MEG: a police intelligence officer links an entity (a suspected
perpetrator, a vehicle, a place) to the MEG's contextual item about it, so that the item's page and the
agenda pack show the shareable network around it."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods, require_POST

from accounts.requests import StaffRequest
from core.access_policy import Policy, access_policy
from core.forms import form_add_service_errors
from intelligence.access import access_entity
from meetings.access import access_contextual_item_entity, contextual_items_to_link_queryset
from meetings.forms.entity_links import ContextualItemChoiceForm
from meetings.selectors.contextual import entity_contextual_links
from meetings.services.contextual_entities import contextual_item_entity_link, contextual_item_entity_unlink


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def entity_meg_page(request: StaffRequest, entity_id: int) -> HttpResponse:
    user = request.user
    entity = access_entity(user, entity_id)
    links = entity_contextual_links(entity_id=entity.pk)
    linked = {link.contextual_item_id for link in links}
    items = [
        item
        for item in contextual_items_to_link_queryset(user).order_by("area__name", "kind", "title", "id")
        if item.pk not in linked
    ]
    form = ContextualItemChoiceForm(request.POST if request.method == "POST" else None, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            contextual_item_entity_link(item=form.chosen_item, entity=entity, by=user)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("meetings:entity_meg", entity_id=entity.pk)
    return render(
        request, "meetings/entity_links.html", {"entity": entity, "links": links, "items": items, "form": form}
    )


@access_policy(Policy.STAFF)
@require_POST
def entity_meg_remove(request: StaffRequest, entity_id: int, link_id: int) -> HttpResponse:
    user = request.user
    entity = access_entity(user, entity_id)
    link = access_contextual_item_entity(user, link_id)
    if link.entity_id != entity.pk:
        raise Http404("No link found.")
    contextual_item_entity_unlink(link=link, by=user)
    return redirect("meetings:entity_meg", entity_id=entity.pk)


urlpatterns: list[URLPattern] = [
    path("entities/<int:entity_id>/", entity_meg_page, name="entity_meg"),
    path("entities/<int:entity_id>/<int:link_id>/remove/", entity_meg_remove, name="entity_meg_remove"),
]
