"""A child of ours placed out of area: a duty added to the case status, not a status (procedure correction 5).

Seed 003, 2.2: "Likewise, if a Darlington child is placed out of area, the case holding social worker will
liaise with the host Local Authority." As a fifth status it dropped the 24-hour forward to the case-holding
social worker, the social worker's assessment and the referrals; as a fact on the child the screening asks
it, the routing adds the liaison to whatever the status and the level route, and the child page shows the
host authority and its social worker (decision 0034).
"""

import importlib
import json
import re
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from children.case_status import CaseStatus
from children.models import Child, ChronologyEntry
from frontdoor.models import ReporterRelationship, Screening, Task
from frontdoor.services.contacts import ContactDetails, contact_create
from frontdoor.tests.test_api_journey import post
from tests.factories import staff_user

pytestmark = pytest.mark.usefixtures("assessment_tool")

HOST = "Westmarsh Borough Council"


def messages(page: str) -> list[str]:
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', page, re.S)
    return re.findall(r"<a [^>]*>(.*?)</a>", summary.group(1)) if summary else []


def next_year() -> dict[str, str]:
    return {"review_day": "1", "review_month": "6", "review_year": str(timezone.localdate().year + 1)}


def social_care_child(partnership) -> Child:
    socialworker = partnership["socialworker.nfd"]
    child: Child = socialworker.allocations.filter(child__case_status=CaseStatus.OPEN_SOCIAL_CARE).first().child
    return child


def a_contact(partnership, child: Child):
    return contact_create(
        recorded_by=partnership["screener.nfd"],
        child_id=child.id,
        details=ContactDetails(
            received_at=timezone.now(),
            reporter_relationship=ReporterRelationship.PROFESSIONAL,
            reporter_organisation="Westmarsh Academy",
            concern="Seen with older men near the placement; a new phone.",
            immediate_risk=False,
        ),
    )


ANSWERS = {
    "case_status": "open_social_care",
    "domain_running_away_going_missing": ["going_missing"],
    "domain_contact_with_abusive_adults_risky_environments": ["older_associates"],
}


def test_the_screening_asks_it_and_the_route_keeps_the_social_care_map_and_adds_the_liaison(partnership, signed_in):
    screener, socialworker = partnership["screener.nfd"], partnership["socialworker.nfd"]
    child = social_care_child(partnership)
    contact = a_contact(partnership, child)
    web = signed_in(screener)

    form = web.get(f"/contacts/{contact.pk}/screen/").content.decode()
    assert "Is the child one of ours placed out of area?" in form
    assert 'value="placed_out_of_area"' not in form  # no longer a case status to choose

    # Placed out of area, but not where: refused, naming what is missing, and nothing saved.
    page = web.post(f"/contacts/{contact.pk}/screen/", {**ANSWERS, "placed_out_of_area": "yes"}).content.decode()
    assert "There is a problem" in page
    assert any(message.startswith("Enter the host authority the child is placed in") for message in messages(page))
    assert not Screening.objects.filter(contact=contact).exists()

    response = web.post(
        f"/contacts/{contact.pk}/screen/",
        {
            **ANSWERS,
            "placed_out_of_area": "yes",
            "host_authority": HOST,
            "host_social_worker": "Priya Castleton",
            "host_social_worker_contact": "0300 555 0142",
        },
    )
    assert response.status_code == 302, messages(response.content.decode())
    confirm = web.get(response["Location"]).content.decode()
    assert f"placed out of area in {HOST}" in confirm
    response = web.post(
        response["Location"], {"confirmed_level": "high", "reason": "Older men near the placement.", **next_year()}
    )
    assert response.status_code == 302, messages(response.content.decode())

    # Seed 003, 2.2, "Likewise, if a Darlington child is placed out of area, the case holding social worker
    # will liaise with the host Local Authority": the Social Care map whole, the 24-hour forward first, and
    # the liaison added.
    tasks = list(Task.objects.filter(contact=contact).order_by("id"))
    assert [(task.code, task.team.kind if task.team else None) for task in tasks] == [
        ("forward_to_case_holding_social_worker", "front_door"),
        ("complete_risk_assessment", "social_care"),
        ("discuss_new_concerns_with_team_manager", "social_care"),
        ("decide_strategy_or_multi_agency_meeting", "social_care"),
        ("request_police_intelligence", "social_care"),
        ("refer_to_designated_cse_worker", "social_care"),
        ("refer_to_meg", "social_care"),
        ("liaise_with_host_authority", "social_care"),
    ]
    assert tasks[0].due_at is not None
    assert tasks[-1].status == "open"
    assert "liaises with the host authority (procedure 2.2)" in tasks[-1].reason
    assert Screening.objects.get(contact=contact).routing_input["placed_out_of_area"] is True

    # The child's record keeps it, the chronology says so, and the child page shows it.
    child.refresh_from_db()
    assert (child.case_status, child.placed_out_of_area, child.host_authority) == ("open_social_care", True, HOST)
    assert ChronologyEntry.objects.filter(child=child, summary__contains=f"Placed out of area in {HOST}").exists()
    page = signed_in(socialworker).get(f"/children/{child.id}/").content.decode()
    shown = re.search(r'id="placed-out-of-area">(.*?)</dd>', page, re.S)
    assert shown is not None
    assert f"Yes, in {HOST}: the case-holding social worker liaises with the host authority" in shown.group(1)
    assert "Priya Castleton (0300 555 0142)" in shown.group(1)
    assert "Liaise with the host authority" in signed_in(socialworker).get("/tasks/").content.decode()


def test_a_child_from_another_authority_living_here_is_not_placed_out_of_area_by_us(partnership, signed_in):
    child = social_care_child(partnership)
    contact = a_contact(partnership, child)
    page = (
        signed_in(partnership["screener.nfd"])
        .post(
            f"/contacts/{contact.pk}/screen/",
            {**ANSWERS, "case_status": "out_of_authority", "placed_out_of_area": "yes", "host_authority": HOST},
        )
        .content.decode()
    )
    assert any("is not placed out of area by us" in message for message in messages(page))
    assert not Screening.objects.filter(contact=contact).exists()


def test_the_api_refuses_the_former_status_naming_the_new_field_and_takes_the_new_one(partnership, signed_in):
    child = social_care_child(partnership)
    contact = a_contact(partnership, child)
    api = signed_in(partnership["screener.nfd"])
    url = f"/api/v1/contacts/{contact.pk}/screening"

    response = post(api, url, {"case_status": "placed_out_of_area"})
    assert response.status_code == 400
    [message] = response.json()["errors"]["case_status"]
    assert "placed_out_of_area: true" in message
    assert "host_authority" in message
    assert not Screening.objects.filter(contact=contact).exists()

    response = post(api, url, {"case_status": "open_social_care", "host_authority": HOST})
    assert response.status_code == 400
    assert "Send placed_out_of_area" in response.json()["errors"]["host_authority"][0]

    response = post(api, url, {"case_status": "open_social_care", "placed_out_of_area": True, "host_authority": HOST})
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    assert (body["case_status"], body["placed_out_of_area"], body["host_authority"]) == (
        "open_social_care",
        True,
        HOST,
    )
    # Left out on a later save: the answer stands.
    response = post(api, url, {"case_status": "open_social_care"})
    assert response.json()["placed_out_of_area"] is True


def test_the_routing_preview_takes_the_flag_and_still_reads_the_former_status_as_the_migration_does(
    signed_in, db, monkeypatch
):
    """route_preview and the routing preview stay stable (DESIGN.md, "Interfaces that stay stable"): a
    script that still sends the former status gets the routing of a case open to social care placed out
    of area, the 24-hour forward and the assessment kept and the liaison added (procedure correction 5)."""
    client = signed_in(staff_user())
    facts = {
        "case_status": "placed_out_of_area",
        "risk_level": "low",
        "age_years": 15,
        "learning_disability": False,
        "immediate_risk": False,
    }
    former = client.post("/api/v1/routing/preview", facts, content_type="application/json")
    assert former.status_code == 200, former.content
    as_flag = client.post(
        "/api/v1/routing/preview",
        {**facts, "case_status": "open_social_care", "placed_out_of_area": True},
        content_type="application/json",
    )
    assert former.json() == as_flag.json()
    assert former.json()["task_codes"][:2] == ["forward_to_case_holding_social_worker", "complete_risk_assessment"]
    assert "liaise_with_host_authority" in former.json()["task_codes"]
    monkeypatch.setattr("sys.stdin", StringIO(json.dumps(facts)))
    out = StringIO()
    call_command("route_preview", stdout=out)
    assert json.loads(out.getvalue())["task_codes"] == former.json()["task_codes"]
    contradiction = client.post(
        "/api/v1/routing/preview", {**facts, "placed_out_of_area": False}, content_type="application/json"
    )
    assert contradiction.status_code == 400
    assert "cannot be false" in contradiction.json()["detail"]
    response = client.post(
        "/api/v1/routing/preview",
        {**facts, "case_status": "open_early_help", "placed_out_of_area": True},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["task_codes"] == [
        "forward_to_early_help_practitioner",
        "liaise_with_host_authority",
        "refer_to_front_door",
    ]


def test_the_migration_turns_the_former_status_into_social_care_with_the_flag(partnership):
    migration = importlib.import_module("children.migrations.0011_placed_out_of_area_is_a_fact_not_a_status")
    placed, other = Child.objects.filter(case_status=CaseStatus.OPEN_EARLY_HELP)[:2]
    Child.objects.filter(pk=placed.pk).update(case_status="placed_out_of_area")
    migration.placed_children_open_to_social_care(apps, None)
    placed.refresh_from_db()
    other.refresh_from_db()
    assert (placed.case_status, placed.placed_out_of_area) == ("open_social_care", True)
    assert (other.case_status, other.placed_out_of_area) == ("open_early_help", False)
    # The page says the host authority was never recorded, for the social worker to add.
    assert placed.host_authority == ""
