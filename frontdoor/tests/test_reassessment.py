"""Reviewing a risk assessment: a new assessment supersedes the last, never overwrites it, and a
change of band sets the procedure's tasks in motion."""

import pytest
from django.utils import timezone

from assessments.levels import RiskLevel
from assessments.models import Assessment, RiskLevelRecord, RiskLevelSource
from assessments.services import risk_level_record
from audit.models import AccessEvent
from children.case_status import CaseStatus
from children.models import Child
from frontdoor.models import Task

pytestmark = pytest.mark.usefixtures("assessment_tool")


def next_year() -> dict[str, str]:
    return {"review_day": "1", "review_month": "6", "review_year": str(timezone.localdate().year + 1)}


@pytest.fixture
def case(partnership):
    socialworker = partnership["socialworker.nfd"]
    child = socialworker.allocations.filter(child__case_status=CaseStatus.OPEN_SOCIAL_CARE).first().child
    return socialworker, child


def review(web, child, selected: dict[str, list[str]], level: str, reason: str = ""):
    response = web.post(f"/children/{child.id}/reassess/", selected)
    assert response.status_code == 302, response.content.decode()[:2000]
    confirm = response["Location"]
    return web.post(confirm, {"confirmed_level": level, "reason": reason, **next_year()})


def test_a_review_that_lowers_the_level_steps_the_case_down(signed_in, case):
    socialworker, child = case
    risk_level_record(child=child, level=RiskLevel.HIGH, by=socialworker, source=RiskLevelSource.ASSESSMENT)
    web = signed_in(socialworker)
    form = web.get(f"/children/{child.id}/reassess/").content.decode()
    assert form.count('class="app-domain"') == 14
    response = review(web, child, {}, "low")
    assessment = Assessment.objects.get(child=child)
    assert response["Location"] == f"/assessments/{assessment.pk}/"
    page = web.get(response["Location"]).content.decode()
    assert "Why the tool suggests low" in page
    assert page.count("govuk-summary-list__row") >= 14 + 5
    assert Task.objects.filter(child=child, code="step_down_to_early_help", status="open").exists()
    assert Task.objects.filter(child=child, code="refer_to_front_door", status="waiting").exists()
    assert RiskLevelRecord.objects.filter(child=child).latest("decided_at").level == "low"


def test_a_review_of_a_case_the_assessment_team_holds_gives_the_step_down_to_that_team(signed_in, partnership):
    """The referral to the Children and Families Assessment Team moves a new case there, open to social
    care: the case-holding social worker who steps it down is in that team, not in the area's first
    social care team, who do not know the child."""
    assessment_worker = partnership["assessment.nfd"]
    assessment_team = assessment_worker.teams.get()
    child = Child.objects.filter(responsible_authority=assessment_team.agency.area).first()
    assert child is not None
    child.holding_team = assessment_team
    child.case_status = CaseStatus.OPEN_SOCIAL_CARE
    child.save()
    risk_level_record(child=child, level=RiskLevel.MEDIUM, by=assessment_worker, source=RiskLevelSource.MEETING)
    web = signed_in(assessment_worker)
    review(web, child, {}, "low")
    step_down = Task.objects.get(child=child, code="step_down_to_early_help", status="open")
    assert step_down.team == assessment_team
    page = web.get("/tasks/").content.decode()
    assert f'href="/tasks/{step_down.pk}/"' in page
    child.refresh_from_db()
    assert child.holding_team == assessment_team


def test_a_second_review_supersedes_the_first_and_keeps_it(signed_in, case):
    socialworker, child = case
    web = signed_in(socialworker)
    review(web, child, {"domain_running_away_going_missing": ["going_missing"]}, "low")
    first = Assessment.objects.get(child=child)
    review(web, child, {"domain_running_away_going_missing": ["going_missing"]}, "high", "Seen with older men twice.")
    second = Assessment.objects.exclude(pk=first.pk).get(child=child)
    assert second.supersedes == first
    first.refresh_from_db()
    assert (first.confirmed_level, first.status) == ("low", "complete")  # never overwritten
    # A rise to high brings the referrals every medium or high risk case needs.
    codes = set(Task.objects.filter(child=child, status="open").values_list("code", flat=True))
    assert {"refer_to_designated_cse_worker", "refer_to_meg"} <= codes


def test_overriding_the_suggestion_needs_a_reason(signed_in, case):
    socialworker, child = case
    web = signed_in(socialworker)
    page = review(web, child, {}, "high").content.decode()
    assert "Enter why you confirm high when the tool suggests low" in page
    assert not Assessment.objects.filter(child=child, status="complete").exists()


def test_someone_who_cannot_see_the_child_cannot_review(signed_in, case, partnership):
    _, child = case
    stranger = signed_in(partnership["socialworker.sdl"])
    assert stranger.get(f"/children/{child.id}/reassess/").status_code == 404
    assert stranger.post(f"/children/{child.id}/reassess/", {}).status_code == 404
    assert not Assessment.objects.filter(child=child).exists()


def test_each_page_of_a_review_is_one_access_event(signed_in, case):
    socialworker, child = case
    web = signed_in(socialworker)
    before = AccessEvent.objects.count()
    web.get(f"/children/{child.id}/reassess/")
    assert AccessEvent.objects.count() == before + 1


def test_the_api_serves_an_assessment_with_every_domain_and_one_access_event(signed_in, case, partnership):
    socialworker, child = case
    web = signed_in(socialworker)
    review(web, child, {"domain_running_away_going_missing": ["going_missing"]}, "low")
    assessment = Assessment.objects.get(child=child)
    before = AccessEvent.objects.count()
    body = web.get(f"/api/v1/assessments/{assessment.pk}/").json()
    assert AccessEvent.objects.count() == before + 1
    assert len(body["domains"]) == 14
    assert body["confirmed_level"] == "low"
    assert body["tool"]["code"] == "cse-risk-assessment"
    assert signed_in(partnership["socialworker.sdl"]).get(f"/api/v1/assessments/{assessment.pk}/").status_code == 404
