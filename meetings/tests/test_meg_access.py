"""MEG members see the children on the agenda, and only while they are on it (DESIGN.md, access)."""

import datetime as dt

import pytest

from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from children.access import child_visible_queryset
from children.models import Child
from meetings.models import MegSchedule, RemovalReason
from meetings.services.agenda import agenda_removal_record
from meetings.services.schedule import meg_meetings_schedule


@pytest.fixture
def high_risk_children(partnership):
    screener = partnership["screener.nfd"]
    children = {}
    for code in ("nfd", "sdl"):
        child = Child.objects.filter(responsible_authority__code__iexact=code).order_by("reference").first()
        assert child is not None
        risk_level_record(child=child, level=RiskLevel.HIGH, by=screener, source=RiskLevelSource.ASSESSMENT)
        children[code] = child
    return children


def visible(user) -> set[Child]:
    return set(child_visible_queryset(user))


def test_business_support_sees_its_own_areas_agenda_only(partnership, high_risk_children):
    support = partnership["megsupport.nfd"]
    assert visible(support) == {high_risk_children["nfd"]}


def test_the_chair_sees_every_areas_agenda(partnership, high_risk_children):
    assert visible(partnership["megchair"]) == set(high_risk_children.values())


def test_sight_ends_when_the_child_comes_off_the_agenda(partnership, high_risk_children):
    support = partnership["megsupport.nfd"]
    child = high_risk_children["nfd"]
    MegSchedule.objects.create(area=child.responsible_authority, week=1, weekday=1, starts_at=dt.time(10))
    meeting = meg_meetings_schedule(area=child.responsible_authority, months=1)[0]
    agenda_removal_record(meeting=meeting, child=child, reason=RemovalReason.MOVED_AWAY, note="", by=support)
    assert visible(support) == set()


def test_other_roles_gain_nothing_from_the_agenda(partnership, high_risk_children):
    assert visible(partnership["analyst"]) == set()
    assert visible(partnership["intel"]) == set()


@pytest.fixture
def meeting(partnership):
    area = partnership["megsupport.nfd"].teams.get().agency.area
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10), location="Town hall")
    return meg_meetings_schedule(area=area, months=2)[0]


def test_business_support_runs_the_agenda_through_the_pages(signed_in, partnership, high_risk_children, meeting):
    from audit.models import AccessEvent

    web = signed_in(partnership["megsupport.nfd"])
    child = high_risk_children["nfd"]
    assert "Town hall" in web.get("/meetings/").content.decode()
    before = AccessEvent.objects.count()
    page = web.get(f"/meetings/{meeting.pk}/").content.decode()
    assert child.full_name in page
    assert high_risk_children["sdl"].full_name not in page
    assert AccessEvent.objects.count() == before + 1
    errors = web.post(f"/meetings/{meeting.pk}/remove/{child.id}/", {"reason": "other"}).content.decode()
    assert "Say why the child comes off the agenda" in errors
    response = web.post(f"/meetings/{meeting.pk}/remove/{child.id}/", {"reason": "turned_18"})
    assert response["Location"] == f"/meetings/{meeting.pk}/"
    assert child.chronology.filter(kind="meeting", summary__icontains="turned 18").exists()


def test_meetings_are_closed_to_other_roles_and_areas(signed_in, partnership, meeting):
    page = signed_in(partnership["socialworker.nfd"]).get("/meetings/")
    assert page.status_code == 200
    assert "No meetings are planned for you" in page.content.decode()
    assert signed_in(partnership["megsupport.sdl"]).get(f"/meetings/{meeting.pk}/").status_code == 404


def test_the_menu_offers_meetings_to_meg_members_and_case_workers_only(signed_in, partnership):
    """Decision 0036: the list holds the MEGs of MEG members and the strategy and multi-agency meetings
    about the children a case worker sees; the roles that see neither are not offered it."""
    for username in ("megsupport.nfd", "megchair", "socialworker.nfd", "teacher.nfd"):
        assert 'href="/meetings/"' in signed_in(partnership[username]).get("/").content.decode(), username
    for username in ("intel", "analyst", "admin"):
        assert 'href="/meetings/"' not in signed_in(partnership[username]).get("/").content.decode(), username
