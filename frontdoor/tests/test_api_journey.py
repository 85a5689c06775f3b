"""The front door's whole journey by API, through real HTTP requests: a contact with a linked child, its
screening, the routing decision, the tasks on the right teams' worklists, and the meeting decision
that releases the tasks waiting for it. Every read writes exactly one access event."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from assessments.models import Assessment, RiskLevelRecord
from audit.models import AccessEvent
from children.models import Child
from frontdoor.models import Contact, Task
from meetings.models import MeetingKind
from meetings.services.records import meeting_arrange, meeting_hold

pytestmark = pytest.mark.usefixtures("assessment_tool")

SIGNS = ["going_missing", "older_associates", "unexplained_possessions"]


def contact_body(**overrides: Any) -> dict[str, Any]:
    """A contact about a new child, aged 14, with a second child who may also be at risk."""
    body: dict[str, Any] = {
        "new_child": {
            "first_name": "Kayleigh",
            "last_name": "Ormesby",
            "date_of_birth": (timezone.localdate() - dt.timedelta(days=14 * 365 + 180)).isoformat(),  # 14
            "gender": "female",
            "learning_disability": False,
        },
        "received_at": (timezone.now() - dt.timedelta(hours=2)).isoformat(),
        "reporter_relationship": "professional",
        "reporter_name": "A. Teacher",
        "reporter_organisation": "Northfield Academy",
        "concern": "Seen getting into a car with older men after school; new phone; staying out overnight.",
        "immediate_risk": False,
        "warning_signs": SIGNS,
        "setting": "both",
        "platforms": ["Snapchat", "Instagram"],
        "linked_children": [
            {
                "new_child": {"first_name": "Jade", "last_name": "Ormesby-Friend", "gender": "female"},
                "involvement": "possible_victim",
                "notes": "Seen in the same car.",
            }
        ],
    }
    body.update(overrides)
    return body


def review_date() -> str:
    return (timezone.localdate() + dt.timedelta(days=90)).isoformat()


class Events:
    """Counts the access events a block of requests writes."""

    def __init__(self) -> None:
        self.start = AccessEvent.objects.count()

    def written(self) -> list[AccessEvent]:
        events = list(AccessEvent.objects.order_by("id"))[self.start :]
        self.start = AccessEvent.objects.count()
        return events


def post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, body, content_type="application/json")


def one_event(events: Events, action: str, *children: Child) -> AccessEvent:
    written = events.written()
    assert len(written) == 1, [(event.action, event.route) for event in written]
    event = written[0]
    assert event.action == action
    assert event.channel == "api"
    assert {str(child.id) for child in children} <= set(event.object_ids)
    return event


def test_contact_to_worklists_by_api(signed_in, partnership):
    screener = signed_in(partnership["screener.nfd"])
    events = Events()

    # 1. The contact, about a new child, names a second child.
    response = post(screener, "/api/v1/contacts/", contact_body())
    assert response.status_code == 201, response.json()
    contact = response.json()
    child = Child.objects.get(last_name="Ormesby")
    friend = Child.objects.get(last_name="Ormesby-Friend")
    assert contact["child"]["id"] == str(child.id)
    assert contact["cause_for_concern"] is True
    assert contact["screening_id"] is None
    assert [row["child"]["last_name"] for row in contact["linked_children"]] == ["Ormesby-Friend"]
    assert contact["linked_children"][0]["involvement"] == "possible_victim"
    # Timezone-aware: UTC ("Z") in winter, +01:00 in British Summer Time.
    assert dt.datetime.fromisoformat(contact["received_at"].replace("Z", "+00:00")).tzinfo is not None
    one_event(events, "view", child, friend)
    assert friend.chronology.filter(summary__contains=contact["reference"]).exists()

    # 2. Read back, and in the list.
    detail = screener.get(f"/api/v1/contacts/{contact['id']}/").json()
    assert detail == contact
    one_event(events, "view", child, friend)
    listed = screener.get("/api/v1/contacts/").json()
    assert listed["results"][0]["id"] == contact["id"]  # newest first
    one_event(events, "list", child)

    # 3. Screening: the case status and the tool's answers; the tool suggests a level and says why.
    response = post(
        screener,
        f"/api/v1/contacts/{contact['id']}/screening",
        {"case_status": "new_case", "selected_indicators": SIGNS, "domain_notes": {"rewards": "A new phone."}},
    )
    assert response.status_code == 200, response.json()
    screening = response.json()
    one_event(events, "view", child)
    assessment = screening["assessment"]
    assert screening["case_status"] == "new_case"
    assert assessment["suggested_level"] == "medium"
    assert assessment["suggestion_reasons"]
    assert assessment["confirmed_level"] is None
    assert len(assessment["domains"]) == 14
    rewards = next(domain for domain in assessment["domains"] if domain["code"] == "rewards")
    assert [indicator["code"] for indicator in rewards["selected"]] == ["unexplained_possessions"]
    assert rewards["note"] == "A new phone."
    assert screening["decision"] is None
    assert screener.get(f"/api/v1/contacts/{contact['id']}/").json()["screening_id"] == screening["id"]
    events.written()

    # 4. Confirming above the suggestion needs a reason: refused, and nothing is saved.
    decide_url = f"/api/v1/screenings/{screening['id']}/decision"
    response = post(screener, decide_url, {"confirmed_level": "high", "review_due_on": review_date()})
    assert response.status_code == 400
    assert response.json()["errors"] == {"reason": ["Enter why you confirm high when the tool suggests medium"]}
    assert not Assessment.objects.filter(child=child, status="complete").exists()
    assert not Task.objects.filter(child=child).exists()
    assert events.written() == []

    # 5. With a reason, the case is routed; the decision has the shape of the routing preview.
    response = post(
        screener,
        decide_url,
        {
            "confirmed_level": "high",
            "reason": "Older men and a car: the school has seen it twice.",
            "review_due_on": review_date(),
        },
    )
    assert response.status_code == 200, response.json()
    decision = response.json()
    one_event(events, "view", child)
    preview = post(
        screener,
        "/api/v1/routing/preview",
        {
            "case_status": "new_case",
            "risk_level": "high",
            "age_years": child.age_years,
            "learning_disability": False,
            "immediate_risk": False,
            "warning_signs": SIGNS,
        },
    ).json()
    assert {key: value for key, value in decision.items() if key not in ("screening_id", "task_ids")} == preview
    assert events.written() == []  # the preview reads no child
    tasks = list(Task.objects.filter(child=child).order_by("id"))
    assert decision["task_ids"] == [task.pk for task in tasks]
    assert decision["screening_id"] == screening["id"]
    assert [(task.code, task.status) for task in tasks] == [
        ("transfer_to_first_response_team", "open"),
        ("decide_strategy_or_multi_agency_meeting", "open"),
        ("refer_to_children_and_families_assessment_team", "waiting"),
        ("refer_to_designated_cse_worker", "waiting"),
        ("refer_to_meg", "waiting"),
    ]
    assert RiskLevelRecord.objects.get(child=child).level == "high"

    # 6. The screening, read back: the assessment domain by domain, the override and its reason, the decision.
    screening = screener.get(f"/api/v1/screenings/{screening['id']}/").json()
    one_event(events, "view", child)
    assessment = screening["assessment"]
    assert (assessment["tool"]["code"], assessment["status"]) == ("cse-risk-assessment", "complete")
    assert assessment["tool"]["version"]
    assert (assessment["suggested_level"], assessment["confirmed_level"]) == ("medium", "high")
    assert assessment["overrides_suggestion"] is True
    assert assessment["confirmation_reason"] == "Older men and a car: the school has seen it twice."
    assert assessment["review_due_on"] == review_date()
    assert screening["decision"]["task_codes"] == decision["task_codes"]
    assert [task["id"] for task in screening["tasks"]] == decision["task_ids"]

    # 7. The tasks are on the right teams' worklists, and on nobody else's.
    worklist = screener.get("/api/v1/tasks/").json()
    one_event(events, "list", child)
    assert "transfer_to_first_response_team" in codes_for(worklist, child)
    first_response = signed_in(partnership["firstresponse.nfd"])
    worklist = first_response.get("/api/v1/tasks/").json()
    one_event(events, "list", child)
    assert codes_for(worklist, child) == {
        "decide_strategy_or_multi_agency_meeting",
        "refer_to_children_and_families_assessment_team",
    }
    early_help = signed_in(partnership["earlyhelp.nfd"])
    assert codes_for(early_help.get("/api/v1/tasks/").json(), child) == set()

    # 8. The meeting decision must say what the procedure needs; the meeting it decides on determines the
    # level, and its outcome releases the tasks that waited for it (seed 003, 2.2).
    decide = Task.objects.get(child=child, code="decide_strategy_or_multi_agency_meeting")
    assert first_response.get(f"/api/v1/tasks/{decide.pk}/").json()["outcome_required"] == (
        "which meeting was decided on; when neither, the level of risk you confirm (a meeting's level is "
        "recorded as its outcome, once it is held)"
    )
    events.written()
    response = post(first_response, f"/api/v1/tasks/{decide.pk}/complete", {"note": "Discussed with the manager."})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "outcome": ["Say whether a strategy meeting, a multi-agency meeting or neither was decided on"]
    }
    assert Task.objects.get(pk=decide.pk).status == "open"
    response = post(
        first_response,
        f"/api/v1/tasks/{decide.pk}/complete",
        {"outcome": {"meeting": "multi_agency_meeting"}, "note": "To be held on Monday."},
    )
    assert response.status_code == 200, response.json()
    one_event(events, "view", child)
    changes = response.json()
    assert changes["task"]["status"] == "done"
    assert changes["task"]["outcome"] == {"meeting": "multi_agency_meeting"}
    assert changes["released"] == changes["cancelled"] == []
    meeting = meeting_arrange(
        child=child,
        kind=MeetingKind.MULTI_AGENCY,
        starts_at=timezone.now() - dt.timedelta(hours=1),
        location="Room 2",
        chair=None,
        task=Task.objects.get(pk=decide.pk),
        by=partnership["firstresponse.nfd"],
    )
    meeting_hold(meeting=meeting, by=partnership["firstresponse.nfd"])
    response = post(
        first_response, f"/api/v1/meetings/{meeting.pk}/outcome", {"level": "high", "outcome": "Safety plan agreed."}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["outcome_level"] == "high"
    assert Task.objects.get(child=child, code="refer_to_children_and_families_assessment_team").status == "open"

    # 9. The referral moves the case to the assessment team, whose worklist now has the rest.
    refer = Task.objects.get(child=child, code="refer_to_children_and_families_assessment_team")
    response = post(first_response, f"/api/v1/tasks/{refer.pk}/complete", {"note": "Referred by phone."})
    assert response.status_code == 200, response.json()
    assessment_team = signed_in(partnership["assessment.nfd"])
    assert codes_for(assessment_team.get("/api/v1/tasks/").json(), child) == {
        "refer_to_designated_cse_worker",
        "refer_to_meg",
    }
    assert Contact.objects.filter(child=child).count() == 1


def codes_for(worklist: dict[str, Any], child: Child) -> set[str]:
    return {
        task["code"]
        for section in ("overdue", "open", "waiting")
        for task in worklist[section]
        if task["child"]["id"] == str(child.id)
    }
