"""Meetings and agendas by API: the same gate and the same access log as the pages."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Area
from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from audit.models import AccessEvent
from children.models import Child
from meetings.models import Meeting, MeetingKind


@pytest.fixture
def meg(partnership) -> Meeting:
    area = Area.objects.get(code__iexact="nfd")
    return Meeting.objects.create(kind=MeetingKind.MEG, area=area, starts_at=timezone.now() + dt.timedelta(days=9))


@pytest.fixture
def high_risk(partnership) -> dict[str, Child]:
    children = {}
    for code in ("nfd", "sdl"):
        child = Child.objects.filter(responsible_authority__code__iexact=code).order_by("reference").first()
        assert child is not None
        risk_level_record(
            child=child, level=RiskLevel.HIGH, by=partnership["screener.nfd"], source=RiskLevelSource.ASSESSMENT
        )
        children[code] = child
    return children


def test_the_agenda_by_api_lists_the_areas_medium_and_high_risk_children_and_logs_it(
    signed_in, partnership, meg, high_risk
):
    client = signed_in(partnership["megsupport.nfd"])
    before = AccessEvent.objects.count()
    response = client.get(f"/api/v1/meetings/{meg.pk}/agenda-items")
    assert response.status_code == 200
    body = response.json()
    assert body["frozen"] is False
    assert [child["child_id"] for child in body["children"]] == [str(high_risk["nfd"].id)]
    assert body["children"][0]["level"] == "high"
    assert AccessEvent.objects.count() == before + 1
    event = AccessEvent.objects.latest("id")
    assert event.channel == "api"
    assert event.object_ids == [str(high_risk["nfd"].id)]


def test_meetings_are_listed_to_those_who_may_see_them(signed_in, partnership, meg):
    ids = [meeting["id"] for meeting in signed_in(partnership["megsupport.nfd"]).get("/api/v1/meetings/").json()]
    assert meg.pk in ids
    assert signed_in(partnership["megsupport.sdl"]).get("/api/v1/meetings/").json() == []
    assert signed_in(partnership["megchair"]).get(f"/api/v1/meetings/{meg.pk}/").json()["kind"] == "meg"


@pytest.mark.parametrize("username", ["megsupport.sdl", "socialworker.nfd", "analyst", "intel"])
def test_a_meeting_outside_the_users_need_to_know_is_not_found(signed_in, partnership, meg, username):
    client = signed_in(partnership[username])
    assert client.get(f"/api/v1/meetings/{meg.pk}/").status_code == 404
    assert client.get(f"/api/v1/meetings/{meg.pk}/agenda-items").status_code == 404
    assert client.get("/api/v1/meetings/999999/").status_code == 404


def test_a_strategy_meeting_is_seen_by_whoever_may_see_its_child(signed_in, partnership):
    social_worker = partnership["socialworker.nfd"]
    child = Child.objects.filter(holding_team__memberships__user=social_worker).first()
    assert child is not None
    meeting = Meeting.objects.create(
        kind=MeetingKind.STRATEGY, area=child.responsible_authority, child=child, starts_at=timezone.now()
    )
    listed = signed_in(social_worker).get("/api/v1/meetings/").json()
    assert [(item["id"], item["child_id"]) for item in listed] == [(meeting.pk, str(child.id))]
    assert AccessEvent.objects.latest("id").object_ids == [str(child.id)]
    assert signed_in(partnership["socialworker.sdl"]).get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404
    assert signed_in(partnership["megsupport.nfd"]).get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404


def test_the_api_refuses_a_request_without_credentials(client, meg):
    assert client.get(f"/api/v1/meetings/{meg.pk}/agenda-items").status_code == 401
