"""Referrals to the front door by any professional, about a child known or new (decision 0031),
through the pages and the API: the referrer learns nothing of the child records; the front door
matches the referral, and the contact it records is screened as any other."""

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from audit.models import AccessEvent
from children.access import child_visible_queryset
from children.models import Child, ChronologyEntry
from children.services import NewChild
from frontdoor.models import Contact, Referral, ReporterRelationship, Task
from frontdoor.services.contacts import ContactDetails, contact_create

pytestmark = pytest.mark.usefixtures("assessment_tool")


def known_to_the_front_door(
    screener, *, first_name: str = "Keeley", last_name: str = "Marchbank", age_days: int = 15 * 365
) -> Child:
    """A child the front door already knows (a contact the screener recorded) and no teacher sees."""
    contact = contact_create(
        recorded_by=screener,
        new_child=NewChild(
            first_name=first_name,
            last_name=last_name,
            date_of_birth=timezone.localdate() - dt.timedelta(days=age_days),
            gender="female",
        ),
        details=ContactDetails(
            received_at=timezone.now() - dt.timedelta(days=30),
            reporter_relationship=ReporterRelationship.PARENT_OR_CARER,
            concern="Out all night twice this month.",
            immediate_risk=False,
        ),
    )
    return contact.child


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "first_name": "Tayla",
        "last_name": "Quarrendon",
        "known_as": "",
        "dob_day": "",
        "dob_month": "",
        "dob_year": "",
        "age_estimate": "14",
        "gender": "female",
        "school": "Northfield Academy",
        "address": "Near the bus station, NF1 2AB",
        "description": "",
        "concern": "Picked up from the school gates by a man in his thirties in a grey car, three times.",
        "immediate_risk": "no",
        "warning_signs": ["older_associates", "unexplained_possessions", "going_missing"],
        "other_children": "Her friend Jade, year 9.",
    }
    data.update(overrides)
    return data


def api_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "first_name": "Tayla",
        "last_name": "Quarrendon",
        "age_estimate": 14,
        "gender": "female",
        "concern": "Picked up from the school gates by a man in his thirties in a grey car.",
        "immediate_risk": False,
        "warning_signs": ["older_associates", "going_missing"],
    }
    body.update(overrides)
    return body


def main_text(response) -> str:
    html = response.content.decode()
    main = html[html.index('<main class="govuk-main-wrapper" id="main-content">') :]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def other_children_named(response, user, *, except_name: str = "") -> list[str]:
    """The references and names of the children the user may not see that the page shows."""
    text = response.content.decode()
    named = []
    for child in Child.objects.exclude(pk__in=child_visible_queryset(user)):
        if child.reference in text or str(child.pk) in text:
            named.append(child.reference)
        if child.full_name != except_name and child.full_name in text:
            named.append(child.full_name)
    return named


@pytest.fixture
def teacher(partnership):
    return partnership["teacher.nfd"]


@pytest.fixture
def screener(partnership):
    return partnership["screener.nfd"]


# --- Making a referral -------------------------------------------------------------------------------


def test_every_professional_finds_the_referral_form_in_the_menu(partnership, signed_in):
    for username in ("teacher.nfd", "schoolnurse.nfd", "youthworker.nfd", "intel", "analyst", "megchair"):
        page = signed_in(partnership[username]).get("/")
        assert 'href="/referrals/new/"' in page.content.decode(), username
    form = signed_in(partnership["teacher.nfd"]).get("/referrals/new/")
    assert form.status_code == 200
    text = main_text(form)
    assert "If a child is at immediate risk, call the police on 999 now" in text
    assert "Three or more could be cause for concern." in text
    assert 'type="checkbox" value="older_associates"' in form.content.decode()


def test_a_teacher_with_no_allocation_refers_a_new_child_and_sees_only_what_they_wrote(teacher, signed_in):
    client = signed_in(teacher)
    assert client.get("/contacts/new/").status_code == 403  # the issue: contacts are the front door's
    response = client.post("/referrals/new/", form_data())
    assert response.status_code == 302, main_text(response)
    referral = Referral.objects.get()
    assert response["Location"] == f"/referrals/{referral.pk}/"
    assert referral.reference.startswith("RF-NFD-")
    assert (referral.referred_by, referral.referrer_agency.name) == (teacher, "Northfield Academy")
    assert referral.front_door.name == "Children's Access Point"
    assert referral.warning_signs == ["going_missing", "older_associates", "unexplained_possessions"]
    assert (referral.age_estimate, referral.immediate_risk, referral.contact) == (14, False, None)

    page = client.get(response["Location"])
    text = main_text(page)
    assert "Referral sent" in text
    assert referral.reference in text
    assert "Tayla Quarrendon" in text
    assert "Picked up from the school gates" in text
    assert "Three or more: cause for concern" in text
    assert "999" not in text.split("Referral sent")[0]
    assert other_children_named(page, teacher) == []
    assert Contact.objects.count() == 0


def test_a_referral_about_a_known_child_tells_the_referrer_nothing_of_the_child(teacher, screener, signed_in):
    child = known_to_the_front_door(screener)
    assert not child_visible_queryset(teacher).filter(pk=child.pk).exists()
    client = signed_in(teacher)
    dob = child.date_of_birth
    assert dob is not None
    response = client.post(
        "/referrals/new/",
        form_data(
            first_name=child.first_name,
            last_name=child.last_name,
            age_estimate="",
            dob_day=str(dob.day),
            dob_month=str(dob.month),
            dob_year=str(dob.year),
        ),
        follow=True,
    )
    assert response.status_code == 200
    assert "Referral sent" in main_text(response)
    assert other_children_named(response, teacher, except_name=child.full_name) == []
    assert child.reference not in response.content.decode()


def test_with_immediate_risk_the_first_line_says_call_999(teacher, signed_in):
    page = signed_in(teacher).post("/referrals/new/", form_data(immediate_risk="yes"), follow=True)
    text = main_text(page)
    assert text.startswith(
        "! Warning You said the child is at immediate risk: "
        "if you have not already called the police on 999, call 999 now."
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"first_name": "", "last_name": "", "known_as": "", "description": ""},
            "Enter the child&#x27;s name, or describe them",
        ),
        (
            {"age_estimate": "", "dob_day": "1", "dob_month": "1", "dob_year": str(timezone.localdate().year + 1)},
            "Date of birth must be today or in the past",
        ),
        ({"age_estimate": "19"}, "The procedure is for children and young people under 18"),
        (
            {"age_estimate": "", "dob_day": "1", "dob_month": "1", "dob_year": str(timezone.localdate().year - 20)},
            "The procedure is for children and young people under 18",
        ),
        ({"concern": ""}, "Enter your concern, in your own words"),
        ({"immediate_risk": ""}, "Select yes if the child is at immediate risk"),
    ],
)
def test_a_referral_that_cannot_be_sent_says_why_and_saves_nothing(teacher, signed_in, changes, message):
    page = signed_in(teacher).post("/referrals/new/", form_data(**changes))
    assert page.status_code == 200
    html = page.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert Referral.objects.count() == 0


def test_a_description_is_enough_without_a_name(teacher, signed_in):
    data = form_data(
        first_name="", last_name="", description="Girl of about 14, long red hair, at the bus station most nights."
    )
    response = signed_in(teacher).post("/referrals/new/", data)
    assert response.status_code == 302
    assert Referral.objects.get().child_description == "Name not known"


def test_the_police_choose_the_area_as_their_force_serves_every_area(partnership, signed_in):
    officer = signed_in(partnership["intel"])
    refused = officer.post("/referrals/new/", form_data(area=""))
    assert "Choose the area where the child lives" in refused.content.decode()
    assert Referral.objects.count() == 0
    southdale = next(value for value, label in refused.context["form"].fields["area"].choices if label == "Southdale")
    assert officer.post("/referrals/new/", form_data(area=southdale)).status_code == 302
    area = Referral.objects.get().front_door.agency.area
    assert area is not None
    assert area.name == "Southdale"


def test_someone_who_is_not_a_professional_may_not_refer(partnership, signed_in):
    admin = partnership["admin"]
    assert not admin.memberships.exists()
    client = signed_in(admin)
    assert client.post("/referrals/new/", form_data()).status_code == 403
    assert client.post("/api/v1/referrals", api_body(), content_type="application/json").status_code == 403
    assert Referral.objects.count() == 0


def test_someone_signed_out_is_sent_to_sign_in(client, partnership):
    response = client.post("/referrals/new/", form_data())
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
    assert client.post("/api/v1/referrals", api_body(), content_type="application/json").status_code in (401, 403)
    assert Referral.objects.count() == 0


def test_a_referral_by_api(teacher, signed_in):
    client = signed_in(teacher)
    response = client.post("/api/v1/referrals", api_body(immediate_risk=True), content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["reference"].startswith("RF-NFD-")
    assert body["first_action"].startswith("The child is at immediate risk: if you have not already called")
    assert body["front_door"] == "Children's Access Point"
    assert (body["first_name"], body["matched"]) == ("Tayla", False)
    assert "child_id" not in body
    assert "contact" not in body


def test_an_api_referral_that_cannot_be_sent_says_why(teacher, signed_in):
    client = signed_in(teacher)
    response = client.post(
        "/api/v1/referrals",
        api_body(age_estimate=None, date_of_birth=(timezone.localdate() - dt.timedelta(days=365 * 19)).isoformat()),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "under 18" in response.json()["errors"]["date_of_birth"][0]
    response = client.post("/api/v1/referrals", api_body(first_name="", last_name=""), content_type="application/json")
    assert response.status_code == 400
    assert "Enter the child's name, or describe them" in response.json()["errors"]["first_name"][0]
    assert Referral.objects.count() == 0


# --- The front door matches it ----------------------------------------------------------------------


def referred(teacher, **overrides: Any) -> Referral:
    from frontdoor.inputs import ReferralInput
    from frontdoor.services.referrals import referral_make

    values: dict[str, Any] = {
        "first_name": "Tayla",
        "last_name": "Quarrendon",
        "age_estimate": 14,
        "gender": "female",
        "school": "Northfield Academy",
        "concern": "Picked up from the school gates by a man in a grey car.",
        "immediate_risk": False,
        "warning_signs": frozenset({"older_associates"}),
    }
    values.update(overrides)
    return referral_make(referrer=teacher, data=ReferralInput(**values))


def test_the_front_door_lists_referrals_to_match_immediate_risk_first_then_oldest(teacher, screener, signed_in):
    older = referred(teacher, last_name="Ashdown")
    urgent = referred(teacher, last_name="Brackley", immediate_risk=True)
    newer = referred(teacher, last_name="Coldwell")
    Referral.objects.filter(pk=older.pk).update(referred_at=timezone.now() - dt.timedelta(days=2))
    client = signed_in(screener)
    for url in ("/tasks/", "/referrals/"):
        text = main_text(client.get(url))
        assert "Referrals to match (3)" in text, url
        section = text[text.index("Referrals to match") :]
        positions = [section.index(referral.reference) for referral in (urgent, older, newer)]
        assert positions == sorted(positions), url
    # Not on anyone else's worklist: the teacher who sent them, another area's screener.
    assert "Referrals to match" not in main_text(signed_in(teacher).get("/tasks/"))
    assert older.reference not in signed_in(User.objects.get(username="screener.sdl")).get("/tasks/").content.decode()


def test_the_list_is_bounded(teacher, screener, signed_in):
    for _ in range(52):
        referred(teacher)
    text = main_text(signed_in(screener).get("/tasks/"))
    assert "Referrals to match (52)" in text
    assert "Showing the first 50 of 52" in text


def test_the_screener_matches_a_referral_to_a_child_already_known(teacher, screener, signed_in):
    child = known_to_the_front_door(screener, first_name="Tayla", last_name="Quarrendon")
    other = known_to_the_front_door(screener, first_name="Bethan", last_name="Ormond", age_days=13 * 365)
    referral = referred(teacher, date_of_birth=child.date_of_birth, age_estimate=None)
    client = signed_in(screener)
    before = AccessEvent.objects.filter(user=screener, action="search").count()
    page = client.get(f"/referrals/{referral.pk}/")
    text = main_text(page)
    assert "Match it to a child" in text
    assert f"Tayla Quarrendon ({child.reference})" in text
    assert other.reference not in text  # neither surname nor date of birth
    searches = AccessEvent.objects.filter(user=screener, action="search").order_by("pk")[before:]
    assert [str(child.pk)] in [event.object_ids for event in searches]

    response = client.post(f"/referrals/{referral.pk}/match/", {"child": str(child.pk)})
    assert response.status_code == 302
    referral.refresh_from_db()
    contact = referral.contact
    assert contact is not None
    assert contact.reporter_agency is not None
    assert response["Location"] == f"/contacts/{contact.pk}/"
    assert (contact.child, contact.recorded_by, referral.matched_by) == (child, screener, screener)
    assert (contact.reporter_name, contact.reporter_agency.name) == (teacher.display_name, "Northfield Academy")
    assert contact.reporter_relationship == "professional"
    assert (contact.concern, contact.warning_signs, contact.immediate_risk) == (
        referral.concern,
        ["older_associates"],
        False,
    )
    assert ChronologyEntry.objects.filter(child=child, summary__startswith=f"Contact {contact.reference}").exists()
    # Screening proceeds as for any contact: it is on the screener's list to screen.
    worklist = main_text(client.get("/tasks/"))
    assert "Contacts to screen" in worklist
    assert contact.reference in worklist
    assert "Referrals to match" not in worklist
    assert referral.reference in main_text(client.get(f"/contacts/{contact.pk}/"))
    # The teacher still sees only what they wrote.
    mine = signed_in(teacher).get(f"/referrals/{referral.pk}/")
    assert "has recorded it as a contact" in main_text(mine)
    assert child.reference not in mine.content.decode()
    assert contact.reference not in mine.content.decode()


def test_a_referral_about_an_unknown_child_makes_a_new_child(teacher, screener, signed_in):
    referral = referred(teacher, immediate_risk=True)
    client = signed_in(screener)
    assert "No child you can see has the same surname or date of birth" in main_text(
        client.get(f"/referrals/{referral.pk}/")
    )
    children = Child.objects.count()
    assert client.post(f"/referrals/{referral.pk}/match/", {"child": "new"}).status_code == 302
    assert Child.objects.count() == children + 1
    referral.refresh_from_db()
    assert referral.contact is not None
    child = referral.contact.child
    assert (child.first_name, child.last_name, child.school) == ("Tayla", "Quarrendon", "Northfield Academy")
    assert child.holding_team == referral.front_door
    # Rule 1: with immediate risk, the first task is to contact the police.
    assert Task.objects.filter(contact=referral.contact, code="contact_police_999").exists()


def test_matching_by_api_and_only_once(teacher, screener, signed_in):
    referral = referred(teacher)
    client = signed_in(screener)
    url = f"/api/v1/referrals/{referral.pk}/match"
    response = client.post(url, {"child_id": None}, content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    contact = Contact.objects.get(pk=body["contact_id"])
    assert (body["contact_reference"], body["child_id"]) == (contact.reference, str(contact.child_id))
    counts = (Contact.objects.count(), Child.objects.count(), ChronologyEntry.objects.count())
    again = client.post(url, {"child_id": None}, content_type="application/json")  # a retried request
    assert again.status_code == 400
    assert (
        f"has already been matched, in contact {contact.reference}: it cannot be matched again"
        in again.json()["detail"]
    )
    page = client.post(f"/referrals/{referral.pk}/match/", {"child": "new"})
    assert page.status_code == 200
    assert "it cannot be matched again" in page.content.decode()
    assert (Contact.objects.count(), Child.objects.count(), ChronologyEntry.objects.count()) == counts


def test_only_a_screener_of_its_front_door_matches_it(partnership, teacher, signed_in):
    referral = referred(teacher)
    # The referrer sees the referral, but may not match it.
    mine = signed_in(teacher)
    assert "Match it to a child" not in main_text(mine.get(f"/referrals/{referral.pk}/"))
    assert mine.post(f"/referrals/{referral.pk}/match/", {"child": "new"}).status_code == 403
    assert (
        mine.post(
            f"/api/v1/referrals/{referral.pk}/match", {"child_id": None}, content_type="application/json"
        ).status_code
        == 403
    )
    # Anyone else, another area's screener included, does not see it at all.
    for username in ("socialworker.nfd", "screener.sdl", "teacher.sdl"):
        client = signed_in(partnership[username])
        assert client.get(f"/referrals/{referral.pk}/").status_code == 404, username
        assert (
            client.post(
                f"/api/v1/referrals/{referral.pk}/match", {"child_id": None}, content_type="application/json"
            ).status_code
            == 404
        )
    referral.refresh_from_db()
    assert referral.contact is None
    assert Contact.objects.count() == 0


def test_a_screener_may_not_match_to_a_child_they_may_not_see(partnership, teacher, signed_in):
    referral = referred(teacher)
    elsewhere = Child.objects.exclude(pk__in=child_visible_queryset(partnership["screener.nfd"])).first()
    assert elsewhere is not None
    response = signed_in(partnership["screener.nfd"]).post(
        f"/api/v1/referrals/{referral.pk}/match", {"child_id": str(elsewhere.pk)}, content_type="application/json"
    )
    assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.contact is None
