"""A contact about a young person of 18 or over is closed by the front door without a CSE screening
(decision 0039): passed to a service for adults, or no further action, with who closed it, when and why.
Issue: screening refuses a young adult (decision 0007), so such a contact stayed on "Contacts to screen"
for ever, and stood in the way of closing the case."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from django.utils.html import escape

from accounts.models import Agency
from audit.models import AccessAction, AccessEvent
from children.access import child_visible_queryset
from children.learning_disability import LearningDisability
from children.models import Child, ChronologyEntry, ChronologyKind
from core.api_base import NON_FIELD
from frontdoor.models import Contact, ContactClosure, Screening
from frontdoor.tests.test_api_journey import contact_body, post
from frontdoor.tests.test_missing_prompt import missing, unassessed_child
from frontdoor.tests.test_under_18_only import nineteen_year_old

pytestmark = pytest.mark.usefixtures("assessment_tool")

SCREEN_A_CHILD = "A contact about a child under 18 is screened, not closed: screen this contact (procedure 2.2)."


def born_years_ago(years: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=int((years + 0.5) * 365))


@pytest.fixture
def screener(signed_in, partnership):
    return signed_in(partnership["screener.nfd"])


def to_screen_section(page: str) -> str:
    if 'id="to-screen"' not in page:
        return ""
    return page[page.index('id="to-screen"') : page.index('id="overdue"')]


def adult_contact(web) -> dict[str, Any]:
    response = post(web, "/api/v1/contacts/", contact_body(new_child=nineteen_year_old(), linked_children=[]))
    assert response.status_code == 201
    body: dict[str, Any] = response.json()
    return body


def test_the_screener_closes_a_young_adults_contact_from_its_page_and_it_leaves_the_list(screener, partnership):
    contact = adult_contact(screener)
    # Listed to screen, marked as a young adult's, until it is closed.
    section = to_screen_section(screener.get("/tasks/").content.decode())
    assert contact["reference"] in section
    assert "18 or over: close without screening" in section

    page = screener.get(f"/contacts/{contact['id']}/").content.decode()
    assert "Chantelle Over is 19." in page
    assert f'href="/contacts/{contact["id"]}/close/"' in page
    assert "Screen this contact" not in page

    form = screener.get(f"/contacts/{contact['id']}/close/").content.decode()
    assert "Close the contact without a CSE screening" in form
    assert "Chantelle Over is 19, from the date of birth." in form
    assert 'name="age_estimate"' not in form  # the date of birth says how old

    refused = screener.post(f"/contacts/{contact['id']}/close/", {"reason": "adult_safeguarding"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "govuk-error-summary" in page
    assert "Enter why the contact is closed, and what was agreed with whom" in page
    refused = screener.post(
        f"/contacts/{contact['id']}/close/", {"reason": "adult_safeguarding", "note": "Passed on by phone."}
    )
    assert "Enter the service or agency the contact was passed to" in refused.content.decode()
    assert not ContactClosure.objects.exists()

    events = _latest_event_id()
    response = screener.post(
        f"/contacts/{contact['id']}/close/",
        {
            "reason": "adult_safeguarding",
            "passed_to_organisation": "Northfield Adult Social Care",
            "note": "Spoke to the duty worker, who will see her this week.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/contacts/{contact['id']}/"
    views = AccessEvent.objects.filter(pk__gt=events)
    assert [event.action for event in views] == [AccessAction.VIEW]  # the page read the contact once

    page = screener.get(response["Location"]).content.decode()
    closure = page[page.index('id="closure"') :]
    assert "Passed to adult social care or adult safeguarding: Northfield Adult Social Care" in closure
    assert "Spoke to the duty worker, who will see her this week." in closure
    assert "19, from the date of birth" in closure
    assert partnership["screener.nfd"].display_name in closure
    assert "No: closed without a screening" in page
    assert f'href="/contacts/{contact["id"]}/close/"' not in page

    # It has left the list, on the page and in the API.
    assert contact["reference"] not in to_screen_section(screener.get("/tasks/").content.decode())
    tasks = screener.get("/api/v1/tasks/").json()
    assert contact["id"] not in [row["id"] for row in tasks["to_screen"]]
    # The chronology says what the front door did, and who did it.
    entry = ChronologyEntry.objects.filter(child_id=contact["child"]["id"], kind=ChronologyKind.CONTACT).latest("id")
    assert entry.summary.startswith(f"Contact {contact['reference']} closed without a CSE screening: Chantelle is 19")
    assert "Northfield Adult Social Care" in entry.summary
    assert entry.recorded_by == partnership["screener.nfd"]
    # Closing again, or screening it now, is refused; the page goes back to the contact.
    assert screener.get(f"/contacts/{contact['id']}/close/")["Location"] == f"/contacts/{contact['id']}/"
    again = post(screener, f"/api/v1/contacts/{contact['id']}/closure", {"reason": "no_further_action", "note": "x"})
    assert again.status_code == 400
    assert again.json()["errors"][NON_FIELD][0].startswith(f"Contact {contact['reference']} was closed on ")
    assert ContactClosure.objects.count() == 1


def test_a_contact_about_a_child_under_18_cannot_be_closed_so_and_stays_to_screen(screener):
    contact = post(screener, "/api/v1/contacts/", contact_body(linked_children=[])).json()  # Kayleigh, 14
    page = screener.get(f"/contacts/{contact['id']}/").content.decode()
    assert "Screen this contact" in page
    assert f"/contacts/{contact['id']}/close/" not in page

    response = screener.post(
        f"/contacts/{contact['id']}/close/",
        {"reason": "no_further_action", "note": "Nothing more to do."},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert escape(f"Kayleigh Ormesby is 14, from the date of birth. {SCREEN_A_CHILD}") in page

    response = post(
        screener, f"/api/v1/contacts/{contact['id']}/closure", {"reason": "no_further_action", "note": "Nothing."}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        NON_FIELD: [f"Kayleigh Ormesby is 14, from the date of birth. {SCREEN_A_CHILD}"]
    }
    assert not ContactClosure.objects.exists()
    assert Contact.objects.get(pk=contact["id"]).closed_at is None
    assert contact["reference"] in to_screen_section(screener.get("/tasks/").content.decode())


def test_with_no_date_of_birth_the_screeners_estimate_decides_and_is_kept(screener):
    body = contact_body(linked_children=[], new_child={"first_name": "Unknown", "last_name": "Woman"})
    contact = post(screener, "/api/v1/contacts/", body).json()
    page = screener.get(f"/contacts/{contact['id']}/").content.decode()
    assert "Screen this contact" in page  # not known: she may be a child
    assert f'href="/contacts/{contact["id"]}/close/"' in page[page.index('id="close-if-adult"') :]

    url = f"/contacts/{contact['id']}/close/"
    answers = {"reason": "no_further_action", "note": "She is an adult; she wanted no service."}
    page = screener.post(url, answers).content.decode()
    assert "The date of birth is not known: enter the young person&#x27;s age, as best you know it" in page
    page = screener.post(url, {**answers, "age_estimate": "16"}).content.decode()
    assert escape(f"Unknown Woman is 16, by your estimate. {SCREEN_A_CHILD}") in page
    assert not ContactClosure.objects.exists()

    response = screener.post(url, {**answers, "age_estimate": "20", "passed_to_organisation": "Dropped: no one"})
    assert response.status_code == 302
    page = screener.get(f"/contacts/{contact['id']}/").content.decode()
    closure = page[page.index('id="closure"') :]
    assert "No further action" in closure
    assert "Dropped" not in closure  # no further action passes it to no one
    assert "20, by the screener's estimate" in closure

    # A contact closed without a screening is not screened afterwards.
    refused = post(screener, f"/api/v1/contacts/{contact['id']}/screening", {"case_status": "new_case"})
    assert refused.status_code == 400
    assert "was closed without a screening" in refused.json()["detail"]
    assert not Screening.objects.exists()
    assert screener.get(f"/contacts/{contact['id']}/screen/")["Location"] == f"/contacts/{contact['id']}/"


def test_the_api_closes_it_with_a_partner_agency_and_refuses_what_does_not_fit(screener, partnership):
    contact = adult_contact(screener)
    url = f"/api/v1/contacts/{contact['id']}/closure"
    assert post(screener, url, {"reason": "no_further_action", "note": "x", "age_estimate": 19}).json()["errors"] == {
        "age_estimate": ["The date of birth is known: leave the age estimate out"]
    }
    missing_note = post(screener, url, {"reason": "moved_away"})
    assert missing_note.status_code == 400
    assert set(missing_note.json()["errors"]) == {"reason", "note"}
    agency = Agency.objects.order_by("name").first()
    assert agency is not None
    both = post(
        screener,
        url,
        {
            "reason": "other_service",
            "passed_to_agency": agency.pk,
            "passed_to_organisation": "And another",
            "note": "x",
        },
    )
    assert both.json()["errors"] == {
        "passed_to_organisation": ["Choose a partner agency or enter the organisation, not both"]
    }

    events = _latest_event_id()
    response = post(
        screener, url, {"reason": "other_service", "passed_to_agency": agency.pk, "note": "Their sexual health team."}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["closed_at"] is not None
    assert body["closure"] == {
        "closed_at": body["closed_at"],
        "closed_by": partnership["screener.nfd"].display_name,
        "reason": "other_service",
        "passed_to_agency": agency.pk,
        "passed_to_organisation": "",
        "passed_to": agency.name,
        "note": "Their sexual health team.",
        "age_years": 19,
        "age_estimated": False,
    }
    assert [event.action for event in AccessEvent.objects.filter(pk__gt=events)] == [AccessAction.VIEW]
    assert screener.get(f"/api/v1/contacts/{contact['id']}/").json()["closure"]["passed_to"] == agency.name
    listed = {row["id"]: row for row in screener.get("/api/v1/contacts/").json()["results"]}
    assert listed[contact["id"]]["closed_at"] == body["closed_at"]


def test_someone_who_sees_the_contact_but_does_not_screen_may_not_close_it(signed_in, partnership, screener):
    worker = partnership["socialworker.nfd"]
    child = child_visible_queryset(worker).filter(holding_team__members=worker).order_by("reference").first()
    assert child is not None
    Child.objects.filter(pk=child.pk).update(date_of_birth=born_years_ago(19))
    contact = post(
        screener, "/api/v1/contacts/", contact_body(new_child=None, child_id=str(child.id), linked_children=[])
    )
    contact_id = contact.json()["id"]
    web = signed_in(worker)
    page = web.get(f"/contacts/{contact_id}/")
    assert page.status_code == 200  # the social worker holds the young person's case and sees the contact
    assert f"/contacts/{contact_id}/close/" not in page.content.decode()
    assert web.get(f"/contacts/{contact_id}/close/").status_code == 403
    assert web.post(f"/contacts/{contact_id}/close/", {"reason": "no_further_action", "note": "x"}).status_code == 403
    response = post(web, f"/api/v1/contacts/{contact_id}/closure", {"reason": "no_further_action", "note": "x"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Only front door screeners close a contact."
    assert not ContactClosure.objects.exists()


def test_a_closed_contact_no_longer_stands_in_the_way_of_closing_the_case(signed_in, partnership, screener):
    """Neither as a contact waiting to be screened nor, for a young person with a learning disability, as
    rule 7's concern that the front door must screen first."""
    manager = signed_in(partnership["teammanager.nfd"])
    worker = partnership["socialworker.nfd"]
    child = child_visible_queryset(worker).filter(holding_team__members=worker).order_by("reference").first()
    assert child is not None
    Child.objects.filter(pk=child.pk).update(
        date_of_birth=born_years_ago(19), learning_disability=LearningDisability.YES
    )
    contact = post(
        screener, "/api/v1/contacts/", contact_body(new_child=None, child_id=str(child.id), linked_children=[])
    )
    contact_id = contact.json()["id"]
    waiting = f"1 contact about {child.first_name} is waiting to be screened by the front door"
    rule_7 = "a CSE concern must be referred to the front door and screened there before the case can close"
    page = manager.get(f"/children/{child.id}/close").content.decode()
    assert waiting in page
    assert rule_7 in page

    closed = post(
        screener,
        f"/api/v1/contacts/{contact_id}/closure",
        {"reason": "adult_safeguarding", "passed_to_organisation": "Adult safeguarding", "note": "Referred on."},
    )
    assert closed.status_code == 200
    page = manager.get(f"/children/{child.id}/close").content.decode()
    assert waiting not in page
    assert rule_7 not in page


def test_after_closing_a_young_adults_contact_the_missing_prompt_does_not_bring_them_back(
    signed_in, partnership, screener, settings
):
    settings.MISSING_PROMPT_EPISODES, settings.MISSING_PROMPT_DAYS = 3, 90
    user = partnership["screener.nfd"]
    person = unassessed_child(user)
    Child.objects.filter(pk=person.pk).update(date_of_birth=born_years_ago(19))
    missing(person, user, 40, 20, 5)
    accept = f'action="/children/{person.id}/missing-prompt/accept/"'
    assert accept in screener.get("/tasks/").content.decode()
    screener.post(f"/children/{person.id}/missing-prompt/accept/")
    contact = Contact.objects.get(child=person, screened_at__isnull=True)

    response = screener.post(
        f"/contacts/{contact.pk}/close/",
        {"reason": "leaving_care", "passed_to_organisation": "Leaving care service", "note": "Her personal adviser."},
    )
    assert response.status_code == 302
    page = screener.get("/tasks/").content.decode()
    assert accept not in page
    assert contact.reference not in to_screen_section(page)
    refused = screener.post(f"/children/{person.id}/missing-prompt/accept/")
    assert refused.status_code == 400
    assert f"the front door closed contact {contact.reference} because they are 18 or over" in refused.content.decode()
    assert Contact.objects.filter(child=person).count() == 1


def _latest_event_id() -> int:
    """The newest access event's id: later events have greater ids (on PostgreSQL ids are not the count)."""
    return AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
