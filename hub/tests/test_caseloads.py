"""My caseload on the home page and a team manager's team caseload (decision 0030): the columns a worker
works from, filters, sorting, paging in the database, one access event per page, no query per child."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Role
from assessments.levels import RiskLevel
from assessments.models import Assessment, AssessmentStatus, RiskLevelSource
from assessments.services import risk_level_record
from audit.models import AccessAction
from children.models import CaseAllocation, Child
from frontdoor.models import Task, TaskStatus
from frontdoor.routing import Owner, TaskCode
from tests.factories import (
    CaseAllocationFactory,
    ChildFactory,
    MembershipFactory,
    MissingEpisodeFactory,
    TeamFactory,
    read_events,
    staff_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory.create(name="Social Care Team North")


@pytest.fixture
def worker(team):
    return staff_user(team=team, role=Role.SOCIAL_WORKER)


@pytest.fixture
def manager(team):
    return staff_user(team=team, role=Role.TEAM_MANAGER)


def _allocated(worker, team, **names) -> Child:
    child = ChildFactory.create(holding_team=team, **names)
    CaseAllocationFactory.create(child=child, user=worker, role=Role.SOCIAL_WORKER)
    return child


def _assessed(child: Child, *, review_due_on: dt.date, by, tool) -> None:
    Assessment.objects.create(
        child=child,
        tool=tool,
        status=AssessmentStatus.COMPLETE,
        suggested_level="high",
        confirmed_level="high",
        review_due_on=review_due_on,
        created_by=by,
        completed_by=by,
        completed_at=timezone.now(),
    )


def _row_of(html: str, name: str) -> str:
    found = re.search(r"<tr class=\"govuk-table__row\">(?:(?!</tr>).)*" + re.escape(name) + r".*?</tr>", html, re.S)
    assert found, f"{name} is not on the page"
    return found.group(0)


def _cells(row: str) -> list[str]:
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_my_caseload_shows_what_a_worker_works_from(signed_in, worker, team, assessment_tool):
    today = timezone.localdate()
    rising = _allocated(worker, team, first_name="Ayla", last_name="Brennan")
    risk_level_record(child=rising, level=RiskLevel.MEDIUM, by=worker, source=RiskLevelSource.ASSESSMENT)
    risk_level_record(child=rising, level=RiskLevel.HIGH, by=worker, source=RiskLevelSource.ASSESSMENT)
    _assessed(rising, review_due_on=today - dt.timedelta(days=3), by=worker, tool=assessment_tool)
    MissingEpisodeFactory.create(child=rising, started_at=timezone.now() - dt.timedelta(days=10))
    MissingEpisodeFactory.create(child=rising, started_at=timezone.now() - dt.timedelta(days=40))
    MissingEpisodeFactory.create(child=rising, started_at=timezone.now() - dt.timedelta(days=120))
    for code in (TaskCode.REFER_TO_MEG, TaskCode.REQUEST_POLICE_INTELLIGENCE):
        Task.objects.create(
            child=rising,
            code=code,
            owner=Owner.CASE_HOLDING_SOCIAL_WORKER,
            team=team,
            status=TaskStatus.OPEN,
            reason="-",
        )
    Task.objects.create(
        child=rising, code=TaskCode.LIAISE_WITH_HOST_AUTHORITY, owner=Owner.CASE_HOLDING_SOCIAL_WORKER, team=team,
        status=TaskStatus.DONE, reason="-",
    )  # fmt: skip
    quiet = _allocated(worker, team, first_name="Callum", last_name="Dorsey")
    not_mine = ChildFactory.create(holding_team=team, first_name="Esme", last_name="Fairley")

    html = signed_in(worker).get("/").content.decode()
    assert "My caseload" in html
    assert "Esme Fairley" not in html
    cells = _cells(_row_of(html, "Ayla Brennan"))
    assert cells[1] == "High"
    assert cells[2] == "Up Medium → High"
    assert cells[3] == "2"  # two episodes in the last 90 days, not the one 120 days ago
    assert "Overdue" in cells[4]
    assert cells[5] == "2"  # the open tasks, not the done one
    quiet_cells = _cells(_row_of(html, "Callum Dorsey"))
    assert quiet_cells[1:6] == ["Not assessed", "Not known No level → No level", "0", "None set", "0"]
    # Highest level first by default.
    assert html.index("Ayla Brennan") < html.index("Callum Dorsey")
    event = read_events().get(action=AccessAction.LIST)
    assert sorted(event.object_ids) == sorted([str(rising.id), str(quiet.id)])
    assert str(not_mine.id) not in event.object_ids


def test_filters_and_sorting(signed_in, worker, team, assessment_tool):
    today = timezone.localdate()
    high = _allocated(worker, team, first_name="Zoe", last_name="Zimmer")
    risk_level_record(child=high, level=RiskLevel.HIGH, by=worker, source=RiskLevelSource.ASSESSMENT)
    missing = _allocated(worker, team, first_name="Amir", last_name="Abbott")
    MissingEpisodeFactory.create(child=missing, started_at=timezone.now() - dt.timedelta(days=5))
    overdue = _allocated(worker, team, first_name="Mia", last_name="Moss")
    _assessed(overdue, review_due_on=today - dt.timedelta(days=1), by=worker, tool=assessment_tool)
    client = signed_in(worker)

    def names(query: str) -> list[str]:
        html = client.get(f"/?{query}").content.decode()
        return [name for name in ("Zoe Zimmer", "Amir Abbott", "Mia Moss") if name in html]

    assert names("level=high") == ["Zoe Zimmer"]
    assert names("level=none") == ["Amir Abbott", "Mia Moss"]
    assert names("missing=on") == ["Amir Abbott"]
    assert names("review_overdue=on") == ["Mia Moss"]
    by_name = client.get("/?sort=name").content.decode()
    assert by_name.index("Amir Abbott") < by_name.index("Mia Moss") < by_name.index("Zoe Zimmer")
    by_missing = client.get("/?sort=missing").content.decode()
    assert by_missing.index("Amir Abbott") < by_missing.index("Mia Moss")
    # Something not understood is left out, not an error.
    assert client.get("/?level=extreme&sort=nonsense").status_code == 200


def test_the_team_caseload_pages_in_the_database_with_no_query_per_child(signed_in, manager, worker, team):
    children = [ChildFactory.create(holding_team=team, last_name=f"Pagett{index:02d}") for index in range(30)]
    CaseAllocationFactory.create(child=children[0], user=worker, role=Role.SOCIAL_WORKER)
    ChildFactory.create(last_name="Elsewhere")
    client = signed_in(manager)
    first = client.get("/caseload/team/?sort=name")
    assert first.status_code == 200
    html = first.content.decode()
    assert "Showing 1 to 25 of 30 children" in html
    assert "Pagett00" in html and "Pagett25" not in html  # noqa: PT018
    assert worker.display_name in _row_of(html, "Pagett00")
    assert "sort=name&amp;page=2" in html  # the next page keeps the sorting
    second = client.get("/caseload/team/?sort=name&page=2").content.decode()
    assert "Pagett25" in second and "Pagett00" not in second  # noqa: PT018
    assert "Elsewhere" not in html + second
    event = read_events().filter(action=AccessAction.LIST).order_by("-id").first()
    assert event is not None
    assert len(event.object_ids) == 5

    with CaptureQueriesContext(connection) as few:
        client.get("/caseload/team/?page=2")
    with CaptureQueriesContext(connection) as many:
        client.get("/caseload/team/")
    assert len(many) == len(few), "a query per child on the page"


def test_only_a_team_manager_has_a_team_caseload(signed_in, worker, manager, team):
    assert signed_in(worker).get("/caseload/team/").status_code == 404
    assert "See your team&#x27;s caseload" not in signed_in(worker).get("/").content.decode()
    assert "/caseload/team/" in signed_in(manager).get("/").content.decode()
    # A manager of two teams may look at one of them.
    other = TeamFactory.create(agency=team.agency, name="Social Care Team South")
    MembershipFactory.create(user=manager, team=other, role=Role.TEAM_MANAGER)
    ChildFactory.create(holding_team=team, last_name="Northern")
    ChildFactory.create(holding_team=other, last_name="Southern")
    client = signed_in(manager)
    both = client.get("/caseload/team/").content.decode()
    assert "Northern" in both and "Southern" in both  # noqa: PT018
    one = client.get(f"/caseload/team/?team={other.pk}").content.decode()
    assert "Southern" in one and "Northern" not in one  # noqa: PT018


def test_an_ended_allocation_leaves_my_caseload(signed_in, worker, team):
    child = _allocated(worker, team, last_name="Leaving")
    client = signed_in(worker)
    assert "Leaving" in client.get("/").content.decode()
    CaseAllocation.objects.filter(child=child).update(ended_at=timezone.now())
    assert "Leaving" not in client.get("/").content.decode()
