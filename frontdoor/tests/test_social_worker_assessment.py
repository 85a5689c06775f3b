"""Open to Social Care: the social worker's risk assessment decides the referrals (seed 003, 2.2).

Seed 003, 2.2, "If the case is open to Children's Social Care": "The CAP will forward to the case
holding social worker with 24 hours, the social worker will complete the CSE risk assessment form to
determine the level of risk. ... If medium or high risk the Social Worker must refer to the Designated
CSE worker and Darlington Safeguarding Partnership Missing and Exploited Children Group."

So the referrals follow the level of the social worker's assessment, not the level the front door
screened, and "Complete the CSE risk assessment" is done only when such an assessment is.
"""

import pytest
from django.utils import timezone

from assessments.levels import RiskLevel
from children.case_status import CaseStatus
from frontdoor.models import Task, TaskStatus
from frontdoor.tests.test_step_down_and_referrals import screen

pytestmark = pytest.mark.usefixtures("assessment_tool")

REFERRALS = ("refer_to_designated_cse_worker", "refer_to_meg")


def next_year() -> dict[str, str]:
    return {"review_day": "1", "review_month": "6", "review_year": str(timezone.localdate().year + 1)}


def social_care_case(partnership, level: RiskLevel):
    socialworker = partnership["socialworker.nfd"]
    child = socialworker.allocations.filter(child__case_status=CaseStatus.OPEN_SOCIAL_CARE).first().child
    screen(screener=partnership["screener.nfd"], child=child, level=level, case_status=CaseStatus.OPEN_SOCIAL_CARE)
    return socialworker, child


def referral_statuses(child) -> dict[str, str]:
    return {code: Task.objects.get(child=child, code=code).status for code in REFERRALS}


def assess(web, child, level: str, reason: str) -> None:
    response = web.post(f"/children/{child.id}/reassess/", {})
    assert response.status_code == 302, response.content.decode()[:2000]
    response = web.post(response["Location"], {"confirmed_level": level, "reason": reason, **next_year()})
    assert response.status_code == 302, response.content.decode()[:2000]


def complete_assessment_task(web, child, new_concerns: str = "no"):
    task = Task.objects.get(child=child, code="complete_risk_assessment")
    return task, web.post(f"/tasks/{task.pk}/", {"action": "complete", "new_concerns": new_concerns})


@pytest.mark.parametrize("screened", [RiskLevel.LOW, RiskLevel.HIGH])
def test_the_referrals_wait_for_the_social_workers_assessment_whatever_the_front_door_screened(
    partnership, signed_in, screened
):
    socialworker, child = social_care_case(partnership, screened)
    assert referral_statuses(child) == {code: TaskStatus.WAITING for code in REFERRALS}
    page = signed_in(socialworker).get(f"/tasks/{Task.objects.get(child=child, code='refer_to_meg').pk}/")
    assert "if the social worker&#x27;s risk assessment finds medium or high risk" in page.content.decode()


def test_the_task_cannot_be_done_without_an_assessment_completed_after_it_was_set(partnership, signed_in):
    socialworker, child = social_care_case(partnership, RiskLevel.HIGH)
    web = signed_in(socialworker)
    # The front door's screening assessment was completed before the task was set: it does not count.
    task, response = complete_assessment_task(web, child)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Complete a CSE risk assessment of the child first" in page
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN
    assert referral_statuses(child) == {code: TaskStatus.WAITING for code in REFERRALS}


def test_screened_high_but_assessed_low_by_the_social_worker_cancels_the_referrals(partnership, signed_in):
    socialworker, child = social_care_case(partnership, RiskLevel.HIGH)
    web = signed_in(socialworker)
    assess(web, child, "low", "Seen at home: the concern was a misunderstanding.")
    task, response = complete_assessment_task(web, child)
    assert response.status_code == 302, response.content.decode()[:3000]
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.outcome["assessed_level"] == "low"
    assert referral_statuses(child) == {code: TaskStatus.CANCELLED for code in REFERRALS}
    # The child does not join the MEG: nothing about them waits before the next MEG.
    assert not Task.objects.filter(child=child, code="refer_to_meg", status=TaskStatus.OPEN).exists()


def test_screened_low_but_assessed_high_by_the_social_worker_releases_the_referrals(partnership, signed_in):
    socialworker, child = social_care_case(partnership, RiskLevel.LOW)
    web = signed_in(socialworker)
    assess(web, child, "high", "Going missing with older men, seen twice.")
    _task, response = complete_assessment_task(web, child, new_concerns="yes")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert referral_statuses(child) == {code: TaskStatus.OPEN for code in REFERRALS}
    chronology = signed_in(socialworker).get(f"/children/{child.id}/").content.decode()
    assert "The social worker&#x27;s risk assessment found high risk." in chronology
