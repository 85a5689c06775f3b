"""Step-down (rule 6), the under-13 / learning disability rule (rule 7) and escalation from Early Help (rule 8)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from children.case_status import CaseStatus
from frontdoor.models import Contact, EarlyHelpSupportPeriod, ReporterRelationship, Task, TaskStatus
from frontdoor.services.contacts import ContactDetails, contact_create
from frontdoor.services.screening import screening_answers_save, screening_decide, screening_start
from frontdoor.services.tasks import task_cancel, task_complete
from frontdoor.task_release import Outcome

pytestmark = pytest.mark.usefixtures("assessment_tool")


def screen(*, screener, child, level, case_status, immediate_risk=False):
    contact = contact_create(
        recorded_by=screener,
        child_id=child.id,
        details=ContactDetails(
            received_at=timezone.now(),
            reporter_relationship=ReporterRelationship.PROFESSIONAL,
            reporter_organisation="Northfield Academy",
            concern="A new concern.",
            immediate_risk=immediate_risk,
        ),
    )
    screening = screening_start(contact=contact, by=screener)
    screening_answers_save(
        screening=screening, case_status=case_status, selected=frozenset(), domain_notes={}, by=screener
    )
    screening_decide(
        screening=screening,
        by=screener,
        confirmed_level=level,
        reason="Practitioner's judgement.",
        review_due_on=timezone.localdate() + dt.timedelta(days=90),
    )
    return contact


def social_care_child(partnership):
    socialworker = partnership["socialworker.nfd"]
    child = socialworker.allocations.filter(child__case_status=CaseStatus.OPEN_SOCIAL_CARE).first().child
    risk_level_record(child=child, level=RiskLevel.HIGH, by=socialworker, source=RiskLevelSource.ASSESSMENT)
    return child


def test_a_fall_to_low_creates_the_step_down_and_tracks_three_months_of_support(partnership):
    screener, socialworker = partnership["screener.nfd"], partnership["socialworker.nfd"]
    child = social_care_child(partnership)
    screen(screener=screener, child=child, level=RiskLevel.LOW, case_status=CaseStatus.OPEN_SOCIAL_CARE)
    step_down = Task.objects.get(child=child, code="step_down_to_early_help")
    assert (step_down.status, step_down.support_months) == (TaskStatus.OPEN, 3)
    with pytest.raises(ValidationError, match="stepped down to Early Help or Early Help works alongside"):
        task_complete(task=step_down, by=socialworker, outcome=Outcome())
    task_complete(task=step_down, by=socialworker, outcome=Outcome(stepped_down=True))
    support = EarlyHelpSupportPeriod.objects.get(child=child)
    assert support.starts_on == timezone.localdate()
    assert (support.ends_on.year * 12 + support.ends_on.month) - (
        support.starts_on.year * 12 + support.starts_on.month
    ) == 3
    child.refresh_from_db()
    assert (child.holding_team.kind, child.case_status) == ("early_help", CaseStatus.OPEN_EARLY_HELP)
    # The lead worker now holds a standing instruction to refer any new or escalating risk back.
    assert Task.objects.get(child=child, code="refer_to_front_door").status == TaskStatus.WAITING


def test_no_step_down_without_a_fall(partnership):
    child = social_care_child(partnership)
    screen(
        screener=partnership["screener.nfd"], child=child, level=RiskLevel.HIGH, case_status=CaseStatus.OPEN_SOCIAL_CARE
    )
    assert not Task.objects.filter(child=child, code="step_down_to_early_help").exists()


def test_a_lead_worker_refers_an_escalating_risk_back_in_one_action(partnership, signed_in):
    screener, earlyhelp = partnership["screener.nfd"], partnership["earlyhelp.nfd"]
    child = earlyhelp.allocations.filter(child__case_status=CaseStatus.OPEN_EARLY_HELP).first().child
    screen(screener=screener, child=child, level=RiskLevel.LOW, case_status=CaseStatus.OPEN_EARLY_HELP)
    standing = Task.objects.get(child=child, code="refer_to_front_door")
    assert standing.status == TaskStatus.WAITING

    web = signed_in(earlyhelp)
    page = web.post(f"/children/{child.id}/refer-to-front-door/", {"immediate_risk": "no"}).content.decode()
    assert "Enter the new or escalating risk" in page
    page = web.post(
        f"/children/{child.id}/refer-to-front-door/",
        {"concern": "Now staying out all night with older men.", "immediate_risk": "no"},
    ).content.decode()
    assert "Referral sent to the front door" in page
    standing.refresh_from_db()
    assert standing.status == TaskStatus.DONE
    referral = Contact.objects.filter(child=child).latest("recorded_at")
    assert referral.recorded_by == earlyhelp
    # It waits in the front door's queue.
    assert referral.reference in signed_in(screener).get("/tasks/").content.decode()


def test_a_concern_about_a_child_under_13_cannot_be_closed_without_the_front_door(partnership):
    screener, earlyhelp = partnership["screener.nfd"], partnership["earlyhelp.nfd"]
    child = earlyhelp.allocations.filter(child__case_status=CaseStatus.OPEN_EARLY_HELP).first().child
    child.date_of_birth = timezone.localdate() - dt.timedelta(days=365 * 11)
    child.save()
    screen(screener=screener, child=child, level=RiskLevel.LOW, case_status=CaseStatus.OPEN_EARLY_HELP)
    standing = Task.objects.get(child=child, code="refer_to_front_door")
    assert standing.condition == "any_new_concern"
    with pytest.raises(ValidationError, match="cannot be closed without the front door"):
        task_cancel(task=standing, by=earlyhelp, reason="No longer needed.")
    task_cancel(task=standing, by=screener, reason="Closed by the front door after review.")
    standing.refresh_from_db()
    assert standing.status == TaskStatus.CANCELLED
