"""Entities: what resolution gathers from their mentions, the batch that recomputes keys and links with
the current rules, and the entity page with what was mentioned alongside."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Role, TeamKind
from audit.models import AccessAction, AccessEvent
from intelligence.inputs import LocationInput, PersonInput, SubmissionInput, VehicleInput
from intelligence.models import Entity, EntityKind, Grading, Mention
from intelligence.services.resolution import entities_resolve_all, entity_description
from intelligence.services.submissions import submission_record
from tests.factories import TeamFactory, read_events, staff_user


def record(reference, *, days_ago=1, **values):
    data = SubmissionInput(
        source="community",
        narrative="Two girls got into the car outside the takeaway.",
        reference=reference,
        received_at=timezone.now() - dt.timedelta(days=days_ago),
        **values,
    )
    return submission_record(data=data)[0]


@pytest.fixture
def officer(db):
    return staff_user(team=TeamFactory.create(kind=TeamKind.POLICE_INTELLIGENCE), role=Role.POLICE_INTELLIGENCE)


@pytest.fixture
def car(db):
    record("INT-1", days_ago=5, vehicles=[VehicleInput(registration="ab12 cde", make="Ford", colour="silver")])
    record(
        "INT-2",
        days_ago=3,
        vehicles=[VehicleInput(registration="AB12CDE", make="ford", model="Focus", colour="Grey")],
        persons=[PersonInput(name="Dean Example", phones=["07700 900123"])],
        locations=[LocationInput(name="Kebab King", postcode="DL1 5QZ", kind="takeaway")],
    )
    record("INT-3", vehicles=[VehicleInput(registration="AB 12 CDE", colour="Silver", marks="Dent in rear door")])
    return Entity.objects.get(kind=EntityKind.VEHICLE)


def test_a_vehicle_gathers_what_its_mentions_say(car):
    assert car.key == "AB12CDE"
    assert car.label == "AB12 CDE"
    assert car.attributes == {
        "registration": "AB12 CDE",
        "format": "current",
        "make": ["Ford"],
        "model": ["Focus"],
        "colour": ["silver", "Grey"],
        "marks": ["Dent in rear door"],
    }


def test_each_kind_is_described_from_its_mentions():
    assert entity_description(EntityKind.PHONE, "+447700900123", []) == (
        "07700 900123",
        {"number": "07700 900123", "e164": "+447700900123", "unread": False},
    )
    assert entity_description(EntityKind.ONLINE_ACCOUNT, "snapchat:deano_99", [])[0] == "deano_99 (Snapchat)"
    label, attributes = entity_description(
        EntityKind.LOCATION, "DL1 5QZ|kebab king", [{"name": "Kebab King", "kind": "takeaway"}, {"name": "kebab king"}]
    )
    assert label == "Kebab King, DL1 5QZ"
    assert attributes == {"names": ["Kebab King"], "postcode": "DL1 5QZ", "kinds": ["takeaway"]}


def test_batch_resolution_recomputes_keys_and_changes_nothing_the_second_time(car):
    # A mention stored under an older rule: a stale key and no entity.
    stale = Mention.objects.get(submission__reference="INT-3", kind=EntityKind.VEHICLE)
    Mention.objects.filter(pk=stale.pk).update(key="ab 12 cde", entity=None, search_text="")
    Entity.objects.create(kind=EntityKind.VEHICLE, key="ab 12 cde", label="old")
    Entity.objects.filter(pk=car.pk).update(label="out of date")
    stages = []

    first = entities_resolve_all(progress=lambda stage, done, total: stages.append((stage, done, total)))
    stale.refresh_from_db()
    car.refresh_from_db()
    assert (stale.key, stale.entity_id, stale.search_text) == ("AB12CDE", car.pk, "ab12cde silver")
    assert car.label == "AB12 CDE"
    assert not Entity.objects.filter(key="ab 12 cde").exists()  # no mention resolves to it any more
    assert (first.keys_changed, first.entities_removed) == (1, 1)
    assert first.links_changed >= 1
    assert first.entities_updated >= 1
    assert stages[-1][1] == stages[-1][2]

    entities = list(Entity.objects.values_list("id", "kind", "key", "label", "attributes"))
    links = list(Mention.objects.values_list("id", "key", "entity_id"))
    again = entities_resolve_all()
    assert (again.keys_changed, again.links_changed, again.entities_created) == (0, 0, 0)
    assert (again.entities_updated, again.entities_removed) == (0, 0)
    assert list(Entity.objects.values_list("id", "kind", "key", "label", "attributes")) == entities
    assert list(Mention.objects.values_list("id", "key", "entity_id")) == links


def test_batch_resolution_leaves_people_to_linkage(car):
    person = Mention.objects.get(kind=EntityKind.PERSON)
    linked = Entity.objects.create(kind=EntityKind.PERSON, label="Dean Example")
    Mention.objects.filter(pk=person.pk).update(entity=linked)
    entities_resolve_all()
    person.refresh_from_db()
    assert person.entity_id == linked.pk
    assert Entity.objects.filter(pk=linked.pk, label="Dean Example").exists()


def test_the_entity_page_shows_every_mention_and_what_was_mentioned_with_it(signed_in, officer, car):
    graded = Mention.objects.get(submission__reference="INT-2", kind=EntityKind.VEHICLE).submission
    Grading.objects.create(
        submission=graded,
        source_evaluation="1",
        intelligence_assessment="A",
        handling_code="C",
        handling_conditions="Not to be shared outside the MEG.",
        outcome="crime_desk",
        sanitised_summary="A car of interest.",
        graded_by=officer,
    )
    response = signed_in(officer).get(f"/intelligence/entities/{car.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Vehicle: AB12 CDE" in page
    assert "Current (since 2001)" in page
    assert "silver, Grey" in page
    for reference in ("INT-1", "INT-2", "INT-3"):
        assert reference in page
    assert "1A C" in page
    assert "Not graded" in page
    assert "Community report" in page
    phone = Entity.objects.get(kind=EntityKind.PHONE)
    place = Entity.objects.get(kind=EntityKind.LOCATION)
    assert f'href="/intelligence/entities/{phone.pk}/">07700 900123</a>' in page
    assert "Kebab King, DL1 5QZ" in page
    assert f'href="/intelligence/entities/{place.pk}/"' in page


def test_the_entity_page_is_an_access_event(signed_in, officer, car):
    signed_in(officer).get(f"/intelligence/entities/{car.pk}/")
    viewed = AccessEvent.objects.get(action=AccessAction.VIEW)
    assert (viewed.object_type, viewed.object_ids, viewed.user) == ("entity", [str(car.pk)], officer)
    listed = AccessEvent.objects.get(action=AccessAction.LIST)
    assert listed.object_type == "submission"
    assert sorted(listed.object_ids) == sorted(str(m.submission_id) for m in car.mentions.all())


@pytest.mark.django_db
def test_a_missing_or_forbidden_entity_is_not_found(signed_in, officer, car):
    assert signed_in(officer).get("/intelligence/entities/999999/").status_code == 404
    worker = staff_user(team=TeamFactory.create(kind=TeamKind.SOCIAL_CARE), role=Role.SOCIAL_WORKER)
    response = signed_in(worker).get(f"/intelligence/entities/{car.pk}/")
    assert response.status_code == 404
    assert "AB12 CDE" not in response.content.decode()
    assert not read_events().exists()
