"""The network pages through HTTP: police intelligence only, each read of children logged."""

import csv
import io

import pytest
from django.utils import timezone

from audit.models import AccessAction, AccessEvent
from children.models import Child
from intelligence.inputs import LocationInput, PersonInput, SubmissionInput, VehicleInput
from intelligence.models import Entity, EntityKind, NetworkOverviewRun, OverviewStatus, Submission
from intelligence.services.submissions import submission_record
from tests.background import run_queued_tasks


@pytest.fixture
def reports(partnership):
    child = Child.objects.order_by("reference").first()
    assert child is not None
    for narrative, registration in (("Seen at the park.", "AB12 CDE"), ("Car outside the takeaway.", "AB12CDE")):
        submission_record(
            data=SubmissionInput(
                source="professional",
                narrative=narrative,
                children=[child.id],
                persons=[PersonInput(name="Dean Example", phones=["07700 900123"])],
                vehicles=[VehicleInput(registration=registration)],
                locations=[LocationInput(name="Play park", postcode="NF1 2AB", kind="park")],
            )
        )
    return {"child": child, "vehicle": Entity.objects.get(kind=EntityKind.VEHICLE)}


def test_the_overview_shows_hot_spots_and_the_export_lists_each_link_with_its_source(signed_in, partnership, reports):
    run_queued_tasks()
    client = signed_in(partnership["intel"])
    page = client.get("/intelligence/network/").content.decode()
    assert "Play park" in page
    assert reports["child"].full_name in page  # named in its connected group, so the read is logged
    listed = AccessEvent.objects.filter(action=AccessAction.LIST).get()
    assert listed.object_ids == [str(reports["child"].id)]
    export = client.get("/intelligence/network/export.csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    vehicle_rows = [row for row in rows if "AB12" in row["Entity1 Label"] + row["Entity2 Label"]]
    assert len({row["Source Reference"] for row in vehicle_rows}) == 2
    assert all(row["Grading"] == "not graded" for row in rows)
    event = AccessEvent.objects.filter(action=AccessAction.EXPORT).get()
    assert event.object_ids == [str(reports["child"].id)]


def test_the_link_chart_around_a_vehicle_and_its_data(signed_in, partnership, reports):
    client = signed_in(partnership["intel"])
    vehicle = reports["vehicle"]
    page = client.get(f"/intelligence/network/entities/{vehicle.pk}/").content.decode()
    assert reports["child"].full_name in page
    assert "data-link-chart" in page
    data = client.get(f"/intelligence/network/entities/{vehicle.pk}/data.json").json()
    focus = [node for node in data["nodes"] if node["focus"]]
    assert [node["id"] for node in focus] == [f"entity:{vehicle.pk}"]
    # a person not yet resolved by linkage is on the chart as the mention itself
    assert {node["kind"] for node in data["nodes"]} >= {"vehicle", "person", "phone", "location", "child"}
    assert all(len(edge["references"]) >= 1 for edge in data["edges"])
    client.get(f"/api/v1/intelligence/network/entities/{vehicle.pk}/")
    event = AccessEvent.objects.latest("id")
    assert (event.channel, event.object_ids) == ("api", [str(reports["child"].id)])


@pytest.mark.parametrize("username", ["socialworker.nfd", "megchair", "analyst", "teacher.nfd"])
def test_the_network_is_for_police_intelligence_only(signed_in, partnership, reports, username):
    client = signed_in(partnership[username])
    vehicle = reports["vehicle"]
    for url in (
        "/intelligence/network/",
        "/intelligence/network/export.csv",
        f"/intelligence/network/entities/{vehicle.pk}/",
        f"/intelligence/network/entities/{vehicle.pk}/data.json",
    ):
        assert client.get(url).status_code == 404, url


def test_a_partial_registration_is_on_the_chart_as_what_the_report_said(signed_in, partnership, reports):
    submission, _ = submission_record(
        data=SubmissionInput(
            source="community",
            narrative="A dark car with a plate starting AB1, at the play park.",
            vehicles=[VehicleInput(registration="AB1? C*")],
            locations=[LocationInput(name="Play park", postcode="NF1 2AB", kind="park")],
        )
    )
    partial = submission.mentions.get(kind=EntityKind.VEHICLE)
    client = signed_in(partnership["intel"])
    page = client.get(f"/intelligence/network/mentions/{partial.pk}/").content.decode()
    assert "AB1? C* (partial)" in page
    assert "Play park" in page  # the place it was seen, and through it the rest of the network
    data = client.get(f"/intelligence/network/mentions/{partial.pk}/data.json").json()
    focus = next(node for node in data["nodes"] if node["focus"])
    assert focus["url"] == f"/intelligence/submissions/{submission.pk}/"
    assert signed_in(partnership["analyst"]).get(f"/intelligence/network/mentions/{partial.pk}/").status_code == 404


def test_the_overview_states_the_reports_it_is_drawn_from(signed_in, partnership, reports, monkeypatch):
    run_queued_tasks()
    client = signed_in(partnership["intel"])
    page = client.get("/intelligence/network/").content.decode()
    assert "among all 2 reports" in page
    monkeypatch.setattr("intelligence.selectors.network.OVERVIEW_REPORTS", 1)
    newest = Submission.objects.order_by("-received_at", "-id").first()
    assert newest is not None
    assert client.post("/intelligence/network/").status_code == 302
    run_queued_tasks()
    page = client.get("/intelligence/network/").content.decode()
    since = f"{timezone.localtime(newest.received_at):%-d %B %Y}"
    assert f"among the 1 most recent reports, received from {since}, of 2 in all" in page
    assert "Play park" in page  # the newest report's place is still a hot spot


def test_the_overview_is_worked_out_by_the_worker_and_says_when(signed_in, partnership, reports):
    """The page reads what the worker kept: nothing before its run, then the run's result and its time."""
    client = signed_in(partnership["intel"])
    assert NetworkOverviewRun.objects.filter(status=OverviewStatus.QUEUED).count() == 1  # two reports ask once
    page = client.get("/intelligence/network/").content.decode()
    assert "being worked out for the first time" in page
    assert "Play park" not in page
    assert not AccessEvent.objects.filter(action=AccessAction.LIST).exists()  # it named no child
    run_queued_tasks()
    page = client.get("/intelligence/network/").content.decode()
    run = NetworkOverviewRun.objects.get()
    assert run.status == OverviewStatus.READY
    assert f"Worked out at {timezone.localtime(run.finished_at):%H:%M}" in page
    assert "Play park" in page


def test_a_report_stored_after_the_run_asks_for_the_next_and_the_old_result_stays_until_then(
    signed_in, partnership, reports
):
    run_queued_tasks()
    submission_record(
        data=SubmissionInput(
            source="professional",
            narrative="Two men at the bus station.",
            locations=[LocationInput(name="Bus station", postcode="NF1 9ZZ", kind="other")],
            persons=[PersonInput(name="Carl Sample")],
        )
    )
    client = signed_in(partnership["intel"])
    page = client.get("/intelligence/network/").content.decode()
    assert "Play park" in page
    assert "Bus station" not in page
    assert "being worked out again" in page
    run_queued_tasks()
    page = client.get("/intelligence/network/").content.decode()
    assert "Bus station" in page
    assert NetworkOverviewRun.objects.count() == 1  # only the latest is kept: an older one still names children


def test_only_an_intelligence_officer_may_ask_for_the_overview_again(signed_in, partnership, reports):
    run_queued_tasks()
    assert signed_in(partnership["socialworker.nfd"]).post("/intelligence/network/").status_code == 404
    assert not NetworkOverviewRun.objects.filter(status=OverviewStatus.QUEUED).exists()
    client = signed_in(partnership["intel"])
    client.post("/intelligence/network/")
    client.post("/intelligence/network/")  # a second press, or a retried request, asks for nothing more
    assert NetworkOverviewRun.objects.filter(status=OverviewStatus.QUEUED).count() == 1
