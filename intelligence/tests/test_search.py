"""Search through the page: partial registrations both ways, look-alike characters, names and nicknames,
phones, places and accounts; where each mention came from and its grading; an access event for each
search; nobody but police intelligence may search."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import AgencyKind, Role, TeamKind
from audit.models import AccessAction, AccessEvent
from intelligence.inputs import LocationInput, OnlineAccountInput, PersonInput, SubmissionInput, VehicleInput
from intelligence.models import Grading
from intelligence.services.submissions import submission_record
from tests.factories import AgencyFactory, TeamFactory, staff_user

URL = "/intelligence/search/"


def record(reference, *, source="community", agency=None, days_ago=1, **values):
    data = SubmissionInput(
        source=source,
        narrative="Seen near the bus station on Friday night.",
        reference=reference,
        received_at=timezone.now() - dt.timedelta(days=days_ago),
        **values,
    )
    submission, _ = submission_record(data=data, agency=agency)
    return submission


@pytest.fixture
def officer(db):
    return staff_user(team=TeamFactory.create(kind=TeamKind.POLICE_INTELLIGENCE), role=Role.POLICE_INTELLIGENCE)


@pytest.fixture
def reports(db, officer):
    school = AgencyFactory.create(name="Northfield Academy", kind=AgencyKind.EDUCATION)
    partial = record("INT-PARTIAL", vehicles=[VehicleInput(registration="AB1? C*", colour="Silver", make="Ford")])
    full = record(
        "INT-FULL",
        source="professional",
        agency=school,
        days_ago=3,
        vehicles=[VehicleInput(registration="ab12 cde", make="Ford", model="Focus")],
        persons=[
            PersonInput(
                name="Dean Example",
                nickname="Deano",
                age_estimate=30,
                phones=["07700 900123"],
                online_accounts=[OnlineAccountInput(platform="Snap", handle="@Deano_99")],
            )
        ],
        locations=[LocationInput(name="The Crown", address="12 High Street", postcode="dl15qz", kind="pub")],
    )
    other = record(
        "INT-OTHER",
        vehicles=[VehicleInput(registration="XY70 VCZ")],
        online_accounts=[OnlineAccountInput(platform="whatsapp", handle="+44 7700 900123")],
    )
    Grading.objects.create(
        submission=full,
        source_evaluation="2",
        intelligence_assessment="B",
        handling_code="P",
        outcome="intelligence_log",
        sanitised_summary="A vehicle of interest near a school.",
        graded_by=officer,
    )
    return {"partial": partial, "full": full, "other": other}


def search(client, q, kind="all", lookalikes=False):
    params = {"q": q, "kind": kind} | ({"lookalikes": "on"} if lookalikes else {})
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_partial_report_is_found_by_a_different_partial_pattern(signed_in, officer, reports):
    page = search(signed_in(officer), "*2CD?", kind="vehicle")
    assert "INT-PARTIAL" in page
    assert "Partial registration that could be this vehicle" in page
    assert "Community report" in page
    assert "Not graded" in page
    assert f'href="/intelligence/submissions/{reports["partial"].pk}/"' in page
    assert "INT-FULL" in page  # AB12CDE fits *2CD? too
    assert "INT-OTHER" not in page


def test_a_full_registration_finds_the_partial_reports_it_fits(signed_in, officer, reports):
    page = search(signed_in(officer), "AB12 CDE", kind="vehicle")
    assert "Same registration" in page
    assert "INT-PARTIAL" in page
    assert "INT-FULL" in page
    assert "Northfield Academy" in page
    assert "2B P" in page
    entity = reports["full"].mentions.get(kind="vehicle").entity
    assert f'href="/intelligence/entities/{entity.pk}/"' in page
    assert page.index("Same registration") < page.index("Partial registration")


def test_a_pattern_with_question_marks_matches_exactly_one_character_each(signed_in, officer, reports):
    client = signed_in(officer)
    assert "INT-FULL" in search(client, "AB12 CD?", kind="vehicle")
    assert "INT-FULL" not in search(client, "AB12 C?", kind="vehicle")
    assert "INT-FULL" in search(client, "ab1*", kind="vehicle")


def test_look_alike_characters_are_an_option(signed_in, officer, reports):
    client = signed_in(officer)
    assert "INT-FULL" not in search(client, "A8I2 CDE", kind="vehicle")
    page = search(client, "A8I2 CDE", kind="vehicle", lookalikes=True)
    assert "INT-FULL" in page
    assert "Fits with look-alike characters" in page
    assert "INT-OTHER" in search(client, "XY7O VC2", kind="vehicle", lookalikes=True)


def test_a_search_with_too_few_known_characters_is_refused(signed_in, officer, reports):
    response = signed_in(officer).get(URL, {"q": "*C?", "kind": "vehicle"})
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "Enter at least 2 letters or numbers of the registration" in page
    response = signed_in(officer).get(URL, {"q": "CD", "kind": "vehicle"})
    assert "Enter at least 3 letters or numbers of the registration" in response.content.decode()
    assert not AccessEvent.objects.filter(action=AccessAction.SEARCH).exists()


def test_names_and_nicknames_match_roughly(signed_in, officer, reports):
    client = signed_in(officer)
    for query in ("deano", "DEAN", "Dean Exampel", "example"):
        page = search(client, query, kind="person")
        assert "INT-FULL" in page, query
        assert "Dean Example (Deano), about 30" in page
    assert "INT-FULL" not in search(client, "Quillon", kind="person")


def test_phones_match_by_number_and_by_their_last_digits(signed_in, officer, reports):
    client = signed_in(officer)
    page = search(client, "+44 7700 900123", kind="phone")
    assert "INT-FULL" in page
    assert "INT-OTHER" in page  # the WhatsApp account of the same number
    assert "Same number" in page
    page = search(client, "900123", kind="phone")
    assert "INT-FULL" in page
    assert "Number ends in 900123" in page
    assert "INT-FULL" not in search(client, "900124", kind="phone")


def test_places_match_by_postcode_district_and_name(signed_in, officer, reports):
    client = signed_in(officer)
    for query in ("dl15qz", "DL1", "crown", "high street"):
        assert "The Crown, 12 High Street, dl15qz" in search(client, query, kind="location"), query
    assert "INT-FULL" not in search(client, "DL2 5QZ", kind="location")


def test_accounts_match_by_platform_and_handle(signed_in, officer, reports):
    client = signed_in(officer)
    for query in ("snapchat:DEANO_99", "@deano_99", "deano"):
        assert "deano_99 (Snapchat)" in search(client, query, kind="online_account"), query
    assert "0 mentions found" in search(client, "instagram:deano_99", kind="online_account")


def test_searching_everything_looks_in_each_kind_that_fits(signed_in, officer, reports):
    page = search(signed_in(officer), "deano")
    assert "Dean Example (Deano)" in page
    assert "deano_99 (Snapchat)" in page


def test_each_search_is_an_access_event_naming_what_it_found(signed_in, officer, reports):
    search(signed_in(officer), "AB12CDE", kind="vehicle")
    event = AccessEvent.objects.get(action=AccessAction.SEARCH)
    assert event.user == officer
    assert event.object_type == "submission"
    assert sorted(event.object_ids) == sorted(str(reports[name].pk) for name in ("partial", "full"))
    assert event.query == {"query": "AB12CDE", "kind": "vehicle", "lookalikes": False}


def test_the_page_without_a_search_shows_the_form_and_logs_nothing(signed_in, officer, reports):
    response = signed_in(officer).get(URL)
    assert "Search intelligence" in response.content.decode()
    assert not AccessEvent.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "team_kind"),
    [
        (Role.SOCIAL_WORKER, TeamKind.SOCIAL_CARE),
        (Role.MEG_CHAIR, TeamKind.POLICE_SAFEGUARDING),
        (Role.PARTNERSHIP_ANALYST, TeamKind.ANALYSTS),
    ],
)
def test_only_police_intelligence_may_search(signed_in, reports, role, team_kind):
    user = staff_user(team=TeamFactory.create(kind=team_kind), role=role)
    response = signed_in(user).get(URL, {"q": "AB12CDE", "kind": "vehicle"})
    assert response.status_code == 404
    assert "INT-FULL" not in response.content.decode()
    assert not AccessEvent.objects.filter(action=AccessAction.SEARCH).exists()


@pytest.mark.django_db
def test_postgresql_has_the_trigram_indexes_that_search_uses():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite scans; migration 0002 does nothing there")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'intelligence_mention'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"mention_search_text_trgm", "mention_key_trgm", "mention_kind_key_pattern"} <= names


def test_a_whole_registration_is_that_plate_and_a_part_of_one_may_be_inside_any(signed_in, officer, reports):
    record("INT-ZZ", vehicles=[VehicleInput(registration="ZZ*")])
    client = signed_in(officer)
    page = search(client, "XY70 VCZ", kind="vehicle")
    assert "INT-OTHER" in page
    assert "INT-ZZ" not in page  # a plate that starts ZZ is not XY70VCZ
    assert "INT-ZZ" in search(client, "70VC", kind="vehicle")  # but could have 70VC in it
    assert "INT-ZZ" in search(client, "*XY70VCZ*", kind="vehicle")  # asked for inside a longer one
