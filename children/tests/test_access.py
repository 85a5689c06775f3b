"""Who may see which child (children/access.py), rule by rule."""

import uuid

import pytest
from django.http import Http404
from django.utils import timezone

from accounts.models import AgencyKind, Role, TeamKind
from children.access import access_child, child_visible_queryset
from tests.factories import (
    AgencyFactory,
    CaseAllocationFactory,
    ChildFactory,
    MembershipFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return AgencyFactory.create(kind=AgencyKind.CHILDRENS_SERVICES)


@pytest.fixture
def social_care(council):
    return TeamFactory.create(agency=council, kind=TeamKind.SOCIAL_CARE)


@pytest.fixture
def child(social_care):
    return ChildFactory.create(holding_team=social_care)


def member(team, role):
    return MembershipFactory.create(team=team, role=role).user


def visible(user):
    return set(child_visible_queryset(user))


@pytest.mark.parametrize(
    "role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.LEAD_WORKER, Role.DESIGNATED_CSE_WORKER, Role.SCREENER]
)
def test_case_roles_in_the_holding_team_see_its_children(social_care, child, role):
    assert visible(member(social_care, role)) == {child}


@pytest.mark.parametrize(
    "role", [Role.PARTNERSHIP_ANALYST, Role.POLICE_INTELLIGENCE, Role.MEG_CHAIR, Role.MEG_BUSINESS_SUPPORT]
)
def test_non_case_roles_see_no_child_even_in_the_holding_team(social_care, child, role):
    assert visible(member(social_care, role)) == set()


def test_another_team_of_the_same_agency_does_not_see_the_case(council, child):
    other_team = TeamFactory.create(agency=council, kind=TeamKind.SOCIAL_CARE)
    assert visible(member(other_team, Role.SOCIAL_WORKER)) == set()


def test_front_door_screeners_see_every_child_their_agency_holds(council, child):
    front_door = TeamFactory.create(agency=council, kind=TeamKind.FRONT_DOOR)
    other_agencys_child = ChildFactory.create()
    assert visible(member(front_door, Role.SCREENER)) == {child}
    assert other_agencys_child not in visible(member(front_door, Role.SCREENER))


def test_an_open_allocation_lets_a_worker_of_another_agency_see_the_child(child):
    school = TeamFactory.create(agency=AgencyFactory.create(kind=AgencyKind.EDUCATION), kind=TeamKind.PARTNER)
    teacher = member(school, Role.LEAD_WORKER)
    assert visible(teacher) == set()
    allocation = CaseAllocationFactory.create(child=child, user=teacher)
    assert visible(teacher) == {child}
    allocation.ended_at = timezone.now()
    allocation.save()
    assert visible(teacher) == set()


def test_system_administrator_without_a_case_role_sees_nothing(child):
    admin = UserFactory.create(is_superuser=True, is_staff=True)
    assert visible(admin) == set()


def test_inactive_user_sees_nothing(social_care, child):
    user = member(social_care, Role.SOCIAL_WORKER)
    user.is_active = False
    user.save()
    assert visible(user) == set()


def test_two_allocations_do_not_duplicate_the_child(child):
    user = UserFactory.create()
    CaseAllocationFactory.create(child=child, user=user, role=Role.LEAD_WORKER)
    CaseAllocationFactory.create(child=child, user=user, role=Role.DESIGNATED_CSE_WORKER)
    assert list(child_visible_queryset(user)) == [child]


def test_missing_and_forbidden_get_the_same_answer(child):
    stranger = member(TeamFactory.create(), Role.SOCIAL_WORKER)
    with pytest.raises(Http404) as forbidden:
        access_child(stranger, child.id)
    with pytest.raises(Http404) as missing:
        access_child(stranger, uuid.uuid4())
    with pytest.raises(Http404) as malformed:
        access_child(stranger, "not-a-uuid")
    assert str(forbidden.value) == str(missing.value) == str(malformed.value)


def test_pages_answer_missing_and_forbidden_identically(signed_in, child):
    from tests.factories import staff_user

    client = signed_in(staff_user())
    forbidden = client.get(f"/children/{child.id}/")
    missing = client.get(f"/children/{uuid.uuid4()}/")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content
    api_forbidden = client.get(f"/api/v1/children/{child.id}/")
    api_missing = client.get(f"/api/v1/children/{uuid.uuid4()}/")
    assert api_forbidden.status_code == api_missing.status_code == 404
    assert api_forbidden.json() == api_missing.json()


def test_need_to_know_names_every_grant_once_and_each_resolves():
    """The grants are one list (decision 0017): each path names a function of the app that owns the
    records it rests on, in that app's access or grants module."""
    from children.access import NEED_TO_KNOW, need_to_know_grants

    assert len(set(NEED_TO_KNOW)) == len(NEED_TO_KNOW)
    grants = need_to_know_grants()
    assert len(grants) == len(NEED_TO_KNOW)
    for path, grant in zip(NEED_TO_KNOW, grants, strict=True):
        module, name = path.rsplit(".", 1)
        assert module.split(".")[-1] in {"access", "grants"}, path
        assert (grant.__module__, grant.__name__) == (module, name)
