"""A user of one agency cannot read, list, search or export another agency's child records
through any route: every route is tried, with the other agency's child's id and search terms."""

import pytest
from django.urls.converters import UUIDConverter

from accounts.models import AgencyKind, Role, TeamKind
from core.access_policy import Policy
from tests.factories import AgencyFactory, ChildFactory, TeamFactory, UserFactory, confirmed_totp_device, staff_user
from tests.routes import all_routes

ROLES_AND_TEAMS = [
    (Role.SCREENER, TeamKind.FRONT_DOOR),
    (Role.SOCIAL_WORKER, TeamKind.SOCIAL_CARE),
    (Role.TEAM_MANAGER, TeamKind.SOCIAL_CARE),
    (Role.LEAD_WORKER, TeamKind.EARLY_HELP),
    (Role.DESIGNATED_CSE_WORKER, TeamKind.DESIGNATED_CSE),
    (Role.MEG_CHAIR, TeamKind.POLICE_SAFEGUARDING),
    (Role.MEG_BUSINESS_SUPPORT, TeamKind.MEG_SUPPORT),
    (Role.POLICE_INTELLIGENCE, TeamKind.POLICE_INTELLIGENCE),
    (Role.PARTNERSHIP_ANALYST, TeamKind.ANALYSTS),
]


def test_every_role_is_tried():
    assert {role for role, _ in ROLES_AND_TEAMS} == set(Role)


def _readable_routes():
    return [
        route
        for route in all_routes()
        if route.policy in (Policy.STAFF, Policy.API, Policy.SYSTEM_ADMIN) and route.url() is not None
    ]


@pytest.fixture
def other_agencys_child():
    """A child held by a social care team of another agency, with a name nobody else has."""
    other_agency = AgencyFactory.create(kind=AgencyKind.CHILDRENS_SERVICES)
    return ChildFactory.create(
        holding_team=TeamFactory.create(agency=other_agency, kind=TeamKind.SOCIAL_CARE),
        first_name="Quillon",
        last_name="Vexmoor",
        reference="OTH-424242",
        nhs_number="9434765919",
    )


def _assert_nothing_leaks(client, child):
    # Each search names the child one way; the page must not show any of the other ways.
    searches = [
        (f"?name={child.last_name}&q={child.last_name}&search={child.last_name}", [child.first_name, child.reference]),
        (f"?identifier={child.reference}&q={child.reference}", [child.first_name, child.last_name]),
        (f"?identifier={child.nhs_number}&q={child.nhs_number}", [child.first_name, child.last_name]),
    ]
    tried = 0
    for route in _readable_routes():
        url = route.url(child_id=child.id)
        for query, secrets in searches:
            response = client.get(url + query, follow=False)
            tried += 1
            body = response.content.decode(errors="replace")
            for secret in secrets:
                assert secret not in body, f"GET {url}{query} showed {secret!r} of another agency's child"
            if any(isinstance(converter, UUIDConverter) for converter in route.converters.values()):
                assert response.status_code in (302, 403, 404), f"GET {url} gave {response.status_code}"
    assert tried > 5


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "team_kind"), ROLES_AND_TEAMS)
def test_no_route_shows_another_agencys_child(signed_in, other_agencys_child, role, team_kind):
    own_agency = AgencyFactory.create(kind=AgencyKind.CHILDRENS_SERVICES)
    user = staff_user(team=TeamFactory.create(agency=own_agency, kind=team_kind), role=role)
    ChildFactory.create(holding_team=user.teams.get())  # the user's own agency has children too
    _assert_nothing_leaks(signed_in(user), other_agencys_child)


@pytest.mark.django_db
def test_system_administrator_without_a_case_role_sees_no_child(signed_in, other_agencys_child):
    admin = UserFactory.create(is_staff=True, is_superuser=True)
    confirmed_totp_device(admin)
    _assert_nothing_leaks(signed_in(admin), other_agencys_child)
