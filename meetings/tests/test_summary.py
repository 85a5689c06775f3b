"""The MEG's strategic summary for MESA (issue 4, item 7): de-identified counts, small ones suppressed,
for the MEG's own people and the partnership's analysts, and for no one else."""

import csv
import datetime as dt
import io
import re

import pytest
from django.utils import timezone

from accounts.models import Agency, AgencyKind
from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from audit.models import AccessEvent
from children.models import Child, MissingEpisode
from frontdoor.concern_codes import GroomingModel, Setting
from frontdoor.models import Contact, ReporterRelationship
from meetings.models import (
    Action,
    ContextualItem,
    ContextualKind,
    Meeting,
    MeetingKind,
    MeetingStatus,
    MegSchedule,
    Plan,
    PlanKind,
    RemovalReason,
)
from meetings.services.agenda import agenda_removal_record
from meetings.services.schedule import meg_meetings_schedule
from meetings.summary import SummaryAction, SummaryChild, SummaryFacts, meeting_summary_build
from tests.factories import ChildFactory

# --- The pure rule ------------------------------------------------------------------------------


def build(children, *, removals=(), kinds=(), actions=()):
    return meeting_summary_build(
        facts=SummaryFacts(
            children=children, removal_reasons=list(removals), contextual_kinds=list(kinds), actions=list(actions)
        ),
        levels=[("high", "High"), ("medium", "Medium")],
        removal_reasons=["Moved away", "Turned 18"],
        contextual_kinds=["Location of concern", "Vehicle"],
        grooming_models=[("party", "Party"), ("peer_on_peer", "Peer on peer")],
        settings=[("online", "Online")],
        agency_kinds=["Health", "Police"],
    )


def child(level="high", *, new=False, missing=0, models=(), settings=()):
    return SummaryChild(
        level=level, new=new, missing_episodes=missing, grooming_models=frozenset(models), settings=frozenset(settings)
    )


def cells(summary) -> dict[tuple[str, str], tuple[str, ...]]:
    found = {}
    for table in summary.tables:
        for row in [*table.rows, *([table.total] if table.total else [])]:
            found[(table.title.split(",")[0].split(":")[-1].strip(), row.label)] = row.shown
    return found


def test_counts_of_5_or_more_are_shown_and_zero_is_zero():
    summary = cells(build([child("high", new=True, missing=2, models=["party"]) for _ in range(5)]))
    assert summary[("Children on the agenda", "High")] == ("5",)
    assert summary[("Children on the agenda", "Medium")] == ("0",)
    assert summary[("Children on the agenda", "Total")] == ("5",)
    assert summary[("Changes to the agenda", "New to the agenda")] == ("5",)
    assert summary[("grooming models recorded for the children on the agenda", "Party")] == ("5",)
    assert summary[("Missing from home since the last meeting", "Missing episodes")] == ("10",)
    assert summary[("Missing from home since the last meeting", "Children who went missing")] == ("5",)


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_every_count_from_1_to_4_is_fewer_than_5(count):
    summary = cells(
        build(
            [child("medium", new=True, missing=1, models=["peer_on_peer"], settings=["online"]) for _ in range(count)],
            removals=["Turned 18"] * count,
            kinds=["Vehicle"] * count,
            actions=[SummaryAction("Health", overdue=True)] * count,
        )
    )
    shown = {value for values in summary.values() for value in values}
    assert shown <= {"0", "fewer than 5"}
    assert summary[("Children on the agenda", "Medium")] == ("fewer than 5",)
    assert summary[("Children taken off the agenda at this meeting", "Turned 18")] == ("fewer than 5",)
    assert summary[("Contextual items discussed", "Vehicle")] == ("fewer than 5",)
    assert summary[("Open actions of the plans on this agenda", "Health")] == ("fewer than 5", "fewer than 5")


def test_a_lone_hidden_count_cannot_be_worked_out_from_the_total():
    summary = cells(build([child("high")] * 6 + [child("medium")] * 2))
    assert summary[("Children on the agenda", "Medium")] == ("fewer than 5",)
    assert summary[("Children on the agenda", "High")] == ("not shown",)
    assert summary[("Children on the agenda", "Total")] == ("8",)


def test_an_agency_kind_outside_the_list_still_counts():
    summary = cells(build([], actions=[SummaryAction("Licensing", overdue=False)] * 5))
    assert summary[("Open actions of the plans on this agenda", "Licensing")] == ("5", "0")


# --- Through the pages --------------------------------------------------------------------------


def days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


@pytest.fixture
def meeting(partnership) -> Meeting:
    support, screener = partnership["megsupport.nfd"], partnership["screener.nfd"]
    area = support.teams.get().agency.area
    first, second, third = Child.objects.filter(responsible_authority=area).order_by("reference")[:3]
    other_area = Child.objects.exclude(responsible_authority=area).order_by("reference")[0]
    removed = ChildFactory.create(holding_team=first.holding_team, first_name="Tamsin", last_name="Oakhurst")
    for child, level in ((first, "high"), (second, "high"), (third, "medium"), (other_area, "high"), (removed, "high")):
        risk_level_record(
            child=child, level=RiskLevel(level), decided_at=days_ago(20), by=screener, source=RiskLevelSource.ASSESSMENT
        )
    Meeting.objects.create(kind=MeetingKind.MEG, area=area, starts_at=days_ago(30), status=MeetingStatus.HELD)
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10), location="Town hall")
    meeting = meg_meetings_schedule(area=area, months=2)[0]
    agenda_removal_record(meeting=meeting, child=removed, reason=RemovalReason.MOVED_AWAY, note="", by=support)
    MissingEpisode.objects.create(child=first, started_at=days_ago(3), reported_by="Mother", recorded_by=support)
    Contact.objects.create(
        reference="CON-SUMMARY-1",
        child=first,
        received_at=days_ago(25),
        recorded_by=screener,
        reporter_relationship=ReporterRelationship.PROFESSIONAL,
        concern="Seen with older men at the Mill Lane takeaway.",
        immediate_risk=False,
        grooming_models=[GroomingModel.PARTY],
        setting=Setting.BOTH,
    )
    plan = Plan.objects.create(area=area, kind=PlanKind.SAFEGUARDING, child=first, created_by=support)
    Action.objects.create(
        plan=plan,
        description="Check-in",
        owning_agency=Agency.objects.get(area=area, kind=AgencyKind.HEALTH),
        due_on=timezone.localdate() - dt.timedelta(days=1),
        created_by=support,
    )
    item = ContextualItem.objects.create(
        area=area, kind=ContextualKind.PERPETRATOR, title="Man known as Kay", created_by=support
    )
    item.children.set([first])
    return meeting


def rows(page: str) -> dict[str, list[str]]:
    found = {}
    for label, tds in re.findall(
        r'<th scope="row" class="govuk-table__header">([^<]+)</th>\s*((?:<td.*?</td>)+)', page
    ):
        found[label] = re.findall(r"<td[^>]*>(?:<strong>)?([^<]*)", tds)
    return found


def assert_no_child_in(text: str) -> None:
    for child in Child.objects.all():
        assert child.full_name not in text
        assert child.reference not in text
        if child.date_of_birth:
            assert child.date_of_birth.strftime("%-d %B %Y") not in text
    assert "Tamsin" not in text
    assert "Man known as Kay" not in text  # a contextual item's title is free text
    assert "Mill Lane" not in text


def test_the_summary_counts_with_small_numbers_suppressed_and_names_no_one(signed_in, partnership, meeting):
    before = AccessEvent.objects.count()
    response = signed_in(partnership["megsupport.nfd"]).get(f"/meetings/{meeting.pk}/summary/")
    assert response.status_code == 200
    page = response.content.decode()
    found = rows(page)
    assert found["High"] == ["fewer than 5"]
    assert found["Medium"] == ["fewer than 5"]
    assert found["Moved away"] == ["fewer than 5"]
    assert found["Suspected perpetrator"] == ["fewer than 5"]
    assert found["Vehicle"] == ["0"]
    assert found["Missing episodes"] == ["fewer than 5"]
    assert found["Both online and in person"] == ["fewer than 5"]
    assert found["Health"] == ["fewer than 5", "fewer than 5"]
    assert found["Police"] == ["0", "0"]
    assert_no_child_in(page)
    assert AccessEvent.objects.count() == before  # aggregates only: no read of a child's record


def test_analysts_see_every_areas_summary_and_its_spreadsheet(signed_in, partnership, meeting):
    web = signed_in(partnership["analyst"])
    assert web.get(f"/meetings/{meeting.pk}/summary/").status_code == 200
    assert f'href="/meetings/{meeting.pk}/summary/"' in web.get("/meetings/summaries/").content.decode()
    response = web.get(f"/meetings/{meeting.pk}/summary.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="meg-summary-')
    text = response.content.decode()
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["Table", "Row", "Measure", "Value"]
    assert ["Children on the agenda, by level of risk", "Total", "Children", "fewer than 5"] in table
    assert_no_child_in(text)


@pytest.mark.parametrize("who", ["megsupport.sdl", "teacher.nfd", "socialworker.nfd", "intel", "screener.nfd"])
def test_no_summary_for_those_without_a_part_in_the_meg(signed_in, partnership, meeting, who):
    web = signed_in(partnership[who])
    assert web.get(f"/meetings/{meeting.pk}/summary/").status_code == 404
    assert web.get(f"/meetings/{meeting.pk}/summary.csv").status_code == 404
    assert f"/meetings/{meeting.pk}/summary/" not in web.get("/meetings/summaries/").content.decode()


def test_a_meeting_about_one_child_has_no_summary(signed_in, partnership):
    child = Child.objects.first()
    assert child is not None
    meeting = Meeting.objects.create(
        kind=MeetingKind.STRATEGY, area=child.responsible_authority, child=child, starts_at=days_ago(1)
    )
    for who in ("megchair", "analyst"):
        assert signed_in(partnership[who]).get(f"/meetings/{meeting.pk}/summary/").status_code == 404
