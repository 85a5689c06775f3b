"""Risk assessment reviews due within 7 days or past are emailed to the case holder once (decision 0036)."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Role
from assessments.models import Assessment, AssessmentStatus
from frontdoor.models import ReviewReminder
from tests.factories import CaseAllocationFactory, ChildFactory, TeamFactory, staff_user

pytestmark = pytest.mark.django_db


def _assessed(child, *, due: dt.date, by, tool, supersedes: Assessment | None = None) -> Assessment:
    return Assessment.objects.create(
        child=child,
        tool=tool,
        status=AssessmentStatus.COMPLETE,
        suggested_level="medium",
        confirmed_level="medium",
        review_due_on=due,
        created_by=by,
        completed_by=by,
        completed_at=timezone.now(),
        supersedes=supersedes,
    )


def send() -> str:
    out = io.StringIO()
    call_command("send_reminders", stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def team():
    return TeamFactory.create(email="north-cse@example.org")


@pytest.fixture
def holder(team):
    return staff_user(team=team, role=Role.SOCIAL_WORKER, email="holder@example.org")


def _held_child(team, holder, *, last_name: str):
    child = ChildFactory.create(holding_team=team, first_name="Marnie", last_name=last_name)
    CaseAllocationFactory.create(child=child, user=holder, role=Role.SOCIAL_WORKER)
    return child


def test_each_review_due_soon_or_past_is_sent_once_to_the_case_holder_naming_no_child(team, holder, assessment_tool):
    today = timezone.localdate()
    soon = _held_child(team, holder, last_name="Soonwell")
    late = _held_child(team, holder, last_name="Latterby")
    later = _held_child(team, holder, last_name="Farahead")
    _assessed(soon, due=today + dt.timedelta(days=7), by=holder, tool=assessment_tool)
    _assessed(late, due=today - dt.timedelta(days=1), by=holder, tool=assessment_tool)
    _assessed(later, due=today + dt.timedelta(days=8), by=holder, tool=assessment_tool)

    assert send().startswith("Sent 2 reminder(s): 0 for tasks, 2 for risk assessment reviews.")
    assert send().startswith("Sent 0 reminder(s)")

    assert len(mail.outbox) == 2
    by_subject = {message.subject: message for message in mail.outbox}
    overdue = by_subject["CSE Hub: a risk assessment review is overdue"]
    due = by_subject["CSE Hub: a risk assessment review is due within 7 days"]
    assert overdue.to == due.to == ["holder@example.org"]
    assert f"/children/{late.id}/reassess/" in overdue.body
    assert f"/children/{soon.id}/reassess/" in due.body
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}"
        for child in (soon, late, later):
            assert child.first_name not in text
            assert child.last_name not in text
            assert child.reference not in text
    assert sorted(ReviewReminder.objects.values_list("kind", flat=True)) == ["due", "overdue"]
    assert ReviewReminder.objects.get(kind="overdue").recipients == ["holder@example.org"]


def test_a_review_due_soon_is_reminded_again_once_it_is_overdue(team, holder, assessment_tool):
    child = _held_child(team, holder, last_name="Twiceover")
    today = timezone.localdate()
    assessment = _assessed(child, due=today + dt.timedelta(days=2), by=holder, tool=assessment_tool)
    send()
    Assessment.objects.filter(pk=assessment.pk).update(review_due_on=today - dt.timedelta(days=1))
    send()
    send()
    assert [m.subject for m in mail.outbox] == [
        "CSE Hub: a risk assessment review is due within 7 days",
        "CSE Hub: a risk assessment review is overdue",
    ]


def test_without_a_case_holder_the_holding_teams_mailbox_is_reminded(team, holder, assessment_tool):
    child = ChildFactory.create(holding_team=team)
    ended = CaseAllocationFactory.create(child=child, user=holder, role=Role.SOCIAL_WORKER)
    ended.ended_at = timezone.now()
    ended.save()
    CaseAllocationFactory.create(child=child, role=Role.LEAD_WORKER)  # not the case holder
    _assessed(child, due=timezone.localdate(), by=holder, tool=assessment_tool)
    send()
    assert [m.to for m in mail.outbox] == [["north-cse@example.org"]]


def test_a_team_without_a_mailbox_has_its_managers_reminded(holder, assessment_tool):
    team = TeamFactory.create(email="")
    staff_user(team=team, role=Role.TEAM_MANAGER, email="manager@example.org")
    staff_user(team=team, role=Role.SOCIAL_WORKER, email="colleague@example.org")
    child = ChildFactory.create(holding_team=team)
    _assessed(child, due=timezone.localdate(), by=holder, tool=assessment_tool)
    send()
    assert [m.to for m in mail.outbox] == [["manager@example.org"]]


def test_nobody_to_remind_is_said_and_nothing_recorded(holder, assessment_tool):
    child = ChildFactory.create(holding_team=TeamFactory.create(email=""))
    _assessed(child, due=timezone.localdate(), by=holder, tool=assessment_tool)
    err = io.StringIO()
    call_command("send_reminders", stdout=io.StringIO(), stderr=err)
    assert "1 review(s) due have no one with an email address to remind." in err.getvalue()
    assert not ReviewReminder.objects.exists()
    assert mail.outbox == []


def test_only_the_latest_assessment_counts_and_closed_cases_get_none(team, holder, assessment_tool):
    today = timezone.localdate()
    reviewed = _held_child(team, holder, last_name="Reviewed")
    old = _assessed(reviewed, due=today - dt.timedelta(days=30), by=holder, tool=assessment_tool)
    _assessed(reviewed, due=today + dt.timedelta(days=60), by=holder, tool=assessment_tool, supersedes=old)
    closed = _held_child(team, holder, last_name="Closedown")
    _assessed(closed, due=today - dt.timedelta(days=3), by=holder, tool=assessment_tool)
    closed.closed_at = timezone.now()
    closed.save()
    draft = _held_child(team, holder, last_name="Drafted")
    Assessment.objects.create(
        child=draft, tool=assessment_tool, status=AssessmentStatus.DRAFT, review_due_on=today, created_by=holder
    )
    assert send().startswith("Sent 0 reminder(s)")
    assert mail.outbox == []
