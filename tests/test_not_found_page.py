"""A missing page in the demo answers as production does (core.errors.NotFoundPageMiddleware)."""

import pytest
from django.test import Client

from tests.factories import UserFactory, confirmed_totp_device


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/no-such-page/", "/children/00000000-0000-0000-0000-000000000000/"])
def test_the_demo_answers_a_missing_page_with_the_services_page_not_the_url_patterns(signed_in, settings, path):
    # The demo runs in the development profile (DEBUG on), where Django would list every URL pattern,
    # both for an address that matches none and for a record a view does not find.
    settings.DEBUG = True
    user = UserFactory.create()
    confirmed_totp_device(user)
    response = signed_in(user).get(path)
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    for technical in ("URLconf", "urlpatterns", "Django"):
        assert technical not in body
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_a_missing_api_record_stays_json_in_the_demo(client: Client, settings):
    settings.DEBUG = True
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
