"""The front door's whole journey through real HTTP requests: a contact with a linked child, its
screening, the routing decision, and the tasks on the right teams' worklists."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from assessments.models import Assessment, RiskLevelRecord
from children.models import Child, ChronologyEntry
from frontdoor.models import Contact, ContactLinkedChild, Task, TaskStatus
from meetings.models import MeetingKind
from meetings.services.records import meeting_arrange

pytestmark = pytest.mark.usefixtures("assessment_tool")


def now_parts(prefix: str) -> dict[str, str]:
    today = timezone.localdate()
    return {f"{prefix}_day": str(today.day), f"{prefix}_month": str(today.month), f"{prefix}_year": str(today.year)}


CONTACT = {
    **now_parts("received"),
    "received_time": "00:05",
    "first_name": "Kayleigh",
    "last_name": "Ormesby",
    "dob_day": "3",
    "dob_month": "4",
    "dob_year": str(timezone.localdate().year - 14),
    "gender": "female",
    "learning_disability": "no",
    "reporter_relationship": "professional",
    "reporter_name": "A. Teacher",
    "reporter_organisation": "Northfield Academy",
    "concern": "Seen getting into a car with older men after school; new phone; staying out overnight.",
    "immediate_risk": "no",
    "warning_signs": ["older_associates", "unexplained_possessions", "going_missing"],
    "setting": "both",
    "platforms": "Snapchat, Instagram",
    "other_children": "yes",
}


def messages(page: str) -> list[str]:
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', page, re.S)
    return re.findall(r"<a [^>]*>(.*?)</a>", summary.group(1)) if summary else []


def tasks_on(client) -> str:
    page: str = client.get("/tasks/").content.decode()
    return page


def test_contact_screening_and_worklists(signed_in, partnership, client):
    screener = partnership["screener.nfd"]
    web = signed_in(screener)

    # 1. The contact, about a new child, says other children are involved: the next page names them.
    response = web.post("/contacts/new/", CONTACT)
    assert response.status_code == 302, messages(response.content.decode())
    contact = Contact.objects.get(child__last_name="Ormesby")
    assert response["Location"] == f"/contacts/{contact.pk}/linked-children/add/"
    response = web.post(
        response["Location"],
        {
            "first_name": "Jade",
            "last_name": "Ormesby-Friend",
            "gender": "female",
            "learning_disability": "not_known",
            "involvement": "possible_victim",
        },
    )
    assert response["Location"] == f"/contacts/{contact.pk}/"
    page = web.get(response["Location"]).content.decode()
    assert "Cause for concern" in page
    assert "Jade Ormesby-Friend" in page
    linked = ContactLinkedChild.objects.get(contact=contact)
    assert linked.child.chronology.filter(summary__contains=contact.reference).exists()

    # 2. Screening: the case status and the tool's domains, pre-ticked from the contact's signs.
    form = web.get(f"/contacts/{contact.pk}/screen/").content.decode()
    assert form.count('class="app-domain"') == 14
    assert 'value="older_associates" checked' in form
    response = web.post(
        f"/contacts/{contact.pk}/screen/",
        {
            "case_status": "new_case",
            "placed_out_of_area": "no",
            "domain_running_away_going_missing": ["going_missing"],
            "domain_contact_with_abusive_adults_risky_environments": ["older_associates"],
            "domain_rewards": ["unexplained_possessions"],
        },
    )
    screening_id = int(response["Location"].split("/")[2])
    confirm = web.get(response["Location"]).content.decode()
    assert "The tool suggests medium risk" in confirm

    # 3. A level that differs from the suggestion needs a reason; then the case is routed.
    review = {f"review_{k.split('_')[1]}": v for k, v in now_parts("x").items()}
    review["review_year"] = str(timezone.localdate().year + 1)
    page = web.post(response["Location"], {"confirmed_level": "high", **review}).content.decode()
    assert "Enter why you confirm high when the tool suggests medium" in messages(page)
    assert not Assessment.objects.filter(status="complete").exists()
    response = web.post(
        f"/screenings/{screening_id}/confirm/",
        {"confirmed_level": "high", "reason": "Older men and a car: the school has seen it twice.", **review},
    )
    assert response["Location"] == f"/screenings/{screening_id}/"
    decision = web.get(response["Location"]).content.decode()
    assert "High risk" in decision
    assert "On the next MEG agenda, if the meeting confirms medium or high risk" in decision

    child = Child.objects.get(last_name="Ormesby")
    assert child.holding_team.name == "Children's First Response Team"
    assert RiskLevelRecord.objects.get(child=child).level == "high"
    codes = list(Task.objects.filter(child=child).order_by("id").values_list("code", "status", "team__kind"))
    assert codes == [
        ("transfer_to_first_response_team", "open", "front_door"),
        ("decide_strategy_or_multi_agency_meeting", "open", "first_response"),
        ("refer_to_children_and_families_assessment_team", "waiting", "first_response"),
        ("refer_to_designated_cse_worker", "waiting", "families_assessment"),
        ("refer_to_meg", "waiting", "families_assessment"),
    ]

    # 4. Each task is on its team's worklist, and nobody else's.
    assert "Transfer to the Children&#x27;s First Response Team" in tasks_on(web)
    first_response = signed_in(partnership["firstresponse.nfd"])
    assert "Decide on a strategy meeting or a multi-agency meeting" in tasks_on(first_response)
    assert "Kayleigh Ormesby" not in tasks_on(signed_in(partnership["earlyhelp.nfd"]))

    # 5. The meeting decided on determines the level; its outcome releases the tasks that waited for it.
    decide = Task.objects.get(child=child, code="decide_strategy_or_multi_agency_meeting")
    page = first_response.post(f"/tasks/{decide.pk}/", {"action": "complete"}).content.decode()
    assert "Select which meeting you decided on, or neither" in messages(page)
    first_response.post(f"/tasks/{decide.pk}/", {"action": "complete", "meeting": "multi_agency_meeting"})
    refer = Task.objects.get(child=child, code="refer_to_children_and_families_assessment_team")
    assert refer.status == TaskStatus.WAITING
    meeting = meeting_arrange(
        child=child,
        kind=MeetingKind.MULTI_AGENCY,
        starts_at=timezone.now() - dt.timedelta(hours=1),
        location="Room 2",
        chair=None,
        task=decide,
        by=partnership["firstresponse.nfd"],
    )
    first_response.post(f"/meetings/{meeting.pk}/hold/")
    first_response.post(f"/meetings/{meeting.pk}/outcome/", {"level": "high", "outcome": "Safety plan agreed."})
    refer.refresh_from_db()
    assert refer.status == TaskStatus.OPEN
    first_response.post(f"/tasks/{refer.pk}/", {"action": "complete", "note": "Referred by phone."})
    child.refresh_from_db()
    assert child.holding_team.kind == "families_assessment"
    assessment_team = signed_in(partnership["assessment.nfd"])
    worklist = tasks_on(assessment_team)
    assert "Refer to the Designated CSE worker" in worklist
    assert "Refer to the Missing and Exploited Group (MEG)" in worklist
    assert child.chronology.filter(kind="task").count() == 2
    assert child.chronology.filter(kind="meeting", summary__contains="it determined high risk").count() == 1


def test_bad_contact_names_every_problem_and_saves_nothing(signed_in, partnership):
    web = signed_in(partnership["screener.nfd"])
    before = (Child.objects.count(), Contact.objects.count(), ChronologyEntry.objects.count())
    bad = {
        **CONTACT,
        "first_name": "",
        "concern": "",
        "immediate_risk": "",
        "received_day": "31",
        "received_month": "2",
        "received_time": "25:00",
        "other_children": "",
    }
    page = web.post("/contacts/new/", bad).content.decode()
    assert messages(page) == [
        "Enter the child&#x27;s first name, or &#x27;Unknown&#x27;",
        "Date received must be a real date, like 27 3 2010",
        "Enter the time as hours and minutes, like 14:30",
        "Enter the concern, in the reporter&#x27;s words",
        "Select yes if the child is at immediate risk",
        "Select whether any other children or young people are involved",
    ]
    assert (Child.objects.count(), Contact.objects.count(), ChronologyEntry.objects.count()) == before


def test_a_future_contact_is_refused(signed_in, partnership):
    web = signed_in(partnership["screener.nfd"])
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    page = web.post(
        "/contacts/new/",
        {**CONTACT, "received_day": tomorrow.day, "received_month": tomorrow.month, "received_year": tomorrow.year},
    ).content.decode()
    assert "Date received must be today or in the past" in messages(page)


def test_immediate_risk_puts_999_first_on_the_recorders_own_worklist(signed_in, partnership):
    screener = partnership["screener.nfd"]
    web = signed_in(screener)
    web.post("/contacts/new/", {**CONTACT, "immediate_risk": "yes", "other_children": "no"})
    contact = Contact.objects.get(child__last_name="Ormesby")
    page = web.get(f"/contacts/{contact.pk}/").content.decode()
    assert "contact the police on 999 first" in page
    task = Task.objects.get(contact=contact)
    assert (task.code, task.assigned_to, task.status) == ("contact_police_999", screener, "open")
    assert "Contact the police on 999" in tasks_on(web)


def test_only_front_door_screeners_record_contacts(signed_in, partnership):
    assert signed_in(partnership["teacher.nfd"]).get("/contacts/new/").status_code == 403
