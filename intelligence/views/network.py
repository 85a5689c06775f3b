"""The network pages (police intelligence only): groups, who links most, hot spots; a link chart around
one entity, with its data as JSON; and the export that i2 Analyst's Notebook imports."""

import csv
import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html_join
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import StaffRequest
from core.access_policy import Policy, access_policy
from core.request_context import access_context_from_request
from intelligence.models import Mention
from intelligence.network import Network
from intelligence.selectors.network import (
    Neighbourhood,
    entity_neighbourhood_read,
    mention_neighbourhood_read,
    network_export_read,
    network_overview_read,
)
from intelligence.services.overview import network_overview_refresh_ask

I2_COLUMNS = [
    "Entity1 Type",
    "Entity1 Id",
    "Entity1 Label",
    "Entity2 Type",
    "Entity2 Id",
    "Entity2 Label",
    "Link Type",
    "Source Reference",
    "Grading",
    "Date",
]


def _urls(keys: list[str]) -> dict[str, str]:
    """Where each node opens: an entity's chart, a child's record, or an unresolved mention's submission."""
    mention_ids = [int(key.split(":", 1)[1]) for key in keys if key.startswith("mention:")]
    submission_of = dict(Mention.objects.filter(pk__in=mention_ids).values_list("id", "submission_id"))
    urls = {}
    for key in keys:
        kind, identifier = key.split(":", 1)
        if kind == "entity":
            urls[key] = reverse("intelligence:network_entity", args=[int(identifier)])
        elif kind == "mention":
            if int(identifier) in submission_of:  # the overview the worker kept may name one since removed
                urls[key] = reverse("intelligence:submission_detail", args=[submission_of[int(identifier)]])
        else:
            urls[key] = reverse("hub:child", args=[uuid.UUID(identifier)])
    return urls


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def network_page(request: StaffRequest) -> HttpResponse:
    """The overview the background worker last worked out; a POST asks for it to be worked out again."""
    user = request.user
    if request.method == "POST":
        network_overview_refresh_ask(user=user)
        return redirect("intelligence:network")
    overview = network_overview_read(user=user, context=access_context_from_request(request))
    urls = _urls([node.key for node in overview.linkers] + [spot.node.key for spot in overview.spots])
    window = overview.window
    context = {
        "overview": overview,
        "groups": overview.groups,
        "linkers": [(node, urls.get(node.key)) for node in overview.linkers],
        "spots": [(spot, urls.get(spot.node.key)) for spot in overview.spots],
        "run": overview.run,
        "window": window,
        "reports": f"{window.reports:,}" if window else "",
        "total": f"{window.total:,}" if window else "",
    }
    return render(request, "intelligence/network/overview.html", context)


@access_policy(Policy.STAFF)
@require_GET
def network_entity_page(request: StaffRequest, entity_id: int) -> HttpResponse:
    user = request.user
    near = entity_neighbourhood_read(user=user, entity_id=entity_id, context=access_context_from_request(request))
    return _chart_page(request, near, reverse("intelligence:network_entity_data", args=[entity_id]))


@access_policy(Policy.STAFF)
@require_GET
def network_mention_page(request: StaffRequest, mention_id: int) -> HttpResponse:
    user = request.user
    near = mention_neighbourhood_read(user=user, mention_id=mention_id, context=access_context_from_request(request))
    return _chart_page(request, near, reverse("intelligence:network_mention_data", args=[mention_id]))


@access_policy(Policy.STAFF)
@require_GET
def network_mention_data(request: StaffRequest, mention_id: int) -> JsonResponse:
    user = request.user
    near = mention_neighbourhood_read(user=user, mention_id=mention_id, context=access_context_from_request(request))
    return JsonResponse(network_json(near.network, near.key))


def _chart_page(request: HttpRequest, neighbourhood: Neighbourhood, data_url: str) -> HttpResponse:
    """The chart, with the same network as two tables (for those who cannot see the chart). A chart has
    up to 150 things and a few hundred links: the tables' rows are made here in one pass, not by the
    template language row by row (that was a third of the page's time)."""
    near = neighbourhood.network
    links = sorted(near.links.values(), key=lambda link: link.last_seen, reverse=True)
    urls = _urls(list(near.nodes))
    nodes = sorted(near.nodes.values(), key=lambda n: (n.kind, n.label))
    node_rows = format_html_join(
        "\n",
        '<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="{}">{}</a></td>'
        '<td class="govuk-table__cell">{}</td></tr>',
        ((urls[node.key], node.label, node.kind.replace("_", "").capitalize()) for node in nodes),
    )
    link_rows = format_html_join(
        "\n",
        '<tr class="govuk-table__row"><td class="govuk-table__cell">{} and {}</td>'
        '<td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}</td></tr>',
        (
            (
                near.nodes[link.a].label,
                near.nodes[link.b].label,
                ", ".join(f"{sighting.reference} ({sighting.grading or 'not graded'})" for sighting in link.sightings),
                formats.date_format(timezone.localtime(link.last_seen), "j F Y"),
            )
            for link in links
        ),
    )
    context = {
        "focus": near.nodes.get(neighbourhood.key),
        "cut": neighbourhood.cut,
        "node_count": len(nodes),
        "link_count": len(links),
        "node_rows": node_rows,
        "link_rows": link_rows,
        "data_url": data_url,
    }
    return render(request, "intelligence/network/entity.html", context)


@access_policy(Policy.STAFF)
@require_GET
def network_entity_data(request: StaffRequest, entity_id: int) -> JsonResponse:
    user = request.user
    near = entity_neighbourhood_read(user=user, entity_id=entity_id, context=access_context_from_request(request))
    return JsonResponse(network_json(near.network, near.key))


def network_json(near: Network, key: str) -> dict[str, Any]:
    """The chart's data, for the page's script and the API alike."""
    urls = _urls(list(near.nodes))
    nodes = [
        {"id": node.key, "kind": node.kind, "label": node.label, "url": urls[node.key], "focus": node.key == key}
        for node in near.nodes.values()
    ]
    edges = [
        {
            "source": link.a,
            "target": link.b,
            "weight": len(link.sightings),
            "references": sorted({sighting.reference for sighting in link.sightings}),
            "last_seen": link.last_seen.isoformat(),
        }
        for link in near.links.values()
    ]
    return {"nodes": nodes, "edges": edges}


@access_policy(Policy.STAFF)
@require_GET
def network_i2_export(request: StaffRequest) -> HttpResponse:
    """One row per link per submission: the layout i2 Analyst's Notebook's import reads, with each end's
    type, id and label, the link's source reference, its grading and date."""
    user = request.user
    network = network_export_read(user=user, context=access_context_from_request(request))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cse-hub-network-{timezone.localdate():%Y-%m-%d}.csv"'
    response["Cache-Control"] = "no-store, private"
    writer = csv.writer(response)
    writer.writerow(I2_COLUMNS)
    for link in sorted(network.links.values(), key=lambda item: (item.a, item.b)):
        a, b = network.nodes[link.a], network.nodes[link.b]
        for sighting in sorted(link.sightings, key=lambda item: (item.received_at, item.reference)):
            writer.writerow(
                [
                    a.kind,
                    a.key,
                    a.label,
                    b.kind,
                    b.key,
                    b.label,
                    "mentioned together",
                    sighting.reference,
                    sighting.grading or "not graded",
                    timezone.localtime(sighting.received_at).strftime("%Y-%m-%d %H:%M"),
                ]
            )
    return response


urlpatterns: list[URLPattern] = [
    path("network/", network_page, name="network"),
    path("network/export.csv", network_i2_export, name="network_export"),
    path("network/entities/<int:entity_id>/", network_entity_page, name="network_entity"),
    path("network/entities/<int:entity_id>/data.json", network_entity_data, name="network_entity_data"),
    path("network/mentions/<int:mention_id>/", network_mention_page, name="network_mention"),
    path("network/mentions/<int:mention_id>/data.json", network_mention_data, name="network_mention_data"),
]
