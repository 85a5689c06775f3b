"""Intelligence by API: the same gates, the same log, the same errors as the pages."""

import pytest

from audit.models import AccessEvent
from children.access import child_visible_queryset
from children.models import Child
from intelligence.models import Entity, EntityKind, Submission
from tests.factories import read_events


def body(**overrides):
    values = {
        "narrative": "Two girls got into a silver Ford outside the school at 15:30.",
        "knowledge": "seen_or_heard",
        "urgent": True,
        "persons": [{"name": "Dean Example", "nickname": "Deano", "phones": ["07700 900123"]}],
        "vehicles": [{"registration": "AB12 CDE", "make": "Ford", "colour": "Silver"}],
    }
    values.update(overrides)
    return values


def post(client, data):
    return client.post("/api/v1/intelligence/submissions/", data, content_type="application/json")


def test_a_teacher_shares_information_and_the_police_read_it(signed_in, partnership):
    teacher = partnership["teacher.nfd"]
    teacher_client = signed_in(teacher)
    visible = list(child_visible_queryset(teacher).values_list("pk", flat=True)[:1])
    response = post(teacher_client, body(children=[str(pk) for pk in visible]))
    assert response.status_code == 201, response.content
    submission = Submission.objects.get()
    assert submission.urgent
    assert submission.agency is not None
    assert [str(link.child_id) for link in submission.children.all()] == [str(pk) for pk in visible]

    police = signed_in(partnership["intel"])
    read = police.get(f"/api/v1/intelligence/submissions/{submission.pk}/").json()
    assert {mention["kind"] for mention in read["mentions"]} == {"person", "phone", "vehicle"}
    vehicle = Entity.objects.get(kind=EntityKind.VEHICLE)
    entity = police.get(f"/api/v1/intelligence/entities/{vehicle.pk}/").json()
    assert entity["submissions"] == [submission.reference]
    network = police.get(f"/api/v1/intelligence/network/entities/{vehicle.pk}/").json()
    assert any(node["focus"] for node in network["nodes"])


def test_a_child_the_sharer_may_not_see_is_refused_and_nothing_is_saved(signed_in, partnership):
    teacher = partnership["teacher.nfd"]
    hidden = Child.objects.exclude(pk__in=child_visible_queryset(teacher)).first()
    assert hidden is not None
    response = post(signed_in(teacher), body(children=[str(hidden.pk)]))
    assert response.status_code == 400
    assert "children" in response.json()["errors"]
    assert Submission.objects.count() == 0


def test_an_empty_narrative_is_named(signed_in, partnership):
    response = post(signed_in(partnership["teacher.nfd"]), body(narrative="  "))
    assert response.status_code == 400
    assert "narrative" in response.json()["errors"]


@pytest.mark.parametrize("username", ["socialworker.nfd", "analyst", "megchair"])
def test_others_cannot_read_a_submission_or_an_entity(signed_in, partnership, username):
    post(signed_in(partnership["teacher.nfd"]), body())
    submission = Submission.objects.get()
    vehicle = Entity.objects.get(kind=EntityKind.VEHICLE)
    client = signed_in(partnership[username])
    before = read_events().count()
    assert client.get(f"/api/v1/intelligence/submissions/{submission.pk}/").status_code == 404
    assert client.get(f"/api/v1/intelligence/entities/{vehicle.pk}/").status_code == 404
    assert client.get(f"/api/v1/intelligence/network/entities/{vehicle.pk}/").status_code == 404
    assert read_events().count() == before


def test_the_submitter_reads_their_own_submission(signed_in, partnership):
    teacher = signed_in(partnership["teacher.nfd"])
    created = post(teacher, body()).json()
    assert teacher.get(f"/api/v1/intelligence/submissions/{created['id']}/").status_code == 200


def test_search_by_api_finds_a_partial_registration_by_another_pattern_and_logs_it(signed_in, partnership):
    post(signed_in(partnership["teacher.nfd"]), body(vehicles=[{"registration": "AB12 C?E"}]))
    police = signed_in(partnership["intel"])
    before = AccessEvent.objects.count()
    found = police.get("/api/v1/intelligence/search", {"q": "A?12CD*", "kind": "vehicle"})
    assert found.status_code == 200, found.content
    answer = found.json()
    assert answer["kinds"] == [{"kind": "vehicle", "total": 1, "shown": 1}]
    assert answer["complete"] is True
    rows = answer["results"]
    assert [(row["kind"], row["submission_reference"]) for row in rows] == [
        ("vehicle", Submission.objects.get().reference)
    ]
    assert "AB12" in rows[0]["summary"]
    assert AccessEvent.objects.count() == before + 1
    assert police.get("/api/v1/intelligence/search", {"q": "AB"}).status_code == 400
    assert police.get("/api/v1/intelligence/search", {"q": "AB12", "kind": "boat"}).status_code == 400
    assert signed_in(partnership["analyst"]).get("/api/v1/intelligence/search", {"q": "AB12"}).status_code == 404
