"""Tasks by API: worklists, completing and cancelling, what is refused and how, and who sees what.
Also: every endpoint refuses a request without credentials, and every read writes one access event."""

from typing import Any

import pytest
from django.test import Client

from audit.models import AccessEvent
from children.models import Child, ChronologyEntry
from frontdoor.models import Contact, Task
from frontdoor.tests.test_api_journey import SIGNS, codes_for, contact_body, post, review_date

pytestmark = pytest.mark.usefixtures("assessment_tool")


def saved() -> tuple[Any, ...]:
    return (
        list(Task.objects.order_by("id").values_list("status", "outcome", "outcome_note")),
        ChronologyEntry.objects.count(),
        list(Child.objects.order_by("id").values_list("case_status", "holding_team")),
        AccessEvent.objects.count(),
    )


@pytest.fixture
def screener(signed_in, partnership):
    return signed_in(partnership["screener.nfd"])


@pytest.fixture
def first_response(signed_in, partnership):
    return signed_in(partnership["firstresponse.nfd"])


@pytest.fixture
def routed(screener) -> dict[str, Any]:
    """A new case at high risk, screened and routed: the First Response Team decides on a meeting."""
    contact = post(screener, "/api/v1/contacts/", contact_body()).json()
    screening = post(
        screener,
        f"/api/v1/contacts/{contact['id']}/screening",
        {"case_status": "new_case", "selected_indicators": SIGNS},
    ).json()
    decision = post(
        screener,
        f"/api/v1/screenings/{screening['id']}/decision",
        {"confirmed_level": "high", "reason": "Seen twice.", "review_due_on": review_date()},
    ).json()
    assert len(decision["task_ids"]) == 5
    return {"contact": contact, "screening": screening, "child": Child.objects.get(pk=contact["child"]["id"])}


def task(child: Child, code: str) -> Task:
    return Task.objects.get(child=child, code=code)


def refused(client: Client, url: str, body: Any) -> dict[str, Any]:
    before = saved()
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert saved() == before
    error: dict[str, Any] = response.json()
    assert set(error) == {"detail", "errors"}
    return error


def test_worklist_sections_and_one_event(first_response, routed):
    child = routed["child"]
    before = AccessEvent.objects.count()
    worklist = first_response.get("/api/v1/tasks/").json()
    assert AccessEvent.objects.count() == before + 1
    event = AccessEvent.objects.latest("id")
    assert event.action == "list"
    shown = {row["child"]["id"] for section in ("overdue", "open", "waiting") for row in worklist[section]}
    assert shown == set(event.object_ids)
    decide = next(row for row in worklist["open"] if row["child"]["id"] == str(child.id))
    assert decide["code"] == "decide_strategy_or_multi_agency_meeting"
    assert decide["title"] == "Decide on a strategy meeting or a multi-agency meeting"
    waiting = next(row for row in worklist["waiting"] if row["child"]["id"] == str(child.id))
    assert waiting["condition"] == "meeting_confirms_medium_or_high"
    assert waiting["condition_text"].startswith("Falls due")
    assert worklist["to_screen"] == []
    assert worklist["team"] is None


def test_a_screeners_worklist_has_the_contacts_to_screen(screener):
    contact = post(screener, "/api/v1/contacts/", contact_body(linked_children=[])).json()
    worklist = screener.get("/api/v1/tasks/").json()
    assert contact["id"] in [row["id"] for row in worklist["to_screen"]]
    assert contact["child"]["id"] in AccessEvent.objects.latest("id").object_ids


def test_worklist_for_one_team(signed_in, partnership, first_response, routed):
    user = partnership["firstresponse.nfd"]
    team = user.teams.get()
    worklist = first_response.get(f"/api/v1/tasks/?team={team.pk}").json()
    assert worklist["team"] == {"id": team.pk, "name": team.name}
    assert codes_for(worklist, routed["child"]) == {
        "decide_strategy_or_multi_agency_meeting",
        "refer_to_children_and_families_assessment_team",
    }
    other_team = partnership["screener.nfd"].teams.get()
    for value in ("abc", str(other_team.pk), "-1", ""):
        before = AccessEvent.objects.count()
        response = first_response.get("/api/v1/tasks/", {"team": value})
        assert response.status_code == 400, value
        assert list(response.json()["errors"]) == ["team"]
        assert AccessEvent.objects.count() == before


def test_reading_a_task_writes_one_event(first_response, routed):
    decide = task(routed["child"], "decide_strategy_or_multi_agency_meeting")
    before = AccessEvent.objects.count()
    body = first_response.get(f"/api/v1/tasks/{decide.pk}/").json()
    assert AccessEvent.objects.count() == before + 1
    assert AccessEvent.objects.latest("id").object_ids == [str(routed["child"].id)]
    assert (body["id"], body["status"], body["overdue"]) == (decide.pk, "open", False)
    assert body["screening_id"] == routed["screening"]["id"]


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"outcome": ["Say whether a strategy meeting, a multi-agency meeting or neither was decided on"]}),
        (
            {"outcome": {"meeting": "neither"}},
            {"outcome": ["No meeting will be held: say which level of risk you confirm"]},
        ),
        (
            # "If a Strategy or multi agency meeting determines the level of risk" (seed 003, 2.2): the meeting
            # determines it, not the decision to hold one.
            {"outcome": {"meeting": "multi_agency_meeting", "confirmed_level": "high"}},
            {
                "outcome": [
                    "The meeting determines the level of risk: leave it out here and record it as the meeting's "
                    "outcome once the meeting is held"
                ]
            },
        ),
        (
            {"outcome": {"meeting": "case_conference", "confirmed_level": "high"}},
            {"outcome.meeting": ['"case_conference" is not a valid choice.']},
        ),
        (
            {"outcome": {"meeting": "neither", "confirmed_level": "high", "new_concerns": True}},
            {
                "outcome.new_concerns": [
                    "Completing 'Decide on a strategy meeting or a multi-agency meeting' does not ask this."
                ]
            },
        ),
        (
            {"outcome": {"meeting": "neither", "confirmed_level": "high", "stepped_down": "yes"}},
            {"outcome.stepped_down": ["Must be true or false."]},
        ),
        ({"outcome": "multi_agency_meeting"}, {"outcome": ["Invalid data. Expected a dictionary, but got str."]}),
        ({"outcome": {"meeting": "neither", "level": "high"}}, {"outcome.level": ["Unknown field."]}),
        ({"note": ["a", "b"]}, {"note": ["Not a valid string."]}),
    ],
)
def test_completing_names_what_is_missing_and_saves_nothing(first_response, routed, body, errors):
    decide = task(routed["child"], "decide_strategy_or_multi_agency_meeting")
    error = refused(first_response, f"/api/v1/tasks/{decide.pk}/complete", body)
    assert error["errors"] == errors


def test_a_waiting_task_cannot_be_completed_first(first_response, routed):
    waiting = task(routed["child"], "refer_to_children_and_families_assessment_team")
    error = refused(first_response, f"/api/v1/tasks/{waiting.pk}/complete", {"note": "Done early."})
    assert error["errors"] == {
        "non_field_errors": [
            "This task waits for the meeting's outcome, or for 'Decide on a strategy meeting or a multi-agency "
            "meeting' to decide that no meeting is held."
        ]
    }


def test_neither_meeting_at_low_risk_cancels_what_waited(first_response, routed):
    decide = task(routed["child"], "decide_strategy_or_multi_agency_meeting")
    response = post(
        first_response,
        f"/api/v1/tasks/{decide.pk}/complete",
        {"outcome": {"meeting": "neither", "confirmed_level": "low"}},
    )
    assert response.status_code == 200, response.json()
    changes = response.json()
    assert changes["released"] == []
    assert [row["code"] for row in changes["cancelled"]] == [
        "refer_to_children_and_families_assessment_team",
        "refer_to_designated_cse_worker",
        "refer_to_meg",
    ]
    assert all(row["status"] == "cancelled" for row in changes["cancelled"])
    # A new case confirmed low goes to Early Help for an Early Help Assessment (seed 003, 2.2), and the
    # level fell from the screened high: the step-down. The First Response Team no longer holds it.
    child = routed["child"]
    child.refresh_from_db()
    assert child.holding_team.kind == "early_help"
    assert task(child, "early_help_assessment").status == "open"
    assert task(child, "step_down_to_early_help").status == "open"
    again = post(
        first_response,
        f"/api/v1/tasks/{decide.pk}/complete",
        {"outcome": {"meeting": "neither", "confirmed_level": "low"}},
    )
    assert again.status_code == 404  # no longer the team's to see: not found, and nothing changes
    assert Task.objects.get(pk=decide.pk).status == "done"


def test_cancelling_needs_a_reason(screener, routed):
    transfer = task(routed["child"], "transfer_to_first_response_team")
    url = f"/api/v1/tasks/{transfer.pk}/cancel"
    assert refused(screener, url, {})["errors"] == {"reason": ["Enter why the task is not needed."]}
    assert refused(screener, url, {"reason": "  "})["errors"] == {"reason": ["Enter why the task is not needed."]}
    assert refused(screener, url, {"reason": 5, "why": "x"})["errors"] == {"why": ["Unknown field."]}
    response = post(screener, url, {"reason": "Transferred by phone before the system was used."})
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["outcome_note"]) == (
        "cancelled",
        "Transferred by phone before the system was used.",
    )


def test_contacting_the_police_cannot_be_cancelled(screener):
    contact = post(screener, "/api/v1/contacts/", contact_body(immediate_risk=True, linked_children=[])).json()
    police = Task.objects.get(contact=contact["id"], code="contact_police_999")
    error = refused(screener, f"/api/v1/tasks/{police.pk}/cancel", {"reason": "Not needed."})
    assert error["errors"] == {"non_field_errors": ["Contacting the police about immediate risk cannot be cancelled."]}


def test_only_the_tasks_team_completes_it(screener, routed):
    """The screener may see the child (and, since tasks follow the child, may read the task), but the
    meeting decision is the First Response Team's to record. Whether the gate hides the task (404) or the
    service refuses the act (403), nothing is saved."""
    decide = task(routed["child"], "decide_strategy_or_multi_agency_meeting")
    before = saved()
    response = post(
        screener,
        f"/api/v1/tasks/{decide.pk}/complete",
        {"outcome": {"meeting": "neither", "confirmed_level": "low"}},
    )
    assert response.status_code in (403, 404), response.content
    assert set(response.json()) == {"detail"}
    assert saved()[:3] == before[:3]


def test_another_agency_sees_no_task(signed_in, partnership, routed):
    decide = task(routed["child"], "decide_strategy_or_multi_agency_meeting")
    for username in ("firstresponse.sdl", "screener.sdl", "earlyhelp.nfd", "analyst"):
        client = signed_in(partnership[username])
        before = saved()
        assert client.get(f"/api/v1/tasks/{decide.pk}/").json() == {"detail": "No task found."}, username
        outcome = {"outcome": {"meeting": "neither", "confirmed_level": "low"}}
        assert post(client, f"/api/v1/tasks/{decide.pk}/complete", outcome).status_code == 404
        assert post(client, f"/api/v1/tasks/{decide.pk}/cancel", {"reason": "Not ours."}).status_code == 404
        worklist = client.get("/api/v1/tasks/").json()
        assert codes_for(worklist, routed["child"]) == set()
        assert routed["contact"]["id"] not in [row["id"] for row in worklist["to_screen"]]
        assert "Ormesby" not in str(worklist)
        assert saved()[0] == before[0]


# --- Every endpoint, for the checks that hold for all of them ------------------------------------------


def endpoints(routed: dict[str, Any]) -> list[tuple[str, str, Any]]:
    decide = task(routed["child"], "decide_strategy_or_multi_agency_meeting")
    contact, screening = routed["contact"]["id"], routed["screening"]["id"]
    return [
        ("get", "/api/v1/contacts/", None),
        ("post", "/api/v1/contacts/", contact_body()),
        ("get", f"/api/v1/contacts/{contact}/", None),
        ("post", f"/api/v1/contacts/{contact}/screening", {"case_status": "new_case"}),
        ("get", f"/api/v1/screenings/{screening}/", None),
        (
            "post",
            f"/api/v1/screenings/{screening}/decision",
            {"confirmed_level": "low", "review_due_on": review_date()},
        ),
        ("get", "/api/v1/tasks/", None),
        ("get", f"/api/v1/tasks/{decide.pk}/", None),
        ("post", f"/api/v1/tasks/{decide.pk}/complete", {"outcome": {"meeting": "neither", "confirmed_level": "low"}}),
        ("post", f"/api/v1/tasks/{decide.pk}/cancel", {"reason": "Not needed."}),
    ]


def test_every_endpoint_refuses_a_request_without_credentials(client, routed):
    client.logout()
    before = (saved(), Contact.objects.count())
    for method, url, body in endpoints(routed):
        response = getattr(client, method)(url, body, content_type="application/json")
        assert response.status_code == 401, (method, url)
        assert response["WWW-Authenticate"] == "Token"
        assert set(response.json()) == {"detail"}
    assert (saved(), Contact.objects.count()) == before


def test_a_password_without_the_second_factor_reaches_nothing(client, partnership, routed):
    client.force_login(partnership["screener.nfd"])
    for method, url, body in endpoints(routed):
        response = getattr(client, method)(url, body, content_type="application/json")
        assert response.status_code == 403, (method, url)


def test_every_read_writes_exactly_one_access_event(screener, first_response, routed):
    """Each GET, and each POST that answers with the record it read or wrote: one event, naming the child."""
    child = routed["child"]
    decide = task(child, "decide_strategy_or_multi_agency_meeting")
    transfer = task(child, "transfer_to_first_response_team")
    contact = post(
        screener, "/api/v1/contacts/", contact_body(linked_children=[], new_child=None, child_id=str(child.id))
    )
    assert contact.status_code == 201
    contact_id = contact.json()["id"]
    requests = [
        (screener, "get", "/api/v1/contacts/", None),
        (screener, "get", f"/api/v1/contacts/{contact_id}/", None),
        (screener, "post", f"/api/v1/contacts/{contact_id}/screening", {"case_status": "new_case"}),
        (screener, "get", f"/api/v1/screenings/{routed['screening']['id']}/", None),
        (screener, "get", "/api/v1/tasks/", None),
        (first_response, "get", "/api/v1/tasks/", None),
        (first_response, "get", f"/api/v1/tasks/{decide.pk}/", None),
        (
            first_response,
            "post",
            f"/api/v1/tasks/{decide.pk}/complete",
            {"outcome": {"meeting": "neither", "confirmed_level": "medium"}},
        ),
        (screener, "post", f"/api/v1/tasks/{transfer.pk}/cancel", {"reason": "Done by phone."}),
    ]
    for client, method, url, body in requests:
        before = AccessEvent.objects.count()
        response = getattr(client, method)(url, body, content_type="application/json")
        assert response.status_code in (200, 201), (method, url, response.content)
        assert AccessEvent.objects.count() == before + 1, (method, url)
        event = AccessEvent.objects.latest("id")
        assert str(child.id) in event.object_ids, (method, url)
        assert (event.channel, event.route) == ("api", url)
