"""Procedure correction 7: "not known" whether a child has a learning disability stays not known, is
asked again until answered, and is treated with the same caution as a learning disability.

Seed 003, 2.2, note: "where a child is under the age of 13 years, and /or has learning disability and
there are concerns regarding sexual exploitation, a referral to Children's Access Point is required."
"""

import pytest

from accounts.models import Role
from children.learning_disability import LearningDisability
from children.models import Child
from frontdoor.models import Contact, Task, TaskStatus
from frontdoor.routing import Owner, TaskCode
from frontdoor.tests.test_contact_to_worklists import CONTACT
from tests.factories import ChildFactory, staff_user

pytestmark = pytest.mark.django_db

FACTS = {
    "case_status": "open_early_help",
    "risk_level": "low",
    "age_years": 15,
    "immediate_risk": False,
    "warning_signs": [],
}


def _preview(web, learning_disability):
    response = web.post(
        "/api/v1/routing/preview",
        {**FACTS, "learning_disability": learning_disability},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_not_known_routes_with_the_same_caution_as_a_learning_disability_and_says_so(signed_in):
    web = signed_in(staff_user())
    known, not_known, none = (_preview(web, value) for value in (True, "not_known", False))

    def back(decision):
        return next(task for task in decision["tasks"] if task["code"] == "refer_to_front_door")

    # A 15-year-old open to Early Help at low risk: the lead worker refers ANY new concern to the front
    # door when the child has, or may have, a learning disability; only a recorded no lifts that.
    assert back(known)["condition"] == back(not_known)["condition"] == "any_new_concern"
    assert back(none)["condition"] == "new_or_escalating_risk"
    assert "front_door_referral_required" in not_known["flags"]
    assert "learning_disability_not_known" in not_known["flags"]
    assert "learning_disability_not_known" not in known["flags"]
    assert "front_door_referral_required" not in none["flags"]
    reasons = " ".join(not_known["reasons"])
    assert "learning disability (not known" in reasons
    assert "procedure 2.2, note" in reasons
    assert "not known" in back(not_known)["reason"]


def test_the_api_refuses_another_word_for_not_known(signed_in):
    response = signed_in(staff_user()).post(
        "/api/v1/routing/preview", {**FACTS, "learning_disability": "unknown"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "learning_disability" in response.json()["detail"]


def test_a_contact_that_does_not_know_keeps_not_known_and_the_child_page_asks(signed_in, partnership):
    screener = partnership["screener.nfd"]
    web = signed_in(screener)
    response = web.post("/contacts/new/", {**CONTACT, "learning_disability": "not_known", "other_children": "no"})
    assert response.status_code == 302
    child = Contact.objects.get(child__last_name="Ormesby").child
    assert child.learning_disability == LearningDisability.NOT_KNOWN
    page = web.get(f"/children/{child.id}/").content.decode()
    assert "Learning disability: not known — ask" in page
    assert "(learning disability not known)" in page
    assert '<strong class="govuk-tag govuk-tag--yellow">Not known — ask</strong>' in page


def test_a_contact_by_api_that_does_not_say_is_not_known(signed_in, partnership):
    web = signed_in(partnership["screener.nfd"])
    body = {
        "new_child": {"first_name": "Kay", "last_name": "Ormesby"},
        "received_at": "2025-03-01T14:30:00+00:00",
        "reporter_relationship": "professional",
        "reporter_organisation": "Northfield Academy",
        "concern": "Seen with older men.",
        "immediate_risk": False,
    }
    response = web.post("/api/v1/contacts/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    child = Child.objects.get(last_name="Ormesby")
    assert child.learning_disability == LearningDisability.NOT_KNOWN
    shown = web.get(f"/api/v1/children/{child.id}/").json()
    assert shown["learning_disability"] == "not_known"


def test_a_recorded_no_shows_no_and_asks_nothing(signed_in):
    worker = staff_user(role=Role.SOCIAL_WORKER)
    child = ChildFactory.create(holding_team=worker.teams.get(), learning_disability=LearningDisability.NO)
    page = signed_in(worker).get(f"/children/{child.id}/").content.decode()
    assert "not known — ask" not in page
    assert signed_in(worker).get(f"/api/v1/children/{child.id}/").json()["learning_disability"] is False


def test_a_single_agency_may_not_close_a_concern_about_a_child_not_known(signed_in):
    """Rule 7: such a concern is never closed by a single agency; not known is no different."""
    lead = staff_user(role=Role.LEAD_WORKER)
    child = ChildFactory.create(
        holding_team=lead.teams.get(), learning_disability=LearningDisability.NOT_KNOWN, date_of_birth=None
    )
    task = Task.objects.create(
        child=child,
        code=TaskCode.REFER_TO_FRONT_DOOR,
        owner=Owner.LEAD_WORKER,
        team=lead.teams.get(),
        status=TaskStatus.OPEN,
        reason="Refer any new concern.",
    )
    response = signed_in(lead).post(
        f"/api/v1/tasks/{task.pk}/cancel", {"reason": "Not needed."}, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert "not known" in response.json()["detail"]
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN
