"""A user's standing (accounts/standing.py): the one answer to which roles a user holds where, that
the gates, the write checks and the menu all take."""

import datetime as dt
from unittest import mock

import pytest

from accounts import standing as standing_module
from accounts.models import Agency, AgencyKind, Area, Membership, Role, Team, TeamKind, User
from accounts.standing import NOBODY, standing_compute, standing_of
from children.access import child_visible_queryset
from meetings.models import MegSchedule
from meetings.services.schedule import meg_meetings_schedule
from tests.factories import confirmed_totp_device


def test_each_demo_role_has_the_standing_its_pages_expect(partnership):
    areas = frozenset(Area.objects.values_list("id", flat=True))
    northfield = partnership["megsupport.nfd"].teams.get().agency.area_id
    screener = standing_of(partnership["screener.nfd"])
    assert screener.is_screener
    assert screener.screener_agency_ids == {partnership["screener.nfd"].teams.get().agency_id}
    assert not screener.is_meg_member
    support = standing_of(partnership["megsupport.nfd"])
    assert support.meg_area_ids == {northfield}
    assert not support.is_meg_chair
    chair = standing_of(partnership["megchair"])
    assert (chair.meg_area_ids, chair.is_meg_chair) == (areas, True)
    assert standing_of(partnership["intel"]).is_intelligence_officer
    assert standing_of(partnership["analyst"]).is_partnership_analyst
    teacher = standing_of(partnership["teacher.nfd"])
    assert not teacher.is_screener
    assert not teacher.is_meg_member
    assert not teacher.is_intelligence_officer
    assert teacher.case_team_ids == {partnership["teacher.nfd"].teams.get().pk}


def test_no_one_signed_out_or_inactive_has_any_standing(partnership):
    from django.contrib.auth.models import AnonymousUser

    assert standing_of(AnonymousUser()) == NOBODY
    worker = partnership["socialworker.nfd"]
    worker.is_active = False
    assert standing_of(worker) == NOBODY
    assert not child_visible_queryset(worker).exists()


def test_business_support_of_an_agency_that_serves_no_one_area_gets_neither_menu_nor_pages(partnership, signed_in):
    """The menu and the pages ask the same standing: they cannot disagree (issue 9)."""
    police = Agency.objects.filter(kind=AgencyKind.POLICE, area__isnull=True).first()
    assert police is not None
    team = Team.objects.create(agency=police, name="Police MEG support", kind=TeamKind.MEG_SUPPORT)
    user = User.objects.create_user(username="megsupport.police", password="x")
    Membership.objects.create(user=user, team=team, role=Role.MEG_BUSINESS_SUPPORT)
    confirmed_totp_device(user)
    assert not standing_of(user).is_meg_member
    web = signed_in(user)
    home = web.get("/").content.decode()
    assert 'href="/meetings/"' not in home
    area = partnership["megsupport.nfd"].teams.get().agency.area
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10), location="Town hall")
    meg = meg_meetings_schedule(area=area, months=1)[0]
    assert web.get(f"/meetings/{meg.pk}/").status_code == 404
    support = signed_in(partnership["megsupport.nfd"])
    assert 'href="/meetings/"' in support.get("/").content.decode()
    assert support.get(f"/meetings/{meg.pk}/").status_code == 200


def test_a_screener_role_outside_a_front_door_team_does_not_open_the_agencys_children(partnership):
    """Screening is the front door's: a screener's role in another team gives no front door sight."""
    worker = partnership["earlyhelp.nfd"]
    before = set(child_visible_queryset(worker).values_list("pk", flat=True))
    Membership.objects.create(user=worker, team=worker.teams.get(), role=Role.SCREENER)
    after = standing_of(worker)
    assert not after.is_screener
    assert after.screener_agency_ids == frozenset()
    # the role is a case role in its own team, so the team's cases stay visible, and nothing more
    assert set(child_visible_queryset(worker).values_list("pk", flat=True)) == before


def test_outside_a_request_a_new_membership_counts_at_once(partnership):
    worker = partnership["teacher.nfd"]
    assert not standing_of(worker).is_meg_member
    support_team = partnership["megsupport.nfd"].teams.get()
    Membership.objects.create(user=worker, team=support_team, role=Role.MEG_BUSINESS_SUPPORT)
    assert standing_of(worker).is_meg_member


@pytest.mark.parametrize("who", ["socialworker.nfd", "screener.nfd"])
def test_a_request_computes_the_standing_once(partnership, signed_in, who):
    user = partnership[who]
    child = child_visible_queryset(user).order_by("reference").first()
    assert child is not None
    web = signed_in(user)
    with mock.patch.object(standing_module, "standing_compute", wraps=standing_compute) as computed:
        assert web.get(f"/children/{child.pk}/").status_code == 200
    assert computed.call_count == 1
