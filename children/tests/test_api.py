"""The children API, through real HTTP requests."""

import pytest
from rest_framework.authtoken.models import Token

from accounts.models import Role
from tests.factories import ChildFactory, ChronologyEntryFactory, MissingEpisodeFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker():
    return staff_user(role=Role.SOCIAL_WORKER)


def test_list_shows_only_visible_children(signed_in, worker):
    mine = ChildFactory.create(holding_team=worker.teams.get())
    ChildFactory.create()  # another team's
    body = signed_in(worker).get("/api/v1/children/").json()
    assert body["count"] == 1
    assert [row["id"] for row in body["results"]] == [str(mine.id)]
    assert body["results"][0]["reference"] == mine.reference


def test_detail_includes_chronology_and_missing_episodes(signed_in, worker):
    child = ChildFactory.create(holding_team=worker.teams.get())
    ChronologyEntryFactory.create(child=child, summary="Seen at the bus station late at night.")
    MissingEpisodeFactory.create(child=child, where_found="Takeaway on the high street")
    body = signed_in(worker).get(f"/api/v1/children/{child.id}/").json()
    assert body["chronology"][0]["summary"] == "Seen at the bus station late at night."
    assert body["missing_episodes"][0]["where_found"] == "Takeaway on the high street"


def test_detail_of_a_child_not_visible_is_404(signed_in, worker):
    child = ChildFactory.create()
    assert signed_in(worker).get(f"/api/v1/children/{child.id}/").status_code == 404


def test_unauthenticated_request_is_refused_with_401(client):
    response = client.get("/api/v1/children/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_session_without_second_factor_is_refused(client, worker):
    client.force_login(worker)
    assert client.get("/api/v1/children/").status_code == 403


def test_token_authenticates(client, worker):
    ChildFactory.create(holding_team=worker.teams.get())
    token = Token.objects.create(user=worker)
    response = client.get("/api/v1/children/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_token_of_an_inactive_user_is_refused(client):
    user = UserFactory.create(is_active=False)
    token = Token.objects.create(user=user)
    assert client.get("/api/v1/children/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 401


def test_writes_are_not_allowed(signed_in, worker):
    child = ChildFactory.create(holding_team=worker.teams.get())
    client = signed_in(worker)
    assert client.post("/api/v1/children/", {}).status_code in (403, 405)
    assert client.delete(f"/api/v1/children/{child.id}/").status_code in (403, 405)


def test_schema_and_docs_are_served_to_signed_in_staff(signed_in, worker):
    client = signed_in(worker)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/children/" in paths
    assert "/api/v1/children/{child_id}/" in paths
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
    directives = dict(part.strip().split(" ", 1) for part in docs["Content-Security-Policy"].split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self' 'unsafe-inline'"


def test_schema_is_refused_to_anonymous_users(client):
    assert client.get("/api/schema/").status_code == 401
