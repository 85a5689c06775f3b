"""Plans and actions by API: the MEG agrees actions; every agency sees and updates its own only."""

import datetime as dt
from typing import Any

import pytest

from audit.models import AccessEvent
from meetings.models import Action, ActionUpdate
from meetings.tests.test_plans_and_actions import TODAY, agency_of, agree, fall_overdue


def post(client, url: str, body: dict[str, Any]):
    return client.post(url, body, content_type="application/json")


def saved() -> tuple[int, int, int]:
    return Action.objects.count(), ActionUpdate.objects.count(), AccessEvent.objects.count()


@pytest.fixture
def school_action(partnership, plan) -> Action:
    return agree(plan, partnership["megsupport.nfd"], agency_of(partnership["teacher.nfd"]))


def test_the_meg_agrees_an_action_by_api_and_the_owning_agency_updates_it(signed_in, partnership, plan, meeting):
    school = agency_of(partnership["teacher.nfd"])
    support = signed_in(partnership["megsupport.nfd"])
    created = post(
        support,
        f"/api/v1/plans/{plan.pk}/actions",
        {
            "description": "Daily check-in with the safeguarding lead",
            "tactic": "support",
            "owning_agency_id": school.pk,
            "owner_id": partnership["teacher.nfd"].pk,
            "due_on": (TODAY() + dt.timedelta(days=10)).isoformat(),
            "meeting_id": meeting.pk,
        },
    )
    assert created.status_code == 201, created.content
    action_id = created.json()["id"]
    assert created.json()["owning_agency"] == school.name
    assert created.json()["overdue"] is False

    teacher = signed_in(partnership["teacher.nfd"])
    updated = post(teacher, f"/api/v1/actions/{action_id}/updates", {"note": "Met twice this week.", "status": "done"})
    assert updated.status_code == 200, updated.content
    assert updated.json()["status"] == "done"
    assert [u["note"] for u in updated.json()["updates"]] == ["Met twice this week."]
    assert AccessEvent.objects.latest("id").object_ids == [str(plan.child_id)]


def test_only_the_owning_agency_updates_by_api(signed_in, partnership, school_action):
    before = saved()
    support = post(
        signed_in(partnership["megsupport.nfd"]),
        f"/api/v1/actions/{school_action.pk}/updates",
        {"note": "Not ours to say.", "status": "done"},
    )
    assert support.status_code == 403
    nurse = post(
        signed_in(partnership["schoolnurse.nfd"]),
        f"/api/v1/actions/{school_action.pk}/updates",
        {"note": "Not ours either.", "status": "done"},
    )
    assert nurse.status_code == 404
    assert saved()[:2] == before[:2]


def test_another_agency_neither_lists_nor_reads_the_action(signed_in, partnership, school_action):
    nurse = signed_in(partnership["schoolnurse.nfd"])
    assert nurse.get("/api/v1/actions/").json() == []
    assert nurse.get(f"/api/v1/actions/{school_action.pk}/").status_code == 404
    assert nurse.get(f"/api/v1/plans/{school_action.plan_id}/").status_code == 404
    teacher = signed_in(partnership["teacher.nfd"])
    assert [a["id"] for a in teacher.get("/api/v1/actions/").json()] == [school_action.pk]


def test_overdue_actions_by_api(signed_in, partnership, school_action):
    teacher = signed_in(partnership["teacher.nfd"])
    assert teacher.get("/api/v1/actions/?overdue=true").json() == []
    fall_overdue(school_action)
    overdue = teacher.get("/api/v1/actions/?overdue=true").json()
    assert [(a["id"], a["overdue"]) for a in overdue] == [(school_action.pk, True)]
    assert teacher.get("/api/v1/actions/?overdue=maybe").status_code == 400


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"description": ""}, "description"),
        ({"due_on": (TODAY() - dt.timedelta(days=1)).isoformat()}, "due_on"),
        ({"owning_agency_id": 999999}, "owning_agency_id"),
        ({"tactic": "arrest_everyone"}, "tactic"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_actions_are_refused_by_name_and_nothing_is_saved(signed_in, partnership, plan, change, field):
    body = {
        "description": "Weekly visit",
        "tactic": "support",
        "owning_agency_id": agency_of(partnership["teacher.nfd"]).pk,
        "due_on": (TODAY() + dt.timedelta(days=3)).isoformat(),
        **change,
    }
    before = Action.objects.count()
    response = post(signed_in(partnership["megsupport.nfd"]), f"/api/v1/plans/{plan.pk}/actions", body)
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert Action.objects.count() == before


def test_a_plan_shows_the_meg_every_action_and_an_agency_its_own(signed_in, partnership, plan, school_action):
    nurse_agency = agency_of(partnership["schoolnurse.nfd"])
    agree(plan, partnership["megsupport.nfd"], nurse_agency, description="Sexual health appointment")
    support_view = signed_in(partnership["megsupport.nfd"]).get(f"/api/v1/plans/{plan.pk}/").json()
    assert len(support_view["actions"]) == 2
    assert support_view["child_id"] == str(plan.child_id)
