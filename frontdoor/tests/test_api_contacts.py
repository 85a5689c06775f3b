"""Contacts by API: who may record one, what is refused and how, and who sees what."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from audit.models import AccessEvent
from children.access import child_visible_queryset
from children.models import Child, ChronologyEntry
from frontdoor.models import Contact, ContactLinkedChild, Task
from frontdoor.tests.test_api_journey import contact_body, post
from tests.factories import read_events

pytestmark = pytest.mark.usefixtures("assessment_tool")


def saved() -> tuple[int, ...]:
    """What a refused request must leave unchanged."""
    return (
        Child.objects.count(),
        Contact.objects.count(),
        ContactLinkedChild.objects.count(),
        ChronologyEntry.objects.count(),
        Task.objects.count(),
        AccessEvent.objects.count(),
    )


def seen_by(user, *, seen: bool = True) -> Child:
    """A child the user may see, or (seen=False) one they may not."""
    visible = child_visible_queryset(user)
    child = (visible if seen else Child.objects.exclude(pk__in=visible)).order_by("reference").first()
    assert child is not None
    return child


@pytest.fixture
def screener(signed_in, partnership):
    return signed_in(partnership["screener.nfd"])


def refused(client, body: Any, **kwargs: Any) -> dict[str, Any]:
    before = saved()
    response = client.post("/api/v1/contacts/", body, content_type="application/json", **kwargs)
    assert response.status_code == 400, response.content
    assert saved() == before
    error: dict[str, Any] = response.json()
    assert set(error) == {"detail", "errors"}
    return error


def test_a_contact_about_a_child_already_recorded(screener, partnership):
    child = seen_by(partnership["screener.nfd"])
    response = post(screener, "/api/v1/contacts/", contact_body(new_child=None, child_id=str(child.id)))
    assert response.status_code == 201, response.json()
    assert response.json()["child"]["reference"] == child.reference
    assert Contact.objects.get(pk=response.json()["id"]).child == child


def test_immediate_risk_puts_999_first(screener, partnership):
    body = contact_body(immediate_risk=True, linked_children=[])
    contact = post(screener, "/api/v1/contacts/", body).json()
    assert [(task["code"], task["status"], task["assigned_to"]) for task in contact["tasks"]] == [
        ("contact_police_999", "open", partnership["screener.nfd"].display_name)
    ]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"warning_signs": ["going_missing", "seems_sad"]}, "warning_signs.1", '"seems_sad" is not a valid choice.'),
        ({"warning_signs": "going_missing"}, "warning_signs", 'Expected a list of items but got type "str".'),
        ({"grooming_models": ["party", "unknown_model"]}, "grooming_models.1", "not a valid choice"),
        ({"grooming_stage": "stage_9"}, "grooming_stage", '"stage_9" is not a valid choice.'),
        ({"setting": "space"}, "setting", '"space" is not a valid choice.'),
        ({"reporter_relationship": "neighbour"}, "reporter_relationship", "not a valid choice"),
        ({"immediate_risk": "no"}, "immediate_risk", "Must be true or false."),
        ({"immediate_risk": None}, "immediate_risk", "This field may not be null."),
        ({"concern": "   "}, "concern", "Enter the concern, in the reporter's words."),
        ({"received_at": "yesterday"}, "received_at", "Datetime has wrong format."),
        ({"received_at": "2025-03-01T14:30:00"}, "received_at", "Include the offset from UTC"),
        ({"reporter_email": "not an email"}, "reporter_email", "Enter a valid email address."),
        ({"reporter_agency": 999999}, "reporter_agency", 'Invalid pk "999999" - object does not exist.'),
        ({"immedate_risk": True}, "immedate_risk", "Unknown field."),
        ({"child_id": "not-a-uuid"}, "child_id", "Must be a valid UUID."),
        ({"linked_children": [{"involvement": "possible_victim"}]}, "linked_children.0.child_id", "Give either"),
        (
            {"linked_children": [{"new_child": {"first_name": "Jade", "last_name": ""}, "involvement": "friend"}]},
            "linked_children.0.involvement",
            '"friend" is not a valid choice.',
        ),
        (
            {"linked_children": [{"new_child": {"first_name": "Jade", "last_name": ""}, "involvement": "not_known"}]},
            "linked_children.0.new_child.last_name",
            "Enter the child's last name, or 'Unknown'.",
        ),
        (
            {"new_child": {"first_name": "Kay", "last_name": "O", "date_of_birth": "2999-01-01"}},
            "new_child.date_of_birth",
            "The date of birth must be today or in the past.",
        ),
        (
            {"new_child": {"first_name": "Kay", "last_name": "O", "learning_disability": "yes"}},
            "new_child.learning_disability",
            'Must be true, false or "not_known".',
        ),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(screener, change, field, message):
    error = refused(screener, contact_body(**change))
    assert field in error["errors"], error
    assert any(message in text for text in error["errors"][field]), error
    assert f"{field}: " in error["detail"]


def test_a_missing_field_is_named(screener):
    body = contact_body()
    del body["concern"]
    del body["immediate_risk"]
    error = refused(screener, body)
    assert error["errors"] == {
        "concern": ["Enter the concern, in the reporter's words."],
        "immediate_risk": ["This field is required."],
    }


def test_a_future_contact_is_refused_by_the_service(screener):
    tomorrow = (timezone.now() + dt.timedelta(days=1)).isoformat()
    error = refused(screener, contact_body(received_at=tomorrow))
    assert error["errors"] == {"received_at": ["The date and time received must be in the past"]}


def test_a_professional_needs_an_organisation(screener):
    error = refused(screener, contact_body(reporter_organisation=""))
    assert error["errors"] == {"reporter_organisation": ["Enter the professional's agency or organisation"]}


@pytest.mark.parametrize("both", [True, False])
def test_both_or_neither_child_is_refused(screener, partnership, both):
    child = seen_by(partnership["screener.nfd"])
    body = contact_body(child_id=str(child.id)) if both else contact_body(new_child=None)
    error = refused(screener, body)
    assert set(error["errors"]) == {"child_id", "new_child"}
    assert "Give either child_id" in error["errors"]["child_id"][0]


def test_a_child_the_screener_may_not_see_is_not_found(screener, partnership):
    other = seen_by(partnership["screener.nfd"], seen=False)
    error = refused(screener, contact_body(new_child=None, child_id=str(other.id)))
    assert error["errors"] == {"child_id": ["No child you can see has this id."]}
    linked = [{"child_id": str(other.id), "involvement": "possible_perpetrator"}]
    error = refused(screener, contact_body(linked_children=linked))
    assert error["errors"] == {"linked_children.0.child_id": ["No child you can see has this id."]}


def test_a_linked_child_refused_by_the_service_saves_nothing_at_all(screener, partnership):
    """The contact's own child is made first; the linked child fails after it; the whole request rolls back."""
    child = seen_by(partnership["screener.nfd"])
    linked = [{"child_id": str(child.id), "involvement": "possible_victim"}]
    error = refused(screener, contact_body(new_child=None, child_id=str(child.id), linked_children=linked))
    assert list(error["errors"]) == ["linked_children"]
    assert "already named in contact" in error["errors"]["linked_children"][0]


@pytest.mark.parametrize(
    "body", ['{"concern": "unterminated', "not json at all", '{"a": 1,}'], ids=["cut", "text", "comma"]
)
def test_malformed_json_is_refused(screener, body):
    error = refused(screener, body)
    assert error["detail"].startswith("JSON parse error")
    assert list(error["errors"]) == ["non_field_errors"]


@pytest.mark.parametrize("body", ["[]", '"a string"', "42", "null"], ids=["list", "string", "number", "null"])
def test_a_body_that_is_not_an_object_is_refused(screener, body):
    error = refused(screener, body)
    assert list(error["errors"]) == ["non_field_errors"]


def test_form_encoded_bodies_are_not_accepted(screener):
    response = screener.post("/api/v1/contacts/", {"concern": "x"})
    assert response.status_code == 415


def test_only_front_door_screeners_record_contacts(signed_in, partnership):
    teacher = signed_in(partnership["teacher.nfd"])
    before = saved()
    response = post(teacher, "/api/v1/contacts/", contact_body())
    assert response.status_code == 403
    assert response.json() == {"detail": "Only front door screeners can record a contact."}
    assert saved() == before


def test_list_shows_own_contacts_newest_first_with_one_event(screener, signed_in, partnership):
    older = post(screener, "/api/v1/contacts/", contact_body(linked_children=[])).json()
    newer = post(
        screener,
        "/api/v1/contacts/",
        contact_body(
            linked_children=[],
            new_child={"first_name": "Amber", "last_name": "Newcomb"},
            received_at=(timezone.now() - dt.timedelta(minutes=1)).isoformat(),
        ),
    ).json()
    before = AccessEvent.objects.count()
    body = screener.get("/api/v1/contacts/").json()
    assert AccessEvent.objects.count() == before + 1
    event = AccessEvent.objects.latest("id")
    assert event.action == "list"
    shown = [row["id"] for row in body["results"]]
    assert shown.index(newer["id"]) < shown.index(older["id"])
    assert {row["child"]["id"] for row in body["results"]} == set(event.object_ids)
    assert set(body) == {"count", "next", "previous", "results"}

    other = signed_in(partnership["screener.sdl"])
    before = AccessEvent.objects.count()
    seen = {row["id"] for row in other.get("/api/v1/contacts/").json()["results"]}
    assert AccessEvent.objects.count() == before + 1
    assert not seen & {older["id"], newer["id"]}


def test_another_agencys_contact_is_not_found(screener, signed_in, partnership):
    contact = post(screener, "/api/v1/contacts/", contact_body()).json()
    for username in ("screener.sdl", "socialworker.sdl", "teacher.nfd", "analyst"):
        client = signed_in(partnership[username])
        before = read_events().count()
        response = client.get(f"/api/v1/contacts/{contact['id']}/")
        assert response.status_code == 404, username
        assert response.json() == {"detail": "No contact found."}
        assert "Ormesby" not in response.content.decode()
        assert read_events().count() == before
    assert screener.get("/api/v1/contacts/999999/").json() == {"detail": "No contact found."}


def test_a_linked_child_is_named_only_to_readers_who_may_see_them(screener, signed_in, partnership):
    """Decision 0015: the teacher may see the contact's child, not the other child it names."""
    teacher = partnership["teacher.nfd"]
    child = seen_by(teacher)
    assert child_visible_queryset(partnership["screener.nfd"]).filter(pk=child.pk).exists()
    linked = [{"new_child": {"first_name": "Orla", "last_name": "Quenby"}, "involvement": "possible_victim"}]
    body = contact_body(new_child=None, child_id=str(child.id), linked_children=linked)
    contact_id = post(screener, "/api/v1/contacts/", body).json()["id"]
    other = ContactLinkedChild.objects.get(contact_id=contact_id).child
    assert not child_visible_queryset(teacher).filter(pk=other.pk).exists()

    web = signed_in(teacher)
    page = web.get(f"/contacts/{contact_id}/").content.decode()
    assert child.full_name in page
    assert "Orla Quenby" not in page
    assert other.reference not in page
    assert "Another child, whose record you cannot see" in page
    data = web.get(f"/api/v1/contacts/{contact_id}/").json()
    assert [(row["child"], row["child_shown"], row["involvement"]) for row in data["linked_children"]] == [
        (None, False, "possible_victim")
    ]
    assert AccessEvent.objects.order_by("-id")[0].object_ids == [str(child.id)]

    shown = screener.get(f"/api/v1/contacts/{contact_id}/").json()["linked_children"][0]
    assert (shown["child"]["last_name"], shown["child_shown"]) == ("Quenby", True)
