"""The still picture of a network (pure) and its SVG template: `Network.around`, `network_image`, and the
include drawn by a browser and by WeasyPrint. No database: plain nodes and sightings."""

import io
import xml.etree.ElementTree as ET

from django.template.loader import render_to_string
from django.utils import translation
from pypdf import PdfReader

from core.pdf import pdf_from_html
from intelligence.network import Network, Node
from intelligence.network_image import (
    LABEL_SPACE,
    LEGEND_HEIGHT,
    MARGIN_TOP,
    MARGIN_X,
    ImageLink,
    ImageNode,
    NetworkImage,
    network_image,
)
from intelligence.tests.test_network import NODES, SIGHTINGS, node, sighting

SVG = "{http://www.w3.org/2000/svg}"
TEMPLATE = "intelligence/includes/network_image.html"


def network() -> Network:
    return Network(NODES, SIGHTINGS)


def test_around_keeps_what_is_within_the_hops_of_any_key():
    near = network().around(["p:kai", "c:beth"], hops=1, limit=50)
    assert set(near.nodes) == {"p:kai", "v:ab12cde", "l:takeaway", "c:beth", "p:dean", "l:park"}
    assert set(network().around(["p:kai", "c:beth"], hops=2, limit=50).nodes) == set(network().nodes) - {"p:lone"}


def test_around_keeps_the_keys_then_the_nearest_by_key_up_to_the_limit():
    assert set(network().around(["p:kai", "c:beth"], hops=2, limit=6).nodes) == {
        "p:kai", "c:beth", "l:park", "l:takeaway", "p:dean", "v:ab12cde"
    }  # fmt: skip
    assert set(network().around(["p:kai", "c:beth"], hops=2, limit=5).nodes) == {
        "p:kai", "c:beth", "l:park", "l:takeaway", "p:dean"
    }  # fmt: skip
    assert set(network().around(["c:amy", "c:beth", "p:kai"], hops=1, limit=2).nodes) == {"c:amy", "c:beth", "p:kai"}


def test_around_ignores_keys_not_in_the_network_and_keeps_lone_keys():
    assert set(network().around(["missing", "p:lone"], hops=2, limit=5).nodes) == {"p:lone"}
    assert network().around(["missing"], hops=2, limit=5).nodes == {}


def test_around_keeps_the_sightings_of_what_it_keeps():
    near = network().around(["p:kai"], hops=1, limit=10)
    assert [s.reference for s in near.links[("l:takeaway", "p:kai")].sightings] == ["R3"]
    assert [s.reference for s in near.sightings_of["l:takeaway"]] == ["R3", "R4"]
    assert ("l:park", "v:ab12cde") not in near.links  # the park is two hops away
    assert set(network().neighbourhood("p:kai", hops=2).nodes) == set(
        network().around(["p:kai"], hops=2, limit=150).nodes
    )


def test_the_same_network_gives_the_same_picture():
    assert network_image(network()) == network_image(network())


def test_every_node_sits_inside_the_box_leaving_room_for_labels_and_legend():
    nodes = [node(f"p:{i:02}", "person") for i in range(20)]
    sightings = [sighting(f"R{i}", f"p:{i:02}", f"p:{(i * 7) % 20:02}") for i in range(20)]
    for width, height in [(680, 440), (500, 700)]:
        image = network_image(Network(nodes, sightings), width=width, height=height)
        xs, ys = [n.x for n in image.nodes], [n.y for n in image.nodes]
        assert min(xs) >= MARGIN_X
        assert max(xs) <= width - MARGIN_X
        assert min(ys) >= MARGIN_TOP
        assert max(ys) <= height - LEGEND_HEIGHT - LABEL_SPACE
        # scaled to fill the room one way or the other
        assert min(xs) == MARGIN_X or min(ys) == MARGIN_TOP


def test_a_lone_node_does_not_squeeze_the_rest_into_a_corner():
    image = network_image(network())  # p:lone is linked to nothing
    linked = [n for n in image.nodes if n.key != "p:lone"]
    spread = max(n.x for n in linked) - min(n.x for n in linked), max(n.y for n in linked) - min(n.y for n in linked)
    assert spread[0] > (680 - 2 * MARGIN_X) / 3 or spread[1] > (440 - MARGIN_TOP - LEGEND_HEIGHT - LABEL_SPACE) / 3


def test_links_start_and_end_at_their_nodes_and_count_distinct_reports():
    repeated = [*SIGHTINGS, sighting("R1", "p:dean", "l:park")]  # the same submission again
    image = network_image(Network(NODES, repeated))
    where = {n.key: (n.x, n.y) for n in image.nodes}
    assert [(link.a, link.b) for link in image.links] == sorted(network().links)
    for link in image.links:
        assert (link.x1, link.y1) == where[link.a]
        assert (link.x2, link.y2) == where[link.b]
    reports = {(link.a, link.b): link.reports for link in image.links}
    assert reports[("l:park", "p:dean")] == 2
    assert reports[("c:amy", "p:dean")] == 1


def test_labels_can_be_replaced_and_long_ones_are_shortened():
    long = Node(key="o:long", kind="online_account", label="x" * 40)
    exact = Node(key="o:exact", kind="online_account", label="y" * 28)
    image = network_image(Network([*NODES, long, exact], SIGHTINGS), labels={"c:beth": "Child B"})
    labels = {n.key: n.label for n in image.nodes}
    assert labels["c:beth"] == "Child B"
    assert labels["c:amy"] == "c:amy"
    assert labels["o:long"] == "x" * 27 + "…"
    assert labels["o:exact"] == "y" * 28
    assert [n.key for n in image.nodes] == sorted(labels)
    assert image.kinds == [
        ("child", "Child"), ("person", "Person"), ("vehicle", "Vehicle"), ("location", "Place"),
        ("online_account", "Online account"),
    ]  # fmt: skip


def test_a_single_node_sits_in_the_middle_and_an_empty_network_draws_nothing():
    (only,) = network_image(Network([node("p:dean", "person")], [])).nodes
    assert (only.x, only.y) == (340, (MARGIN_TOP + 440 - LEGEND_HEIGHT - LABEL_SPACE) / 2)
    empty = network_image(Network([], []))
    assert (empty.nodes, empty.links, empty.kinds) == ([], [], [])
    assert render_to_string(TEMPLATE, {"image": empty, "title": "t", "description": "d"}).strip() == ""


def render(image: NetworkImage) -> str:
    context = {"image": image, "title": "Links around Amy", "description": "Who is linked to Amy.", "id_prefix": "amy"}
    return render_to_string(TEMPLATE, context)


def parse(html: str) -> ET.Element:
    return ET.fromstring(html[html.index("<svg") : html.index("</svg>") + len("</svg>")])  # noqa: S314 (our own template)


def test_the_template_draws_a_shape_and_a_label_for_each_node_without_inline_styles():
    nodes = [*NODES, Node(key="ph:1", kind="phone", label="<b>Dean's & co</b>"), node("o:1", "online_account")]
    image = network_image(Network(nodes, SIGHTINGS))
    html = render(image)
    assert "style=" not in html
    assert "<style" not in html
    assert "&lt;b&gt;Dean&#x27;s &amp; co&lt;/b&gt;" in html
    assert "<b>" not in html
    svg = parse(html)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "amy-title amy-desc"
    assert svg.get("viewBox") == "0 0 680 440"
    assert svg.findtext(f"{SVG}title") == "Links around Amy"
    assert svg.findtext(f"{SVG}desc") == "Who is linked to Amy."
    drawn = [g for g in svg.findall(f"{SVG}g") if len(g.findall(f"{SVG}text")) == 2]
    shapes = {
        "child": ["circle", "circle"],
        "person": ["circle"],
        "vehicle": ["rect"],
        "location": ["polygon"],
        "phone": ["rect"],
        "online_account": ["polygon"],
    }
    colours = {"child": "#0b0c0c", "person": "#d4351c", "vehicle": "#1d70b8", "location": "#00703c"}
    colours |= {"phone": "#4c2c92", "online_account": "#f47738"}
    assert len(drawn) == len(image.nodes)
    for group, image_node in zip(drawn, image.nodes, strict=True):
        assert group.get("transform") == f"translate({image_node.x} {image_node.y})"
        assert [child.tag.removeprefix(SVG) for child in group][:-2] == shapes[image_node.kind]
        assert group[0].get("fill") == colours[image_node.kind]
        halo, label = group.findall(f"{SVG}text")
        assert halo.get("aria-hidden") == "true"
        assert label.get("fill") == "#0b0c0c"
        assert label.text == image_node.label
    legend = [text.text for text in svg.findall(f"{SVG}g/{SVG}g/{SVG}text")]
    assert legend == [label for _, label in image.kinds]


def test_links_are_lines_thicker_for_more_reports():
    def link(reports: int) -> ImageLink:
        return ImageLink(a="a", b="b", x1=1.5, y1=2.5, x2=3.5, y2=4.5, reports=reports)

    nodes = [ImageNode(key="a", kind="person", kind_label="Person", label="A", x=1.5, y=2.5)]
    image = NetworkImage(width=680, height=440, nodes=nodes, links=[link(1), link(2), link(9)], kinds=[])
    lines = parse(render(image)).findall(f"{SVG}g/{SVG}line")
    assert [line.get("stroke-width") for line in lines] == ["1", "2", "4"]
    assert [line.get("x1") for line in lines] == ["1.5", "1.5", "1.5"]


def test_coordinates_are_never_localised():
    nodes = [ImageNode(key="a", kind="person", kind_label="Person", label="A", x=1.5, y=2.5)]
    image = NetworkImage(width=680, height=440, nodes=nodes, links=[], kinds=[("person", "Person")])
    with translation.override("de"):  # "1,5" in German
        html = render(image)
    assert "translate(1.5 2.5)" in html


def test_weasyprint_draws_the_picture_in_a_pdf():
    image = network_image(network(), labels={"c:beth": "Child B"})
    pdf = pdf_from_html(f'<!doctype html><html lang="en"><body><h1>Pack</h1>{render(image)}</body></html>')
    assert pdf.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Child B" in text
    assert "v:ab12cde" in text
    assert "Online account" not in text
    assert "Vehicle" in text
