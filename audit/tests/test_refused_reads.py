"""Refused reads (docs/security.md): a gate answers "not found" alike for a record that does not
exist and one the reader may not see; the second is logged as an access event of its own kind, so
that a security officer can see someone probing records."""

import uuid

import pytest

from accounts.models import Role
from audit.models import AccessAction, AccessEvent
from tests.factories import ChildFactory, staff_user


@pytest.fixture
def child():
    holder = staff_user(role=Role.SOCIAL_WORKER)
    return ChildFactory.create(holding_team=holder.teams.get(), last_name="Ashdown")


def refusals() -> list[AccessEvent]:
    return list(AccessEvent.objects.filter(action=AccessAction.REFUSED))


@pytest.mark.django_db(transaction=True)  # real commits: the view's transaction rolls back, the event stays
def test_a_refused_page_is_logged_and_answers_exactly_like_a_missing_one(signed_in, child):
    stranger = staff_user(role=Role.SOCIAL_WORKER)
    web = signed_in(stranger)
    refused = web.get(f"/children/{child.id}/", HTTP_USER_AGENT="Probe")
    missing = web.get(f"/children/{uuid.uuid4()}/", HTTP_USER_AGENT="Probe")
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content
    [event] = refusals()
    assert (event.user, event.object_type, event.object_ids, event.channel) == (
        stranger,
        "child",
        [str(child.id)],
        "page",
    )
    assert (event.route, event.user_agent) == (f"/children/{child.id}/", "Probe")
    assert AccessEvent.objects.count() == 1  # nothing was read


@pytest.mark.django_db(transaction=True)
def test_a_refused_api_read_is_logged_and_answers_like_a_missing_one(signed_in, child):
    stranger = staff_user(role=Role.SOCIAL_WORKER)
    web = signed_in(stranger)
    refused = web.get(f"/api/v1/children/{child.id}/")
    missing = web.get(f"/api/v1/children/{uuid.uuid4()}/")
    assert refused.status_code == missing.status_code == 404
    assert refused.json() == missing.json()
    [event] = refusals()
    assert (event.object_ids, event.channel) == ([str(child.id)], "api")


@pytest.mark.django_db
def test_a_refused_write_is_logged_and_changes_nothing(signed_in, child):
    stranger = staff_user(role=Role.SOCIAL_WORKER)
    response = signed_in(stranger).post(f"/challenges/new/{child.id}/", {"concern": "x"})
    assert response.status_code == 404
    assert [event.object_ids for event in refusals()] == [[str(child.id)]]
    assert not child.challenges.exists()


@pytest.mark.django_db
def test_a_missing_record_or_a_malformed_id_is_not_a_refusal(signed_in):
    web = signed_in(staff_user(role=Role.SOCIAL_WORKER))
    assert web.get(f"/children/{uuid.uuid4()}/").status_code == 404
    assert web.get("/meetings/999999/").status_code == 404
    assert web.get("/api/v1/contacts/999999/").status_code == 404
    assert not AccessEvent.objects.exists()
