"""The CSE procedure is for children under 18: screening and routing refuse a young person of 18 or
over, and say that care leavers are a separate service (issue: routing accepted ages up to 25)."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.html import escape

from assessments.models import Assessment
from core.api_base import NON_FIELD
from frontdoor.models import Screening
from frontdoor.routing import OVER_AGE_EXPLANATION
from frontdoor.tests.test_api_journey import contact_body, post, review_date

pytestmark = pytest.mark.usefixtures("assessment_tool")


def nineteen_year_old() -> dict[str, object]:
    born = timezone.localdate().replace(day=1) - dt.timedelta(days=int(19.5 * 365))
    return {"first_name": "Chantelle", "last_name": "Over", "date_of_birth": born.isoformat(), "gender": "female"}


@pytest.fixture
def screener(signed_in, partnership):
    return signed_in(partnership["screener.nfd"])


def test_a_young_person_of_19_is_refused_on_the_pages_with_where_to_go(screener):
    contact = post(screener, "/api/v1/contacts/", contact_body(new_child=nineteen_year_old(), linked_children=[]))
    assert contact.status_code == 201  # the concern is recorded: what was said is never lost
    contact_id = contact.json()["id"]

    page = screener.get(f"/contacts/{contact_id}/").content.decode()
    assert "Chantelle Over is 19." in page
    assert escape(OVER_AGE_EXPLANATION) in page
    assert "Screen this contact" not in page

    response = screener.post(
        f"/contacts/{contact_id}/screen/",
        {
            "case_status": "new_case",
            "placed_out_of_area": "no",
            "domain_running_away_going_missing": ["going_missing"],
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert escape(f"Chantelle Over is 19, from the date of birth. {OVER_AGE_EXPLANATION}") in page
    assert "care leavers" in OVER_AGE_EXPLANATION.lower()
    assert not Screening.objects.exists()
    assert not Assessment.objects.exists()  # nothing half-saved


def test_a_young_person_of_19_is_refused_by_the_api(screener):
    contact = post(
        screener, "/api/v1/contacts/", contact_body(new_child=nineteen_year_old(), linked_children=[])
    ).json()
    response = post(screener, f"/api/v1/contacts/{contact['id']}/screening", {"case_status": "new_case"})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        NON_FIELD: [f"Chantelle Over is 19, from the date of birth. {OVER_AGE_EXPLANATION}"]
    }
    assert not Screening.objects.exists()


def test_an_estimated_age_of_18_is_refused_on_the_form_and_by_the_api(screener):
    body = contact_body(linked_children=[], new_child={"first_name": "Unknown", "last_name": "Girl"})
    contact = post(screener, "/api/v1/contacts/", body).json()
    screening = post(screener, f"/api/v1/contacts/{contact['id']}/screening", {"case_status": "new_case"}).json()
    answers = {"confirmed_level": "medium", "review_due_on": review_date(), "age_estimate": 18}
    response = post(screener, f"/api/v1/screenings/{screening['id']}/decision", answers)
    assert response.status_code == 400
    assert response.json()["errors"] == {"age_estimate": [OVER_AGE_EXPLANATION]}

    review = review_date().split("-")
    page = screener.post(
        f"/screenings/{screening['id']}/confirm/",
        {
            "confirmed_level": "medium",
            "review_year": review[0],
            "review_month": review[1],
            "review_day": review[2],
            "age_estimate": "18",
        },
    ).content.decode()
    assert "govuk-error-summary" in page
    assert escape(OVER_AGE_EXPLANATION) in page
    assert not Screening.objects.filter(decided_at__isnull=False).exists()


def test_the_routing_preview_refuses_18_and_explains(signed_in, partnership):
    web = signed_in(partnership["screener.nfd"])
    facts = {
        "case_status": "new_case",
        "risk_level": "medium",
        "age_years": 18,
        "learning_disability": False,
        "immediate_risk": False,
    }
    response = post(web, "/api/v1/routing/preview", facts)
    assert response.status_code == 400
    assert response.json()["detail"] == f"age_years is 18, not under 18: {OVER_AGE_EXPLANATION}"
    assert post(web, "/api/v1/routing/preview", {**facts, "age_years": 17}).status_code == 200
