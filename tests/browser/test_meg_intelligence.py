"""Intelligence in front of the MEG, in a real browser: a police intelligence officer links a vehicle to
the MEG's contextual item about it, and the MEG's business support officer sees the picture of what
intelligence graded P links to it, drawn under the site's CSP with no console error and no axe issue."""

import pytest
from playwright.sync_api import Page, expect

from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from children.models import Child
from intelligence.inputs import PersonInput, SubmissionInput, VehicleInput
from intelligence.models import Entity, EntityKind
from intelligence.services.grading import submission_grade
from intelligence.services.submissions import submission_record
from meetings.models import ContextualItem, ContextualKind
from tests.browser.axe import assert_no_axe_violations
from tests.browser.session import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_vehicle_linked_to_a_meg_item_is_pictured_on_the_item_page(live_server, page: Page, partnership) -> None:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    base = live_server.url
    support, officer = partnership["megsupport.nfd"], partnership["intel"]
    area = support.teams.get().agency.area
    child = Child.objects.filter(responsible_authority=area).order_by("reference").first()
    assert child is not None
    risk_level_record(
        child=child, level=RiskLevel.HIGH, by=partnership["screener.nfd"], source=RiskLevelSource.ASSESSMENT
    )
    submission, _ = submission_record(
        data=SubmissionInput(
            source="professional",
            narrative="A silver hatchback collects a girl from school.",
            vehicles=[VehicleInput(registration="AB12 CDE", colour="Silver")],
            persons=[PersonInput(name="Dean Example")],
            children=[child.id],
        ),
        link_people=False,
    )
    submission_grade(
        submission=submission,
        by=officer,
        source_evaluation="2",
        intelligence_assessment="B",
        handling_code="P",
        handling_conditions="",
        outcome="intelligence_log",
        sanitised_summary="A car collecting a girl from school.",
    )
    item = ContextualItem.objects.create(
        area=area, kind=ContextualKind.VEHICLE, title="Silver hatchback", created_by=support
    )
    vehicle = Entity.objects.get(kind=EntityKind.VEHICLE)

    sign_in(page, base, officer)
    page.goto(f"{base}/intelligence/entities/{vehicle.pk}/")
    page.get_by_role("link", name=f"Link {vehicle.label} to a MEG item").click()
    page.get_by_role("button", name="Link to this item").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the MEG item to link this to")
    assert_no_axe_violations(page)
    page.get_by_label("Vehicle: Silver hatchback (Northfield)").check()
    page.get_by_role("button", name="Link to this item").click()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Silver hatchback")

    sign_in(page, base, support)
    page.goto(f"{base}/meetings/contextual/{item.pk}/")
    picture = page.get_by_role("img", name="What intelligence links to Silver hatchback")
    expect(picture).to_be_visible()
    expect(picture).to_contain_text("Dean Example")
    expect(picture).to_contain_text(child.full_name)
    assert_no_axe_violations(page)
    assert errors == []
