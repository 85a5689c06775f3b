"""route_preview and POST /api/v1/routing/preview: the same decision, and clear refusals."""

import io
import itertools
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from assessments.levels import RiskLevel
from children.case_status import CaseStatus
from frontdoor.routing import route
from frontdoor.routing_json import routing_decision_to_json, routing_input_from_json
from frontdoor.warning_signs import WarningSign
from tests.factories import staff_user

URL = "/api/v1/routing/preview"
VALID = {
    "case_status": "open_social_care",
    "risk_level": "medium",
    "age_years": 14,
    "learning_disability": False,
    "immediate_risk": False,
    "warning_signs": ["going_missing"],
}


def preview(payload: str, monkeypatch) -> dict[str, Any]:
    monkeypatch.setattr("sys.stdin", io.StringIO(payload))
    out = io.StringIO()
    call_command("route_preview", stdout=out)
    decision: dict[str, Any] = json.loads(out.getvalue())
    return decision


def every_input():
    signs = [[], ["going_missing", "older_associates", "concealed_marks"]]
    previous_levels = [None, *RiskLevel.values]
    for status, level, previous, age, disability, immediate, chosen in itertools.product(
        CaseStatus.values, RiskLevel.values, previous_levels, [12, 15], [False, True, "not_known"], [False, True], signs
    ):
        yield {
            "case_status": status,
            "risk_level": level,
            "previous_risk_level": previous,
            "age_years": age,
            "learning_disability": disability,
            "immediate_risk": immediate,
            "warning_signs": chosen,
        }


@pytest.fixture
def api(signed_in, db):
    return signed_in(staff_user())


def test_command_and_api_agree_with_the_rule_for_every_combination(api, monkeypatch):
    for payload in every_input():
        expected = routing_decision_to_json(route(routing_input_from_json(payload)))
        assert preview(json.dumps(payload), monkeypatch) == expected, payload
        response = api.post(URL, payload, content_type="application/json")
        assert response.status_code == 200, payload
        assert response.json() == expected, payload


def test_the_decision_names_tasks_teams_due_times_meg_and_reasons(monkeypatch):
    decision = preview(json.dumps(VALID), monkeypatch)
    assert decision["task_codes"][:2] == ["forward_to_case_holding_social_worker", "complete_risk_assessment"]
    forward = decision["tasks"][0]
    assert (forward["team"], forward["due_hours"]) == ("front_door", 24)
    assert decision["meg_agenda"] is True
    assert all(task["reason"] for task in decision["tasks"])
    assert decision["reasons"]


def test_warning_signs_may_be_left_out(monkeypatch):
    payload = {key: value for key, value in VALID.items() if key != "warning_signs"}
    assert preview(json.dumps(payload), monkeypatch)["flags"] == []


BAD_INPUTS = [
    ("", "no input"),
    ("{not json", "not valid JSON"),
    ("[1, 2]", "one JSON object"),
    (json.dumps({**VALID, "case_status": "closed"}), "case_status must be one of"),
    (json.dumps({**VALID, "risk_level": "severe"}), "risk_level must be one of"),
    (json.dumps({**VALID, "previous_risk_level": "extreme"}), "previous_risk_level must be one of"),
    (json.dumps({**VALID, "age_years": -1}), "age_years must be from 0 to 17"),
    (json.dumps({**VALID, "age_years": 18}), "The CSE procedure is for children under 18"),
    (json.dumps({**VALID, "age_years": 140}), "Care leavers are supported by a separate service"),
    (json.dumps({**VALID, "age_years": "14"}), "age_years must be a whole number"),
    (json.dumps({**VALID, "age_years": 14.5}), "age_years must be a whole number"),
    (json.dumps({**VALID, "immediate_risk": "yes"}), "immediate_risk must be true or false"),
    (json.dumps({**VALID, "warning_signs": ["glitter"]}), "warning_signs must be one of"),
    (json.dumps({**VALID, "warning_signs": "going_missing"}), "warning_signs must be a list"),
    (json.dumps({**VALID, "warning_signs": ["going_missing", "going_missing"]}), "more than once"),
    (json.dumps({key: value for key, value in VALID.items() if key != "risk_level"}), "missing field(s): risk_level"),
    (json.dumps({**VALID, "risk": "low"}), "unknown field(s): risk"),
]


@pytest.mark.parametrize(("payload", "message"), BAD_INPUTS)
def test_command_refuses_bad_input_naming_the_problem(payload, message, monkeypatch):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        preview(payload, monkeypatch)


@pytest.mark.parametrize(("payload", "message"), [case for case in BAD_INPUTS if case[0]])
def test_api_refuses_bad_input_naming_the_problem(api, payload, message):
    response = api.post(URL, payload, content_type="application/json")
    assert response.status_code == 400
    detail = response.json()["detail"]
    expected = "JSON parse error" if message == "not valid JSON" else message
    assert expected in detail


@pytest.mark.django_db
def test_api_needs_a_signed_in_user(client):
    assert client.post(URL, VALID, content_type="application/json").status_code == 401


def test_every_warning_sign_code_is_accepted(monkeypatch):
    payload = {**VALID, "warning_signs": WarningSign.values}
    assert "cause_for_concern" in preview(json.dumps(payload), monkeypatch)["flags"]


REASSESSMENT_EXPECTED = {
    # (previous band, new band) -> task codes, written from rules 6, 8 and procedure 2.2/2.4.
    ("none", "low"): [],
    ("none", "medium_or_high"): ["refer_to_designated_cse_worker", "refer_to_meg"],
    ("low", "low"): [],
    ("low", "medium_or_high"): ["refer_to_designated_cse_worker", "refer_to_meg"],
    ("medium_or_high", "low"): ["step_down_to_early_help", "refer_to_front_door"],
    ("medium_or_high", "medium_or_high"): [],
}


def _band(level):
    if level is None:
        return "none"
    return "low" if level == "low" else "medium_or_high"


@pytest.mark.parametrize("status", CaseStatus.values)
@pytest.mark.parametrize("previous", [None, *RiskLevel.values])
@pytest.mark.parametrize("level", RiskLevel.values)
@pytest.mark.parametrize("age", [11, 15])
def test_reassessment_tasks_follow_the_change_of_band(status, previous, level, age):
    from frontdoor.routing import RoutingInput, reassessment_tasks

    facts = RoutingInput(
        case_status=status,
        risk_level=level,
        previous_risk_level=previous,
        age_years=age,
        learning_disability=False,
        immediate_risk=False,
    )
    tasks = reassessment_tasks(facts)
    assert [str(task.code) for task in tasks] == REASSESSMENT_EXPECTED[(_band(previous), _band(level))]
    for task in tasks:
        assert "procedure" in task.reason
        if task.code == "step_down_to_early_help":
            assert task.support_months == 3
        if task.code == "refer_to_front_door":
            assert task.condition == ("any_new_concern" if age < 13 else "new_or_escalating_risk")
