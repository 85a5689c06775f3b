"""Screening by API: the answers and the decision, what is refused and how, and who may see a screening."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from assessments.models import Assessment, RiskLevelRecord
from audit.models import AccessEvent
from children.models import Child, ChronologyEntry
from frontdoor.models import Screening, Task
from frontdoor.tests.test_api_journey import SIGNS, contact_body, post, review_date
from tests.factories import read_events

pytestmark = pytest.mark.usefixtures("assessment_tool")


def saved() -> tuple[Any, ...]:
    """What a refused request must leave unchanged."""
    return (
        Screening.objects.count(),
        list(Screening.objects.order_by("id").values_list("case_status", "decided_at")),
        list(Assessment.objects.order_by("id").values_list("status", "selected_indicators", "domain_notes")),
        RiskLevelRecord.objects.count(),
        Task.objects.count(),
        ChronologyEntry.objects.count(),
        list(Child.objects.order_by("id").values_list("case_status", "holding_team")),
        read_events().count(),  # a refusal is logged, a read is not
    )


@pytest.fixture
def screener(signed_in, partnership):
    return signed_in(partnership["screener.nfd"])


@pytest.fixture
def contact(screener) -> dict[str, Any]:
    response = post(screener, "/api/v1/contacts/", contact_body(linked_children=[]))
    assert response.status_code == 201
    data: dict[str, Any] = response.json()
    return data


@pytest.fixture
def screening(screener, contact) -> dict[str, Any]:
    response = post(
        screener,
        f"/api/v1/contacts/{contact['id']}/screening",
        {"case_status": "new_case", "selected_indicators": SIGNS},
    )
    assert response.status_code == 200
    data: dict[str, Any] = response.json()
    return data


def refused(client, url: str, body: Any) -> dict[str, Any]:
    before = saved()
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert saved() == before
    error: dict[str, Any] = response.json()
    assert set(error) == {"detail", "errors"}
    return error


def test_starting_a_screening_ticks_the_contacts_signs(screener, contact):
    response = post(screener, f"/api/v1/contacts/{contact['id']}/screening", {"case_status": "new_case"})
    assessment = response.json()["assessment"]
    assert sorted(assessment["selected_indicators"]) == sorted(SIGNS)
    assert assessment["status"] == "draft"


def test_answers_can_be_saved_again_before_the_decision(screener, contact, screening):
    response = post(
        screener,
        f"/api/v1/contacts/{contact['id']}/screening",
        {"case_status": "open_early_help", "selected_indicators": [], "domain_notes": {"education": "Attending."}},
    )
    assert response.status_code == 200
    again = response.json()
    assert again["id"] == screening["id"]
    assert (again["case_status"], again["assessment"]["selected_indicators"]) == ("open_early_help", [])
    assert again["assessment"]["suggested_level"] == "low"
    assert Screening.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"case_status": "closed"}, "case_status", '"closed" is not a valid choice.'),
        ({}, "case_status", "Select the case status (procedure 2.2)."),
        (
            {"case_status": "new_case", "selected_indicators": ["going_missing", "likes_cats"]},
            "selected_indicators",
            "likes_cats: not an indicator of",
        ),
        (
            {"case_status": "new_case", "selected_indicators": "going_missing"},
            "selected_indicators",
            'Expected a list of items but got type "str".',
        ),
        (
            {"case_status": "new_case", "domain_notes": {"hobbies": "Football"}},
            "domain_notes",
            "hobbies: not a domain of",
        ),
        (
            {"case_status": "new_case", "domain_notes": ["education"]},
            "domain_notes",
            'Expected a dictionary of items but got type "list".',
        ),
        ({"case_status": "new_case", "risk": "high"}, "risk", "Unknown field."),
    ],
)
def test_bad_answers_name_the_field_and_start_nothing(screener, contact, body, field, message):
    error = refused(screener, f"/api/v1/contacts/{contact['id']}/screening", body)
    assert any(message in text for text in error["errors"][field]), error


def test_bad_answers_leave_a_started_screening_as_it_was(screener, contact, screening):
    error = refused(
        screener,
        f"/api/v1/contacts/{contact['id']}/screening",
        {"case_status": "new_case", "selected_indicators": ["nonsense"]},
    )
    assert list(error["errors"]) == ["selected_indicators"]


def test_malformed_json_is_refused(screener, contact, screening):
    error = refused(screener, f"/api/v1/contacts/{contact['id']}/screening", '{"case_status": ')
    assert error["detail"].startswith("JSON parse error")
    error = refused(screener, f"/api/v1/screenings/{screening['id']}/decision", "{confirmed_level: high}")
    assert error["detail"].startswith("JSON parse error")


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"review_due_on": "2100-01-01"}, {"confirmed_level": ["Select the level of risk you confirm."]}),
        (
            {"confirmed_level": "severe", "review_due_on": "2100-01-01"},
            {"confirmed_level": ['"severe" is not a valid choice.']},
        ),
        ({"confirmed_level": "medium"}, {"review_due_on": ["Enter the review date."]}),
        (
            {"confirmed_level": "medium", "review_due_on": "next week"},
            {"review_due_on": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]},
        ),
        (
            {"confirmed_level": "medium", "review_due_on": "2001-01-01"},
            {"review_due_on": ["The review date must be today or in the future."]},
        ),
        (
            {"confirmed_level": "high", "review_due_on": "2100-01-01"},
            {"reason": ["Enter why you confirm high when the tool suggests medium"]},
        ),
        (
            {"confirmed_level": "low", "reason": "   ", "review_due_on": "2100-01-01"},
            {"reason": ["Enter why you confirm low when the tool suggests medium"]},
        ),
        (
            {"confirmed_level": "medium", "review_due_on": "2100-01-01", "age_estimate": 14},
            {"age_estimate": ["The child's date of birth is known: leave age_estimate out."]},
        ),
        (
            {"confirmed_level": 2, "review_due_on": "2100-01-01"},
            {"confirmed_level": ['"2" is not a valid choice.']},
        ),
        (
            {"confirmed_level": "medium", "review_due_on": "2100-01-01", "routed": True},
            {"routed": ["Unknown field."]},
        ),
    ],
)
def test_bad_decisions_name_the_problem_and_route_nothing(screener, screening, body, errors):
    error = refused(screener, f"/api/v1/screenings/{screening['id']}/decision", body)
    assert error["errors"] == errors


def test_the_age_is_asked_when_the_date_of_birth_is_unknown(screener):
    body = contact_body(linked_children=[], new_child={"first_name": "Unknown", "last_name": "Girl"})
    contact = post(screener, "/api/v1/contacts/", body).json()
    screening = post(screener, f"/api/v1/contacts/{contact['id']}/screening", {"case_status": "new_case"}).json()
    url = f"/api/v1/screenings/{screening['id']}/decision"
    error = refused(screener, url, {"confirmed_level": "medium", "review_due_on": review_date()})
    assert error["errors"] == {
        "age_estimate": ["The date of birth is not known: enter the child's age, as best you can"]
    }
    error = refused(screener, url, {"confirmed_level": "medium", "review_due_on": review_date(), "age_estimate": 40})
    assert error["errors"]["age_estimate"][0].startswith("The CSE procedure is for children under 18")
    error = refused(screener, url, {"confirmed_level": "medium", "review_due_on": review_date(), "age_estimate": -1})
    assert error["errors"] == {"age_estimate": ["Ensure this value is greater than or equal to 0."]}
    response = post(screener, url, {"confirmed_level": "medium", "review_due_on": review_date(), "age_estimate": 12})
    assert response.status_code == 200, response.json()
    assert "front_door_referral_required" in response.json()["flags"]  # under 13 (rule 7)


def test_a_decided_screening_cannot_change(screener, contact, screening):
    url = f"/api/v1/screenings/{screening['id']}/decision"
    decision = {"confirmed_level": "medium", "review_due_on": review_date()}
    assert post(screener, url, decision).status_code == 200
    error = refused(screener, url, decision)
    assert error["errors"] == {
        "non_field_errors": ["This contact has been screened. A new concern needs a new contact."]
    }
    error = refused(screener, f"/api/v1/contacts/{contact['id']}/screening", {"case_status": "new_case"})
    assert error["detail"] == "This contact has been screened. A new concern needs a new contact."


def test_only_front_door_screeners_screen(signed_in, partnership, contact, screening):
    first_response = signed_in(partnership["firstresponse.nfd"])
    before = saved()
    response = post(first_response, f"/api/v1/contacts/{contact['id']}/screening", {"case_status": "new_case"})
    assert response.status_code == 403
    assert response.json() == {"detail": "Only front door screeners can record a contact."}
    response = post(
        first_response,
        f"/api/v1/screenings/{screening['id']}/decision",
        {"confirmed_level": "medium", "review_due_on": review_date()},
    )
    assert response.status_code == 403
    assert saved() == before


def test_reading_a_screening_writes_one_event(screener, contact, screening):
    before = AccessEvent.objects.count()
    body = screener.get(f"/api/v1/screenings/{screening['id']}/").json()
    assert AccessEvent.objects.count() == before + 1
    event = AccessEvent.objects.latest("id")
    assert (event.action, event.object_ids, event.channel) == ("view", [contact["child"]["id"]], "api")
    assert event.route == f"/api/v1/screenings/{screening['id']}/"
    assert body["assessment"]["suggested_level"] == "medium"
    assert body["decision"] is None


def test_another_agency_cannot_see_or_touch_a_screening(signed_in, partnership, contact, screening):
    other = signed_in(partnership["screener.sdl"])
    before = saved()
    assert other.get(f"/api/v1/screenings/{screening['id']}/").json() == {"detail": "No screening found."}
    response = post(other, f"/api/v1/contacts/{contact['id']}/screening", {"case_status": "open_social_care"})
    assert (response.status_code, response.json()) == (404, {"detail": "No contact found."})
    response = post(
        other,
        f"/api/v1/screenings/{screening['id']}/decision",
        {"confirmed_level": "low", "reason": "x", "review_due_on": review_date()},
    )
    assert (response.status_code, response.json()) == (404, {"detail": "No screening found."})
    assert saved() == before
    assert other.get("/api/v1/screenings/999999/").status_code == 404


def test_received_yesterday_and_reviewed_today_is_fine(screener):
    body = contact_body(linked_children=[], received_at=(timezone.now() - dt.timedelta(days=1)).isoformat())
    contact = post(screener, "/api/v1/contacts/", body).json()
    screening = post(screener, f"/api/v1/contacts/{contact['id']}/screening", {"case_status": "new_case"}).json()
    response = post(
        screener,
        f"/api/v1/screenings/{screening['id']}/decision",
        {"confirmed_level": "medium", "review_due_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200, response.json()
