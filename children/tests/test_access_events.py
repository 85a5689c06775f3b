"""Every read of a child record writes exactly one access event, in the same transaction."""

import pytest
from rest_framework.authtoken.models import Token

from accounts.models import Role
from audit.models import AccessEvent
from tests.factories import CaseAllocationFactory, ChildFactory, ChronologyEntryFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker():
    return staff_user(role=Role.SOCIAL_WORKER)


@pytest.fixture
def child(worker):
    child = ChildFactory.create(holding_team=worker.teams.get(), last_name="Ashdown")
    ChronologyEntryFactory.create(child=child)
    return child


def only_event():
    events = list(AccessEvent.objects.all())
    assert len(events) == 1, f"expected exactly one access event, found {len(events)}"
    return events[0]


def test_child_page_writes_one_view_event(signed_in, worker, child):
    response = signed_in(worker).get(f"/children/{child.id}/", HTTP_USER_AGENT="Test browser")
    assert response.status_code == 200
    event = only_event()
    assert (event.user, event.action, event.object_type, event.object_ids) == (worker, "view", "child", [str(child.id)])
    assert (event.channel, event.route, event.ip_address, event.user_agent) == (
        "page",
        f"/children/{child.id}/",
        "127.0.0.1",
        "Test browser",
    )


def test_api_detail_writes_one_view_event(signed_in, worker, child):
    response = signed_in(worker).get(f"/api/v1/children/{child.id}/")
    assert response.status_code == 200
    event = only_event()
    assert (event.action, event.channel, event.object_ids) == ("view", "api", [str(child.id)])


def test_api_list_writes_one_event_naming_every_child_shown(signed_in, worker, child):
    second = ChildFactory.create(holding_team=child.holding_team)
    response = signed_in(worker).get("/api/v1/children/")
    assert response.status_code == 200
    event = only_event()
    assert event.action == "list"
    assert sorted(event.object_ids) == sorted([str(child.id), str(second.id)])


def test_search_writes_one_event_with_the_terms_and_the_results(signed_in, worker, child):
    response = signed_in(worker).get("/children/", {"name": "ashdown"})
    assert child.first_name in response.content.decode()
    event = only_event()
    assert event.action == "search"
    assert event.query["name"] == "ashdown"
    assert event.object_ids == [str(child.id)]


def test_search_with_no_results_is_still_logged(signed_in, worker, child):
    signed_in(worker).get("/children/", {"name": "nobody-by-this-name"})
    assert only_event().object_ids == []


def test_home_page_logs_the_allocated_children_it_lists(signed_in, worker, child):
    CaseAllocationFactory.create(child=child, user=worker, role=Role.SOCIAL_WORKER)
    response = signed_in(worker).get("/")
    assert child.full_name in response.content.decode()
    event = only_event()
    assert (event.action, event.object_ids) == ("list", [str(child.id)])


def test_home_page_with_no_children_writes_no_event(signed_in, worker):
    signed_in(worker).get("/")
    assert not AccessEvent.objects.exists()


def test_a_refused_read_shows_nothing_and_logs_no_read_only_the_refusal(signed_in, child):
    stranger = staff_user()
    assert signed_in(stranger).get(f"/children/{child.id}/").status_code == 404
    event = only_event()
    assert (event.user, event.action, event.object_type, event.object_ids) == (
        stranger,
        "refused",
        "child",
        [str(child.id)],
    )


def test_token_api_read_is_logged_against_the_token_user(client, worker, child):
    token = Token.objects.create(user=worker)
    response = client.get(f"/api/v1/children/{child.id}/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert only_event().user == worker


def test_event_rolls_back_with_a_failed_read(worker, child, monkeypatch):
    """The event and the read share one transaction: if the read fails, no event is left behind."""
    from audit.services import access_event_record
    from children import selectors
    from core.request_context import AccessContext

    monkeypatch.setattr(selectors, "access_event_record", _record_then_fail(access_event_record))
    with pytest.raises(RuntimeError):
        selectors.child_detail_read(user=worker, child_id=child.id, context=AccessContext(channel="page"))
    assert not AccessEvent.objects.exists()


def _record_then_fail(record):
    def wrapper(**kwargs):
        record(**kwargs)
        raise RuntimeError("failed after writing the event")

    return wrapper
