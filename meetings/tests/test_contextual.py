"""Contextual items (issue 4, item 2): the MEG's business support officer records the places, suspected
perpetrators, vehicles and peer groups the MEG discusses, and links them to the children they affect."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from audit.models import AccessEvent
from children.models import Child
from meetings.models import ContextualItem, MegSchedule
from meetings.selectors.agenda import meeting_agenda
from meetings.services.contextual import contextual_item_close, contextual_item_create, contextual_item_update
from meetings.services.schedule import meg_meetings_schedule


def high_risk(partnership, code):
    child = Child.objects.filter(responsible_authority__code__iexact=code).order_by("reference").first()
    assert child is not None
    risk_level_record(
        child=child, level=RiskLevel.HIGH, by=partnership[f"screener.{code}"], source=RiskLevelSource.ASSESSMENT
    )
    return child


@pytest.fixture
def nfd_child(partnership):
    return high_risk(partnership, "nfd")


@pytest.fixture
def sdl_child(partnership):
    return high_risk(partnership, "sdl")


@pytest.fixture
def meeting(partnership):
    area = partnership["megsupport.nfd"].teams.get().agency.area
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10))
    return meg_meetings_schedule(area=area, months=2)[0]


def events_naming(child) -> int:
    return sum(1 for event in AccessEvent.objects.all() if str(child.pk) in event.object_ids)


def test_business_support_adds_an_item_linked_to_a_child_and_sees_it(signed_in, partnership, nfd_child, meeting):
    web = signed_in(partnership["megsupport.nfd"])
    form = web.get(f"/meetings/{meeting.pk}/contextual/new/").content.decode()
    assert nfd_child.full_name in form  # the agenda's children are offered
    response = web.post(
        f"/meetings/{meeting.pk}/contextual/new/",
        {
            "kind": "location",
            "title": "Takeaway on Station Road",
            "description": "Young people seen there late at night.",
            "children": [str(nfd_child.pk)],
        },
    )
    item = ContextualItem.objects.get()
    assert response["Location"] == f"/meetings/contextual/{item.pk}/"
    assert list(item.children.all()) == [nfd_child]
    before = events_naming(nfd_child)
    page = web.get(f"/meetings/contextual/{item.pk}/").content.decode()
    assert "Takeaway on Station Road" in page
    assert nfd_child.full_name in page
    assert events_naming(nfd_child) == before + 1
    listing = web.get(f"/meetings/{meeting.pk}/contextual/").content.decode()
    assert "Takeaway on Station Road" in listing
    assert item in meeting_agenda(meeting=meeting).contextual_items


def test_editing_keeps_links_to_children_the_editor_may_not_see(signed_in, partnership, nfd_child, sdl_child, meeting):
    chair, support = partnership["megchair"], partnership["megsupport.nfd"]
    item = contextual_item_create(
        area=meeting.area, by=chair, kind="vehicle", title="Silver hatchback", children=[nfd_child, sdl_child]
    )
    web = signed_in(support)
    page = web.get(f"/meetings/contextual/{item.pk}/").content.decode()
    assert nfd_child.full_name in page
    assert sdl_child.full_name not in page  # a Southdale child: not for Northfield's officer
    response = web.post(
        f"/meetings/contextual/{item.pk}/edit/",
        {"kind": "vehicle", "title": "Silver hatchback, registration starting AB12", "description": "", "children": []},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Silver hatchback, registration starting AB12"
    assert set(item.children.all()) == {sdl_child}


def test_closing_needs_a_reason_and_takes_the_item_off_the_agenda(signed_in, partnership, meeting):
    support = partnership["megsupport.nfd"]
    item = contextual_item_create(area=meeting.area, by=support, kind="peer_group", title="Skate park group")
    web = signed_in(support)
    errors = web.post(f"/meetings/contextual/{item.pk}/close/", {"reason": " "}).content.decode()
    assert "Say why the item is closed" in errors
    assert "<title>Error: " in errors
    item.refresh_from_db()
    assert item.closed_at is None
    web.post(f"/meetings/contextual/{item.pk}/close/", {"reason": "Group has dispersed."})
    item.refresh_from_db()
    assert item.closed_reason == "Group has dispersed."
    assert item not in meeting_agenda(meeting=meeting).contextual_items
    assert "Group has dispersed." in web.get(f"/meetings/contextual/{item.pk}/").content.decode()
    assert web.get(f"/meetings/contextual/{item.pk}/edit/").status_code == 404
    with pytest.raises(ValidationError, match="already closed"):
        contextual_item_close(item=item, by=support, reason="Again")


def test_bad_input_is_named_and_nothing_is_saved(signed_in, partnership, sdl_child, meeting):
    web = signed_in(partnership["megsupport.nfd"])
    url = f"/meetings/{meeting.pk}/contextual/new/"
    body = web.post(url, {"kind": "location", "title": ""}).content.decode()
    assert "Enter a short name for the item" in body
    body = web.post(url, {"title": "A park"}).content.decode()
    assert "Select what the item is" in body
    body = web.post(url, {"kind": "location", "title": "A park", "children": [str(sdl_child.pk)]}).content.decode()
    assert "Select only children from the list" in body
    with pytest.raises(ValidationError, match="Select only children"):
        contextual_item_create(
            area=meeting.area, by=partnership["megsupport.nfd"], kind="location", title="A", children=[sdl_child]
        )
    assert ContextualItem.objects.count() == 0


def test_contextual_items_are_the_megs_only(signed_in, partnership, meeting):
    item = contextual_item_create(area=meeting.area, by=partnership["megsupport.nfd"], kind="location", title="Park")
    assert signed_in(partnership["socialworker.nfd"]).get(f"/meetings/{meeting.pk}/contextual/").status_code == 403
    assert signed_in(partnership["teacher.nfd"]).get(f"/meetings/contextual/{item.pk}/").status_code == 404
    other_area = signed_in(partnership["megsupport.sdl"])
    assert other_area.get(f"/meetings/contextual/{item.pk}/").status_code == 404
    assert other_area.post(f"/meetings/contextual/{item.pk}/close/", {"reason": "x"}).status_code == 404
    with pytest.raises(PermissionDenied):
        contextual_item_update(
            item=item, by=partnership["megsupport.sdl"], kind="location", title="Changed", description="", children=[]
        )
    item.refresh_from_db()
    assert (item.title, item.closed_at) == ("Park", None)
