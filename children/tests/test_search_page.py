"""Finding a child: the search page's answers and its error messages."""

import pytest

from accounts.models import Role
from tests.factories import ChildFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker():
    return staff_user(role=Role.SOCIAL_WORKER)


@pytest.fixture
def client_for(signed_in, worker):
    return signed_in(worker)


def search(client, **params):
    return client.get("/children/", params).content.decode()


def test_finds_by_name_date_of_birth_and_reference(client_for, worker):
    import datetime as dt

    child = ChildFactory.create(
        holding_team=worker.teams.get(),
        first_name="Talia",
        last_name="Brookfield",
        known_as="Tee",
        date_of_birth=dt.date(2010, 3, 27),
        nhs_number="9434765870",
    )
    ChildFactory.create(holding_team=worker.teams.get(), first_name="Other", last_name="Person")
    assert "Talia Brookfield" in search(client_for, name="brookfield talia")
    assert "Talia Brookfield" in search(client_for, name="tee")
    assert "Talia Brookfield" in search(client_for, dob_day="27", dob_month="3", dob_year="2010")
    assert "Talia Brookfield" in search(client_for, identifier=child.reference.lower())
    assert "Talia Brookfield" in search(client_for, identifier="943 476 5870")
    page = search(client_for, name="brookfield", dob_day="1", dob_month="1", dob_year="2011")
    assert "0 children found" in page


def test_empty_search_asks_for_something_to_search_by(client_for):
    page = search(client_for, name="")
    assert "There is a problem" in page
    assert "Enter a name, a date of birth or a reference" in page


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2010", "Date of birth must be a real date"),
        ("12", "", "2010", "Date of birth must include a day, month and year"),
        ("a", "1", "2010", "Date of birth must be a real date"),
        ("1", "1", "10", "Date of birth must be a real date"),
        ("1", "1", "2999", "Date of birth must be today or in the past"),
    ],
)
def test_bad_dates_are_named_and_linked_to_the_day_box(client_for, day, month, year, message):
    page = search(client_for, dob_day=day, dob_month=month, dob_year=year)
    assert message in page
    assert 'href="#id_dob_day"' in page
    assert "govuk-input--error" in page


def test_results_are_in_name_order_whatever_the_case_of_the_names(client_for, worker):
    for last_name in ("Eccles", "de Winter", "Dawson"):
        ChildFactory.create(holding_team=worker.teams.get(), first_name="Morgan", last_name=last_name)
    page = search(client_for, name="morgan")
    assert page.index("Morgan Dawson") < page.index("Morgan de Winter") < page.index("Morgan Eccles")
