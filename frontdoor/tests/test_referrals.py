"""Referrals to the front door by any professional, about a child known or new (decision 0031),
through the pages and the API: the referrer learns nothing of the child records; the front door
matches the referral, and the contact it records is screened as any other."""

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from children.access import child_visible_queryset
from children.models import Child
from children.services import NewChild
from frontdoor.models import Contact, Referral, ReporterRelationship
from frontdoor.services.contacts import ContactDetails, contact_create

pytestmark = pytest.mark.usefixtures("assessment_tool")


def known_to_the_front_door(screener, *, first_name: str = "Keeley", last_name: str = "Marchbank") -> Child:
    """A child the front door already knows (a contact the screener recorded) and no teacher sees."""
    contact = contact_create(
        recorded_by=screener,
        new_child=NewChild(
            first_name=first_name,
            last_name=last_name,
            date_of_birth=timezone.localdate() - dt.timedelta(days=15 * 365),
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
    assert Referral.objects.get().front_door.agency.area.name == "Southdale"


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
