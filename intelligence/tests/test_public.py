"""The public pages and the community report form, through HTTP as a member of the public uses them:
no account, anonymous by default, and standing up to abuse and to retries."""

import re
import sqlite3
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

from core.crypto import decrypt_text
from intelligence.models import EntityKind, Knowledge, Submission, SubmissionSource

REPORT_URL = "/report/new/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # The rate limits count in the cache, which outlives a test: each test starts with none spent.
    cache.clear()
    yield
    cache.clear()


def form_key(client: Client) -> str:
    page = client.get(REPORT_URL).content.decode()
    match = re.search(r'name="idempotency_key" value="([^"]+)"', page)
    assert match, "the form carries an idempotency key"
    return str(match.group(1))


def send(client: Client, key: str | None = None, *, follow: bool = False, **fields: Any):
    data = {"idempotency_key": form_key(client) if key is None else key, "narrative": "A man waits by the park."}
    data.update(fields)
    return client.post(REPORT_URL, data, follow=follow)


def text(response: Any) -> str:
    return str(response.content.decode())


@pytest.mark.django_db
def test_the_start_page_opens_without_an_account(client: Client, settings):
    settings.PARTNERSHIP_PUBLIC = {
        **settings.PARTNERSHIP_PUBLIC,
        "police_non_emergency_phone": "101",
        "front_door_name": "Children's Front Door",
        "front_door_phone": "01632 960123",
        "anonymous_line_name": "",
    }
    response = client.get("/report/")
    assert response.status_code == 200
    page = text(response)
    assert "Help protect children from sexual exploitation" in page
    for heading in ("Signs to look out for", "Where it happens", "What to do", "What to tell us"):
        assert heading in page
    assert "beds or mattresses" in page
    assert "call <strong>999</strong>" in page
    assert "<strong>101</strong>" in page
    assert "Children&#x27;s Front Door on <strong>01632 960123</strong>" in page
    assert "without giving your name" not in page  # no anonymous line configured
    assert settings.PARTNERSHIP_NAME in page
    for staff_only in ("Sign out", "Find a child", "Your work", "OFFICIAL-SENSITIVE", 'href="/"', "Durham"):
        assert staff_only not in page


@pytest.mark.django_db
def test_the_anonymous_line_shows_when_the_partnership_has_one(client: Client, settings):
    settings.PARTNERSHIP_PUBLIC = {
        **settings.PARTNERSHIP_PUBLIC,
        "anonymous_line_name": "the Community Tip Line",
        "anonymous_line_phone": "0808 157 0000",
    }
    page = text(client.get("/report/"))
    assert "call the Community Tip Line on <strong>0808 157 0000</strong>" in page


@pytest.mark.django_db
def test_the_form_opens_without_an_account_with_a_csrf_token_and_a_fresh_key(client: Client):
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    page = text(response)
    assert "Report a concern about child sexual exploitation" in page
    assert "You do not have to give your name" in page
    assert "csrfmiddlewaretoken" in page
    assert "csrftoken" in response.cookies
    assert "no-store" in response["Cache-Control"]  # each form's key is its own
    assert form_key(client) != form_key(client)
    assert "Sign out" not in page
    assert client.get("/report/sent/").status_code == 200


@pytest.mark.django_db
def test_a_report_stores_a_community_submission_with_its_mentions(client: Client):
    response = send(
        client,
        narrative="Two girls are collected from the takeaway most Friday nights.",
        person_1_name="Jay Example",
        person_1_nickname="JJ",
        person_1_description="Tall, about 30, a scar on his left hand",
        person_2_description="Older woman with red hair",
        place_1_name="Example Pizza",
        place_1_address="12 Example Street",
        place_1_postcode="NF1 2AB",
        vehicle_1_registration="ab12 c?e",
        vehicle_1_make="Ford",
        vehicle_1_model="Focus",
        vehicle_1_colour="Silver",
        when_day="3",
        when_month="1",
        when_year="2025",
        when_text="about 11pm",
        knowledge=Knowledge.RUMOUR,
    )
    assert response.status_code == 302
    assert response["Location"] == "/report/sent/"
    confirmation = text(client.get(response["Location"]))
    assert "Report sent" in confirmation
    assert "What happens next" in confirmation

    submission = Submission.objects.get()
    assert submission.source == SubmissionSource.COMMUNITY
    assert submission.submitted_by is None
    assert submission.agency is None
    assert submission.knowledge == Knowledge.RUMOUR
    assert submission.narrative.startswith("Two girls are collected")
    assert submission.occurred_text == "about 11pm"
    assert submission.occurred_from is not None
    assert timezone.localtime(submission.occurred_from).date().isoformat() == "2025-01-03"
    assert bytes(submission.reporter_identity) == b""
    mentions = {(m.kind, m.position): m for m in submission.mentions.all()}
    assert mentions[(EntityKind.PERSON, 0)].attributes == {
        "name": "Jay Example",
        "nickname": "JJ",
        "description": "Tall, about 30, a scar on his left hand",
    }
    assert mentions[(EntityKind.PERSON, 1)].attributes == {"description": "Older woman with red hair"}
    assert mentions[(EntityKind.LOCATION, 0)].attributes == {
        "name": "Example Pizza",
        "address": "12 Example Street",
        "postcode": "NF1 2AB",
    }
    vehicle = mentions[(EntityKind.VEHICLE, 0)]
    assert vehicle.attributes["registration"] == "ab12 c?e"
    assert vehicle.partial
    assert len(mentions) == 4  # the empty boxes made no mentions


@pytest.mark.django_db
def test_the_reporters_identity_is_stored_encrypted_and_never_shown_back(client: Client):
    response = send(client, reporter_name="Pat Example", reporter_contact="pat@example.org", follow=True)
    page = text(response)
    assert "Report sent" in page
    assert "Pat Example" not in page
    assert "pat@example.org" not in page
    submission = Submission.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT reporter_identity FROM intelligence_submission WHERE id = %s", [submission.pk])
        stored = bytes(cursor.fetchone()[0])
    assert b"Pat Example" not in stored
    assert b"pat@example.org" not in stored
    assert decrypt_text(stored) == "Name: Pat Example\nContact: pat@example.org"
    assert not Submission.objects.filter(narrative__icontains="Pat Example").exists()


@pytest.mark.django_db
def test_the_same_key_twice_makes_one_report_and_both_see_the_confirmation(client: Client, settings):
    settings.PUBLIC_REPORT_RATES = ["1/10m"]  # and the second sending is not counted as a new report
    key = form_key(client)
    first = send(client, key, narrative="A van outside the school every afternoon.")
    second = send(client, key, narrative="A van outside the school every afternoon.")
    assert first.status_code == second.status_code == 302
    assert second["Location"] == "/report/sent/"
    assert Submission.objects.count() == 1
    assert Submission.objects.get().idempotency_key == f"public-{key}"


@pytest.mark.django_db
def test_the_rate_limit_answers_429_and_says_when_to_try_again(client: Client, settings):
    settings.PUBLIC_REPORT_RATES = ["2/10m", "20/d"]
    assert send(client).status_code == 302
    assert send(client).status_code == 302
    refused = send(client)
    assert refused.status_code == 429
    assert "You have sent a lot of reports" in text(refused)
    assert "You can send another report after" in text(refused)
    assert 0 < int(refused["Retry-After"]) <= 600
    assert Submission.objects.count() == 2
    # The limit is per client address: someone else can still report.
    other = Client(REMOTE_ADDR="192.0.2.44")
    assert send(other).status_code == 302
    assert Submission.objects.count() == 3


@pytest.mark.django_db
def test_an_oversize_report_is_refused_with_a_named_error(client: Client, settings):
    settings.PUBLIC_REPORT_MAX_BYTES = 50_000
    refused = send(client, narrative="x" * 60_000)
    assert refused.status_code == 413
    assert "Your report is too large to send" in text(refused)
    too_long = send(client, narrative="x" * 10_001, person_1_name="y" * 201)
    assert too_long.status_code == 200
    assert "Describe what you saw or heard in 10,000 characters or fewer" in text(too_long)
    assert "Person 1&#x27;s name must be 200 characters or fewer" in text(too_long)
    assert Submission.objects.count() == 0


@pytest.mark.django_db
def test_bad_input_is_named_and_nothing_is_saved(client: Client):
    response = send(
        client,
        narrative=" ",
        vehicle_2_registration="AB-12!",
        when_day="31",
        when_month="2",
        when_year="2025",
        knowledge="guesswork",
    )
    page = text(response)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "There is a problem" in page
    assert "Describe what you saw or heard" in page
    assert "Vehicle 2&#x27;s registration can only include letters, numbers, spaces, ? and *" in page
    assert "The date it happened must be a real date" in page
    assert "Select how you know this from the list" in page
    assert 'value="AB-12!"' in page  # what was typed stays on the page
    assert Submission.objects.count() == 0


@pytest.mark.django_db
def test_a_form_without_its_key_is_sent_back_with_a_fresh_one(client: Client):
    response = send(client, key="")
    page = text(response)
    assert "The form was not sent in full" in page
    assert re.search(r'name="idempotency_key" value="[A-Za-z0-9_-]{20,}"', page)
    assert Submission.objects.count() == 0


@pytest.mark.django_db
def test_the_honeypot_stores_nothing_and_looks_like_success(client: Client):
    page = text(client.get(REPORT_URL))
    assert re.search(r'<div class="govuk-form-group" hidden>\s*<label class="govuk-label" for="id_website">', page)
    response = send(client, website="http://spam.example", narrative="Buy cheap watches")
    assert response.status_code == 302
    assert response["Location"] == "/report/sent/"
    assert Submission.objects.count() == 0


@pytest.mark.django_db
def test_csrf_stays_on_for_the_public_form():
    client = Client(enforce_csrf_checks=True)
    key = form_key(client)
    assert client.post(REPORT_URL, {"idempotency_key": key, "narrative": "Seen at the bus stop"}).status_code == 403
    token = client.cookies["csrftoken"].value
    response = client.post(
        REPORT_URL, {"csrfmiddlewaretoken": token, "idempotency_key": key, "narrative": "Seen at the bus stop"}
    )
    assert response.status_code == 302
    assert Submission.objects.count() == 1


def _lock_the_database() -> sqlite3.Connection:
    """Another connection takes SQLite's write lock, as a second process writing at that moment would."""
    name = str(connection.settings_dict["NAME"])
    other = sqlite3.connect(name, uri=name.startswith("file:"), timeout=0.1, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("CREATE TABLE IF NOT EXISTS test_public_lock (id integer)")
    return other


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's 'database is locked'")
@pytest.mark.django_db(transaction=True)
def test_a_locked_database_answers_503_and_stores_nothing(client: Client):
    key = form_key(client)
    other = _lock_the_database()
    try:
        busy = send(client, key, narrative="A car outside the hostel", vehicle_1_registration="AB12CDE")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert busy.status_code == 503
    assert "Sorry, we could not save your report just now" in text(busy)
    assert "A car outside the hostel" in text(busy)  # nothing typed is lost
    assert busy["Retry-After"]
    assert Submission.objects.count() == 0
    again = send(client, key, narrative="A car outside the hostel", vehicle_1_registration="AB12CDE")
    assert again.status_code == 302
    assert Submission.objects.count() == 1
