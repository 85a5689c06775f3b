"""Every route declares an access policy, and the public ones are a short, explicit list."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import Client

from core.access_policy import AccessPolicyMiddleware, Policy
from tests.factories import UserFactory
from tests.routes import all_routes

PUBLIC_ROUTES = {"accounts:sign_in", "core:health", "public:start", "public:report", "public:report_sent"}


def test_routes_are_found():
    names = {route.name for route in all_routes()}
    assert {"hub:home", "hub:child", "api:children-list", "api:children-detail", "schema"} <= names
    assert any(route.pattern.startswith("admin/") for route in all_routes())


@pytest.mark.parametrize("route", all_routes(), ids=lambda route: route.pattern)
def test_every_route_declares_an_access_policy(route):
    assert route.policy is not None, f"{route.pattern} ({route.name}) has no access policy"


def test_public_routes_are_exactly_the_allow_list():
    public = {route.name for route in all_routes() if route.policy == Policy.PUBLIC}
    assert public == PUBLIC_ROUTES


def test_undeclared_view_is_refused(rf):
    def undeclared_view(request):
        raise AssertionError("must not run")

    request = rf.get("/somewhere/")
    request.resolver_match = None
    with pytest.raises(PermissionDenied, match="no access policy"):
        AccessPolicyMiddleware(HttpResponse).process_view(request, undeclared_view, (), {})


def _fillable(policy):
    return [route for route in all_routes() if route.policy == policy and route.url() is not None]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route",
    _fillable(Policy.STAFF) + _fillable(Policy.SYSTEM_ADMIN) + _fillable(Policy.SIGNING_IN),
    ids=lambda r: r.pattern,
)
def test_signed_out_pages_redirect_to_sign_in(client: Client, route):
    for method in ("get", "post"):
        response = getattr(client, method)(route.url())
        assert response.status_code == 302, f"{method.upper()} {route.url()} gave {response.status_code}"
        assert response["Location"].startswith("/sign-in/?next="), response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("route", _fillable(Policy.API), ids=lambda r: r.pattern)
def test_signed_out_api_is_refused(client: Client, route):
    for method in ("get", "post"):
        response = getattr(client, method)(route.url())
        assert response.status_code in (401, 403), f"{method.upper()} {route.url()} gave {response.status_code}"


@pytest.mark.django_db
def test_admin_routes_are_refused_to_signed_out_users(client: Client):
    admin_routes = [route for route in all_routes() if route.pattern.startswith("admin/")]
    assert admin_routes
    for route in admin_routes:
        assert route.policy == Policy.SYSTEM_ADMIN, route.pattern
    response = client.get("/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


@pytest.mark.django_db
@pytest.mark.parametrize("route", _fillable(Policy.STAFF) + _fillable(Policy.SYSTEM_ADMIN), ids=lambda r: r.pattern)
def test_password_alone_is_not_enough(client: Client, route):
    """Signed in with a password but no second factor: every staff page sends the user to set one up."""
    user = UserFactory.create()
    client.force_login(user)
    response = client.get(route.url())
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/set-up-authenticator/")


@pytest.mark.django_db
def test_admin_needs_a_system_administrator(signed_in):
    from tests.factories import staff_user

    client = signed_in(staff_user())
    assert client.get("/admin/").status_code == 403
