"""A new case: the strategy or multi-agency meeting determines the level, and that routes the case.

Seed 003, 2.2, "If a new case is identified": "If medium or high the case will be transferred to the
Children's First Response Team to determine whether a strategy or other multi-agency meeting should be
arranged. If a Strategy or multi agency meeting determines the level of risk is medium or high the case
should be referred to the Children and Families Assessment Team and the Designated CSE worker. All
medium and high risk cases should be referred to the Darlington Safeguarding Partnership Missing and
Exploited Group." And "if low risk the case will be transferred to Early Help Services for an Early
Help Assessment (EHA)".
"""

import datetime as dt

import pytest
from django.utils import timezone

from assessments.levels import RiskLevel
from assessments.models import RiskLevelRecord, RiskLevelSource
from children.access import child_visible_queryset
from children.case_status import CaseStatus
from frontdoor.models import Task, TaskStatus
from frontdoor.tests.test_step_down_and_referrals import screen
from meetings.models import Meeting, MeetingKind
from meetings.services.records import meeting_arrange, meeting_hold

pytestmark = pytest.mark.usefixtures("assessment_tool")

REFERRALS = ("refer_to_children_and_families_assessment_team", "refer_to_designated_cse_worker", "refer_to_meg")


@pytest.fixture
def new_case(partnership):
    """A child the front door screens as a new case at high risk: the First Response Team decides on a
    multi-agency meeting."""
    screener = partnership["screener.nfd"]
    child = child_visible_queryset(screener).order_by("reference").first()
    screen(screener=screener, child=child, level=RiskLevel.HIGH, case_status=CaseStatus.NEW_CASE)
    return child


def statuses(child) -> dict[str, str]:
    return {code: Task.objects.get(child=child, code=code).status for code in REFERRALS}


def decide_and_hold(partnership, signed_in, child) -> Meeting:
    first_response = partnership["firstresponse.nfd"]
    web = signed_in(first_response)
    decide = Task.objects.get(child=child, code="decide_strategy_or_multi_agency_meeting")
    # Deciding on a meeting does not determine the level: the meeting does.
    page = web.post(
        f"/tasks/{decide.pk}/", {"action": "complete", "meeting": "multi_agency_meeting", "confirmed_level": "high"}
    ).content.decode()
    assert "The meeting determines the level of risk" in page
    response = web.post(f"/tasks/{decide.pk}/", {"action": "complete", "meeting": "multi_agency_meeting"})
    assert response.status_code == 302
    assert statuses(child) == {code: TaskStatus.WAITING for code in REFERRALS}
    meeting = meeting_arrange(
        child=child,
        kind=MeetingKind.MULTI_AGENCY,
        starts_at=timezone.now() - dt.timedelta(hours=2),
        location="Room 4",
        chair=None,
        task=decide,
        by=first_response,
    )
    return meeting


def test_a_meeting_that_determines_high_releases_the_referrals_and_records_the_level(partnership, signed_in, new_case):
    child = new_case
    meeting = decide_and_hold(partnership, signed_in, child)
    web = signed_in(partnership["firstresponse.nfd"])
    # Not before it is held.
    page = web.post(f"/meetings/{meeting.pk}/outcome/", {"level": "high", "outcome": "Plan agreed."}).content.decode()
    assert "There is a problem" in page
    assert "Record the meeting as held first" in page
    meeting_hold(meeting=meeting, by=partnership["firstresponse.nfd"])

    page = web.post(f"/meetings/{meeting.pk}/outcome/", {"outcome": ""}).content.decode()
    assert "There is a problem" in page
    assert "Select the level of risk the meeting determined" in page
    assert "Enter what the meeting decided" in page
    assert statuses(child) == {code: TaskStatus.WAITING for code in REFERRALS}

    response = web.post(
        f"/meetings/{meeting.pk}/outcome/", {"level": "high", "outcome": "Older men and a car: safety plan agreed."}
    )
    assert response.status_code == 302
    assert statuses(child) == {code: TaskStatus.OPEN for code in REFERRALS}
    record = RiskLevelRecord.objects.filter(child=child).latest("decided_at")
    assert (record.level, record.source) == ("high", RiskLevelSource.MEETING)
    assert "Multi-agency meeting determined high risk" in record.reason
    page = web.get(f"/meetings/{meeting.pk}/record/").content.decode()
    assert "High risk determined. Older men and a car: safety plan agreed." in page
    assert child.chronology.filter(kind="meeting", summary__contains="outcome: it determined high risk").exists()
    # Once only.
    page = web.post(f"/meetings/{meeting.pk}/outcome/", {"level": "low", "outcome": "Changed."}).content.decode()
    assert "already recorded" in page
    child.refresh_from_db()
    assert child.risk_level == "high"


def test_a_meeting_that_determines_low_routes_the_case_as_low_and_steps_it_down(partnership, signed_in, new_case):
    child = new_case
    meeting = decide_and_hold(partnership, signed_in, child)
    meeting_hold(meeting=meeting, by=partnership["firstresponse.nfd"])
    response = signed_in(partnership["firstresponse.nfd"]).post(
        f"/meetings/{meeting.pk}/outcome/", {"level": "low", "outcome": "The concern is not CSE."}
    )
    assert response.status_code == 302
    assert statuses(child) == {code: TaskStatus.CANCELLED for code in REFERRALS}
    child.refresh_from_db()
    assert (child.risk_level, child.holding_team.kind) == ("low", "early_help")
    assert Task.objects.get(child=child, code="early_help_assessment").status == TaskStatus.OPEN
    # "In all circumstances when the risk is reduced from either high or medium to low": the step-down.
    assert Task.objects.get(child=child, code="step_down_to_early_help").status == TaskStatus.OPEN
    assert Task.objects.get(child=child, code="refer_to_front_door").status == TaskStatus.WAITING


def test_the_outcome_by_api_is_for_those_who_run_the_meeting(partnership, signed_in, new_case):
    child = new_case
    meeting = decide_and_hold(partnership, signed_in, child)
    meeting_hold(meeting=meeting, by=partnership["firstresponse.nfd"])
    url = f"/api/v1/meetings/{meeting.pk}/outcome"
    screener = signed_in(partnership["screener.nfd"])  # sees the child, does not run its meeting
    assert screener.post(url, {"level": "low", "outcome": "No."}, content_type="application/json").status_code == 403
    runner = signed_in(partnership["firstresponse.nfd"])
    bad = runner.post(url, {"level": "very", "outcome": "x"}, content_type="application/json")
    assert bad.status_code == 400
    assert "level" in str(bad.json())
    assert statuses(child) == {code: TaskStatus.WAITING for code in REFERRALS}
    answer = runner.post(url, {"level": "medium", "outcome": "Plan agreed."}, content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert (answer.json()["outcome_level"], answer.json()["outcome"]) == ("medium", "Plan agreed.")
    assert statuses(child) == {code: TaskStatus.OPEN for code in REFERRALS}
