"""Intelligence in front of the MEG: a police intelligence officer links an entity to a contextual item,
and the item's page and the agenda pack draw the network around it and around the agenda's children,
from intelligence graded P only, naming only the children the reader may see."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AccessAction, AccessEvent
from children.models import Child
from intelligence.inputs import LocationInput, PersonInput, SubmissionInput, VehicleInput
from intelligence.models import Entity, EntityKind, Mention
from intelligence.services.grading import submission_grade
from intelligence.services.people import people_write
from intelligence.services.submissions import submission_record
from meetings.models import ContextualItem, ContextualItemEntity, ContextualKind
from meetings.services.contextual_entities import contextual_item_entity_link
from tests.background import run_queued_tasks
from tests.pdf import pdf_text


def report(*, officer, code: str | None, **fields):
    submission, _ = submission_record(data=SubmissionInput(source="professional", narrative="Seen.", **fields))
    if code is not None:
        submission_grade(
            submission=submission,
            by=officer,
            source_evaluation="2",
            intelligence_assessment="B",
            handling_code=code,
            handling_conditions="Police only." if code == "C" else "",
            outcome="intelligence_log",
            sanitised_summary="A car seen with young people.",
        )
    return submission


@pytest.fixture
def scene(partnership, area, child, meeting):
    officer = partnership["intel"]
    elsewhere = Child.objects.exclude(responsible_authority=area).order_by("reference").first()
    assert elsewhere is not None
    car = VehicleInput(registration="AB12 CDE")
    report(officer=officer, code="P", vehicles=[car], persons=[PersonInput(name="Dean Example")], children=[child.id])
    report(officer=officer, code="P", vehicles=[car], children=[elsewhere.id])
    report(officer=officer, code="C", vehicles=[car], persons=[PersonInput(nickname="Conditioned Name")])
    report(officer=officer, code=None, vehicles=[car], locations=[LocationInput(name="Ungraded Park", kind="park")])
    item = ContextualItem.objects.create(
        area=area, kind=ContextualKind.VEHICLE, title="Silver hatchback", created_by=partnership["megsupport.nfd"]
    )
    vehicle = Entity.objects.get(kind=EntityKind.VEHICLE)
    return {"item": item, "vehicle": vehicle, "child": child, "elsewhere": elsewhere, "officer": officer}


def test_the_officer_links_an_entity_to_a_meg_item_and_removes_the_link(signed_in, partnership, scene):
    client = signed_in(scene["officer"])
    vehicle, item = scene["vehicle"], scene["item"]
    page = client.get(f"/meetings/entities/{vehicle.pk}/").content.decode()
    assert "Vehicle: Silver hatchback (Northfield)" in page

    refused = client.post(f"/meetings/entities/{vehicle.pk}/", {}).content.decode()
    assert "There is a problem" in refused
    assert "Select the MEG item to link this to" in refused
    assert not ContextualItemEntity.objects.exists()

    response = client.post(f"/meetings/entities/{vehicle.pk}/", {"item": item.pk})
    assert response.status_code == 302
    link = ContextualItemEntity.objects.get()
    assert (link.contextual_item, link.entity, link.linked_by) == (item, vehicle, scene["officer"])
    links_page = client.get(f"/meetings/entities/{vehicle.pk}/").content.decode()
    assert "Silver hatchback" in links_page
    entity_page = client.get(f"/intelligence/entities/{vehicle.pk}/").content.decode()
    assert f'href="/meetings/entities/{vehicle.pk}/"' in entity_page  # the entity's page leads to its links

    someone = Entity.objects.create(kind=EntityKind.PHONE, key="+447700900111", label="07700 900111")
    assert client.post(f"/meetings/entities/{someone.pk}/{link.pk}/remove/").status_code == 404
    assert ContextualItemEntity.objects.filter(pk=link.pk).exists()
    client.post(f"/meetings/entities/{vehicle.pk}/{link.pk}/remove/")
    assert not ContextualItemEntity.objects.exists()


@pytest.mark.parametrize("username", ["megsupport.nfd", "megchair", "socialworker.nfd"])
def test_only_police_intelligence_links_intelligence_to_the_meg(signed_in, partnership, scene, username):
    user = partnership[username]
    vehicle, item = scene["vehicle"], scene["item"]
    client = signed_in(user)
    assert client.get(f"/meetings/entities/{vehicle.pk}/").status_code == 404
    assert client.post(f"/meetings/entities/{vehicle.pk}/", {"item": item.pk}).status_code == 404
    with pytest.raises(PermissionDenied):
        contextual_item_entity_link(item=item, entity=vehicle, by=user)
    assert not ContextualItemEntity.objects.exists()


def test_a_closed_item_cannot_be_linked_and_linking_twice_is_one_link(scene):
    item, vehicle, officer = scene["item"], scene["vehicle"], scene["officer"]
    first = contextual_item_entity_link(item=item, entity=vehicle, by=officer)
    assert contextual_item_entity_link(item=item, entity=vehicle, by=officer) == first
    ContextualItem.objects.filter(pk=item.pk).update(closed_at=timezone.now(), closed_reason="Disrupted")
    other = Entity.objects.create(kind=EntityKind.PHONE, key="+447700900999", label="+447700900999")
    with pytest.raises(ValidationError) as refused:
        contextual_item_entity_link(item=item, entity=other, by=officer)
    assert "closed" in str(refused.value)
    assert ContextualItemEntity.objects.count() == 1


def test_the_item_page_draws_only_shareable_intelligence_and_names_only_children_the_reader_may_see(
    signed_in, partnership, scene
):
    item = scene["item"]
    client = signed_in(partnership["megsupport.nfd"])
    unlinked = client.get(f"/meetings/contextual/{item.pk}/").content.decode()
    assert "has not linked this item to intelligence" in unlinked
    assert "<svg" not in unlinked

    contextual_item_entity_link(item=item, entity=scene["vehicle"], by=scene["officer"])
    before = AccessEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    page = client.get(f"/meetings/contextual/{item.pk}/").content.decode()
    assert "<svg" in page
    assert "AB12 CDE" in page
    assert "Dean Example" in page
    assert scene["child"].full_name in page  # on the agenda, so the MEG's business support may see them
    assert scene["elsewhere"].full_name not in page
    assert "A child not named here" in page
    for withheld in ("Conditioned Name", "Ungraded Park"):
        assert withheld not in page
    viewed = [event.object_ids for event in AccessEvent.objects.filter(id__gt=before, action=AccessAction.VIEW)]
    assert [str(scene["child"].id)] in viewed
    assert not any(str(scene["elsewhere"].id) in ids for ids in viewed)


def test_the_agenda_pack_draws_the_network_around_the_agenda_and_each_linked_item(
    signed_in, partnership, scene, meeting
):
    contextual_item_entity_link(item=scene["item"], entity=scene["vehicle"], by=scene["officer"])
    web = signed_in(partnership["megsupport.nfd"])
    web.post(f"/meetings/{meeting.pk}/pack/")
    run_queued_tasks()  # the pack is made by the background worker
    response = web.get(f"/meetings/{meeting.pk}/pack.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    network = text[text.index("Intelligence network") :]
    assert "The network around this agenda" in network
    assert "AB12 CDE" in network
    assert "Dean Example" in network
    assert "A child not named here" in network
    assert scene["elsewhere"].full_name not in text
    for withheld in ("Conditioned Name", "Ungraded Park"):
        assert withheld not in text
    # the item's own picture, in the contextual items section
    assert "What intelligence graded P links to it" in text[text.index("Contextual items (") :]


def test_a_link_follows_a_person_that_linkage_merges_into_another(scene):
    officer, item = scene["officer"], scene["item"]
    for name in ("Jay Sample", "Jason Sample"):
        submission_record(
            data=SubmissionInput(source="professional", narrative="Seen.", persons=[PersonInput(name=name)]),
            link_people=False,
        )
    first, second = Mention.objects.filter(kind=EntityKind.PERSON, attributes__name__endswith="Sample").order_by("id")
    people_write([{first.pk}, {second.pk}])
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.entity_id is not None
    assert second.entity_id is not None
    older, newer = sorted([first.entity_id, second.entity_id])
    for entity_id in (older, newer):
        contextual_item_entity_link(item=item, entity=Entity.objects.get(pk=entity_id), by=officer)
    other = ContextualItem.objects.create(
        area=item.area, kind=ContextualKind.PERPETRATOR, title="Jay", created_by=item.created_by
    )
    contextual_item_entity_link(item=other, entity=Entity.objects.get(pk=newer), by=officer)

    people_write([{first.pk, second.pk}])  # an analyst confirmed they are the same person
    first.refresh_from_db()
    assert first.entity_id == older  # the tie goes to the older entity, which keeps its id
    assert not Entity.objects.filter(pk=newer).exists()
    assert list(other.entity_links.values_list("entity_id", flat=True)) == [older]
    assert list(item.entity_links.filter(entity__kind=EntityKind.PERSON).values_list("entity_id", flat=True)) == [older]
