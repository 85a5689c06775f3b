"""Procedure correction 6 (decision 0026): "The MEG's 'new' means newly referred to this meeting, and
stays true after the social worker completes the referral task; the strategic summary counts it so."

New used to mean "a referral task is still open": a social worker who did the referral before the
meeting made the child disappear from the new referrals and from the summary's count."""

import datetime as dt

import pytest
from django.utils import timezone

from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from frontdoor.models import Task, TaskStatus
from frontdoor.routing import TaskCode
from frontdoor.services.tasks import task_complete
from frontdoor.task_release import Outcome
from meetings.models import Meeting, MeetingKind, MeetingStatus
from meetings.selectors.agenda import meeting_agenda
from meetings.selectors.summary import meeting_summary_read
from meetings.services.records import meeting_hold
from tests.factories import ChildFactory

CORRECTION_6 = (
    "The MEG's 'new' means newly referred to this meeting, and stays true after the social worker completes the "
    "referral task; the strategic summary counts it so."
)


def days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


@pytest.fixture
def scene(partnership):
    """Last month's MEG was held 30 days ago; five children were referred since, and the social worker
    has done every referral task; one more child was referred before last month's meeting."""
    social_worker = partnership["socialworker.nfd"]
    team = social_worker.teams.get()
    area = team.agency.area
    Meeting.objects.create(
        kind=MeetingKind.MEG, area=area, starts_at=days_ago(30), held_at=days_ago(30), status=MeetingStatus.HELD
    )
    meeting = Meeting.objects.create(kind=MeetingKind.MEG, area=area, starts_at=timezone.now() + dt.timedelta(days=5))
    children = [ChildFactory.create(holding_team=team, home_authority=area) for _ in range(6)]
    assert all(child.responsible_authority == area for child in children)
    referred, earlier = children[:5], children[5]
    for child in children:
        risk_level_record(
            child=child,
            level=RiskLevel.HIGH,
            by=social_worker,
            source=RiskLevelSource.ASSESSMENT,
            decided_at=days_ago(40),
        )
    for days, child in [(10, c) for c in referred] + [(35, earlier)]:
        task = Task.objects.create(
            child=child,
            code=TaskCode.REFER_TO_MEG,
            owner="case_holding_social_worker",
            team=team,
            status=TaskStatus.OPEN,
            reason="Refer to the MEG.",
            created_at=days_ago(days),
        )
        if child in referred:
            task_complete(task=task, by=social_worker, outcome=Outcome())
    return meeting, referred, earlier


def test_a_child_referred_since_the_last_meeting_stays_new_after_the_referral_task_is_done(
    signed_in, partnership, scene
):
    meeting, referred, earlier = scene
    assert not Task.objects.filter(child__in=referred, status=TaskStatus.OPEN).exists()
    new = {entry.child_id: entry.new for entry in meeting_agenda(meeting=meeting).children}
    assert all(new[child.id] for child in referred), CORRECTION_6
    assert new[earlier.id] is False  # referred to last month's meeting, not to this one
    page = signed_in(partnership["megsupport.nfd"]).get(f"/meetings/{meeting.pk}/").content.decode()
    assert page.count("New referral") == len(referred)
    api = signed_in(partnership["megsupport.nfd"]).get(f"/api/v1/meetings/{meeting.pk}/agenda-items").json()
    assert sorted(child["child_id"] for child in api["children"] if child["new"]) == sorted(
        str(child.id) for child in referred
    )


def test_the_strategic_summary_counts_them_as_new_before_and_after_the_meeting_is_held(partnership, scene):
    meeting, referred, _ = scene

    def new_count() -> tuple[str, ...]:
        summary = meeting_summary_read(meeting=meeting)
        changes = next(table for table in summary.tables if table.title.startswith("Changes to the agenda"))
        return next(row.shown for row in changes.rows if row.label == "New to the agenda")

    assert new_count() == (str(len(referred)),), CORRECTION_6
    meeting_hold(meeting=meeting, by=partnership["megsupport.nfd"])
    assert sorted(meeting.agenda_items.filter(new=True).values_list("child_id", flat=True)) == sorted(
        child.id for child in referred
    )
    assert new_count() == (str(len(referred)),)


def test_once_the_meeting_is_held_the_next_one_does_not_count_them_new(partnership, scene):
    meeting, referred, _ = scene
    meeting_hold(meeting=meeting, by=partnership["megsupport.nfd"])
    following = Meeting.objects.create(
        kind=MeetingKind.MEG, area=meeting.area, starts_at=meeting.starts_at + dt.timedelta(days=28)
    )
    new = {entry.child_id: entry.new for entry in meeting_agenda(meeting=following).children}
    assert not any(new[child.id] for child in referred)
