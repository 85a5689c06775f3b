"""Every fall from medium or high to low steps the case down, and the end of the support is followed up.

Seed 003, 2.2: "In all circumstances when the risk is reduced from either high or medium to low, the
case holding Social Worker should always ensure that the case is either stepped down or worked
alongside Social Care to ensure additional low level support is offered by an Early Help practitioner
for a period of up to 3 months".
"""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from assessments.levels import RiskLevel
from children.access import child_visible_queryset
from children.case_status import CaseStatus
from frontdoor.models import EarlyHelpSupportPeriod, Task, TaskStatus
from frontdoor.routing import level_fell_to_low
from frontdoor.services.reminders import reminders_send
from frontdoor.tests.test_step_down_and_referrals import screen
from meetings.models import MegSchedule
from meetings.services.schedule import meg_meetings_schedule

pytestmark = pytest.mark.usefixtures("assessment_tool")


@pytest.mark.parametrize(
    ("previous", "current", "fell"),
    [
        ("high", "low", True),
        ("medium", "low", True),
        ("high", "medium", False),  # reduced, but not to low
        ("low", "low", False),
        (None, "low", False),  # never medium or high: nothing to step down from
        ("low", "high", False),
    ],
)
def test_the_one_rule_says_when_the_level_fell_to_low(previous, current, fell):
    assert level_fell_to_low(previous=previous, current=current) is fell


def test_the_megs_risk_reduced_decision_steps_the_case_down_and_the_end_of_support_is_followed_up(
    partnership, signed_in
):
    screener, support = partnership["screener.nfd"], partnership["megsupport.nfd"]
    socialworker = partnership["socialworker.nfd"]
    child = child_visible_queryset(socialworker).order_by("reference").first()
    assert child is not None
    screen(screener=screener, child=child, level=RiskLevel.HIGH, case_status=CaseStatus.OPEN_EARLY_HELP)
    area = child.responsible_authority
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10))
    meeting = meg_meetings_schedule(area=area, months=1)[0]
    assert not Task.objects.filter(child=child, code="step_down_to_early_help").exists()

    response = signed_in(support).post(f"/meetings/{meeting.pk}/remove/{child.id}/", {"reason": "risk_reduced"})
    assert response.status_code == 302, response.content.decode()[:2000]
    child.refresh_from_db()
    assert child.risk_level == "low"
    step_down = Task.objects.get(child=child, code="step_down_to_early_help")
    assert (step_down.status, step_down.support_months) == (TaskStatus.OPEN, 3)

    assert step_down.team is not None
    lead = step_down.team.members.first()
    assert lead is not None
    page = signed_in(lead).post(f"/tasks/{step_down.pk}/", {"action": "complete", "stepped_down": "no"})
    assert page.status_code == 302, page.content.decode()[:2000]
    support_period = EarlyHelpSupportPeriod.objects.get(child=child)
    follow_up = Task.objects.get(child=child, code="review_end_of_early_help_support")
    assert follow_up.status == TaskStatus.OPEN
    assert timezone.localtime(follow_up.due_at).date() == support_period.ends_on
    assert follow_up.team is not None
    assert follow_up.due_at is not None
    assert follow_up.team.kind == "early_help"
    early_help = follow_up.team.members.first()
    assert "Review the child as the Early Help support ends" in signed_in(early_help).get("/tasks/").content.decode()

    # The reminders chase it when the 3 months end, and not before.
    mail.outbox.clear()
    reminders_send(now=timezone.now())
    assert not [m for m in mail.outbox if f"/tasks/{follow_up.pk}/" in m.body]
    reminders_send(now=follow_up.due_at + dt.timedelta(hours=1))
    assert [m for m in mail.outbox if f"/tasks/{follow_up.pk}/" in m.body]
