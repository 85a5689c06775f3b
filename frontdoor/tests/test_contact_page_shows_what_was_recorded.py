"""A contact's page shows everything the contact recorded (decision 0027). Issue: the page did not show
the grooming model or the vulnerability factors it recorded."""

import re

import pytest
from django.utils.html import escape

from frontdoor.concern_codes import GroomingModel, GroomingStage, Setting, VulnerabilityFactor
from frontdoor.models import Contact
from frontdoor.tests.test_api_journey import contact_body, post

pytestmark = pytest.mark.usefixtures("assessment_tool")


def row(page: str, key: str) -> str:
    """The value of one row of the contact's summary list, without its markup."""
    match = re.search(
        rf'<dt class="govuk-summary-list__key">{re.escape(key)}</dt><dd class="govuk-summary-list__value">(.*?)</dd>',
        page,
        re.S,
    )
    assert match is not None, f"no row {key!r}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_every_field_the_contact_recorded_is_on_its_page(signed_in, partnership):
    web = signed_in(partnership["screener.nfd"])
    body = contact_body(
        reporter_role="Head of year",
        reporter_phone="01325 000111",
        reporter_email="a.teacher@example.org",
        vulnerability_factors=["history_of_going_missing", "low_self_esteem"],
        grooming_models=["boyfriend_or_pimp", "party"],
        grooming_stage="exchange_of_favours",
        setting="both",
        platforms=["Snapchat", "Instagram"],
    )
    contact = post(web, "/api/v1/contacts/", body).json()
    page = web.get(f"/contacts/{contact['id']}/").content.decode()

    assert row(page, "Vulnerability factors") == " ".join(
        escape(label)
        for label in (VulnerabilityFactor.HISTORY_OF_GOING_MISSING.label, VulnerabilityFactor.LOW_SELF_ESTEEM.label)
    )
    assert row(page, "Grooming model") == " ".join(
        escape(label) for label in (GroomingModel.BOYFRIEND_OR_PIMP.label, GroomingModel.PARTY.label)
    )
    assert row(page, "Grooming stage") == GroomingStage.EXCHANGE_OF_FAVOURS.label
    assert row(page, "Where") == Setting.BOTH.label
    assert row(page, "Apps and sites named") == "Snapchat, Instagram"
    assert row(page, "Reporter's phone") == "01325 000111"
    assert row(page, "Reporter's email") == "a.teacher@example.org"
    assert "Head of year" in row(page, "Reported by")
    assert row(page, "Screened") == "Not yet"
    assert "Seen in the same car." in page  # the linked child's notes
    assert "Named in another contact" not in page


def test_a_contact_with_nothing_recorded_says_so(signed_in, partnership):
    web = signed_in(partnership["screener.nfd"])
    body = contact_body(warning_signs=[], linked_children=[], platforms=[], setting="not_known")
    contact = post(web, "/api/v1/contacts/", body).json()
    page = web.get(f"/contacts/{contact['id']}/").content.decode()
    for key in ("Warning signs", "Vulnerability factors", "Grooming model", "Apps and sites named"):
        assert row(page, key) == "None recorded"
    assert row(page, "Grooming stage") == "Not known"
    assert row(page, "Reporter's phone") == "Not given"


def test_a_contact_that_screens_a_linked_child_names_the_contact_it_came_from(signed_in, partnership):
    web = signed_in(partnership["screener.nfd"])
    original = post(web, "/api/v1/contacts/", contact_body()).json()
    link_id = Contact.objects.get(pk=original["id"]).linked_children.get().pk
    response = web.post(f"/contacts/{original['id']}/linked-children/{link_id}/screen/")
    assert response.status_code == 302
    screening_contact = Contact.objects.get(screening_of_id=link_id)
    page = web.get(f"/contacts/{screening_contact.pk}/").content.decode()
    named = row(page, "Named in another contact")
    assert f"contact {original['reference']} about Kayleigh Ormesby" in named
    assert "may also be a victim or at risk" in named
    assert f'href="/contacts/{original["id"]}/"' in page
