"""Risk assessment reviews due within 7 days or past are on the case holder's worklist (decision 0030)."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Role
from assessments.models import Assessment, AssessmentStatus
from tests.factories import CaseAllocationFactory, ChildFactory, TeamFactory, staff_user

pytestmark = pytest.mark.django_db


def _assessed(child, *, due: dt.date, by, tool) -> Assessment:
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
    )


def test_reviews_due_soon_or_past_are_on_the_case_holders_worklist(signed_in, assessment_tool):
    team = TeamFactory.create()
    holder = staff_user(team=team, role=Role.SOCIAL_WORKER)
    colleague = staff_user(team=team, role=Role.SOCIAL_WORKER)
    today = timezone.localdate()
    children = {}
    for name, days in (("Overdue", -2), ("Soon", 6), ("Later", 20)):
        child = ChildFactory.create(holding_team=team, last_name=name)
        CaseAllocationFactory.create(child=child, user=holder, role=Role.SOCIAL_WORKER)
        _assessed(child, due=today + dt.timedelta(days=days), by=holder, tool=assessment_tool)
        children[name] = child
    html = signed_in(holder).get("/tasks/").content.decode()
    assert "Risk assessment reviews due (2)" in html
    section = html[html.index('id="reviews-due"') :]
    assert 'govuk-tag--red">Overdue</strong>' in section
    assert section.index(children["Overdue"].full_name) < section.index(children["Soon"].full_name)
    assert children["Later"].full_name not in section
    # A colleague in the same team, who holds none of them, has no reviews on their worklist.
    assert 'id="reviews-due"' not in signed_in(colleague).get("/tasks/").content.decode()
