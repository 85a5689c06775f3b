"""Corrections to a child's record, through the page and the API: a reason, the history kept."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Role
from children.models import Child, ChildCorrection, ChronologyEntry, ChronologyKind
from core.append_only import AppendOnlyError
from tests.factories import ChildFactory, staff_user

pytestmark = pytest.mark.django_db

VALID_NHS = "9434765919"  # the modulus 11 check digit is right


@pytest.fixture
def worker():
    return staff_user(role=Role.SOCIAL_WORKER, first_name="Amira", last_name="Osei")


@pytest.fixture
def child(worker):
    return ChildFactory.create(
        holding_team=worker.teams.get(),
        first_name="Kayla",
        last_name="Brookes",
        date_of_birth=dt.date(2011, 4, 3),
        learning_disability="not_known",
        school="Northfield Academy",
    )


def _current(child: Child, **changes: str) -> dict[str, str]:
    born = child.date_of_birth
    return {
        "first_name": child.first_name,
        "last_name": child.last_name,
        "known_as": child.known_as,
        "dob_day": str(born.day) if born else "",
        "dob_month": str(born.month) if born else "",
        "dob_year": str(born.year) if born else "",
        "gender": child.gender,
        "ethnicity": child.ethnicity,
        "nhs_number": child.nhs_number,
        "learning_disability": child.learning_disability,
        "special_educational_needs": child.special_educational_needs,
        "school": child.school,
        "looked_after": "yes" if child.looked_after else "no",
        "placed_out_of_area": "yes" if child.placed_out_of_area else "no",
        "host_authority": child.host_authority,
        "host_social_worker": child.host_social_worker,
        "host_social_worker_contact": child.host_social_worker_contact,
        **changes,
    }


def test_the_page_shows_the_current_values_and_keeps_the_history(signed_in, worker, child):
    web = signed_in(worker)
    assert f'href="/children/{child.id}/correct/"' in web.get(f"/children/{child.id}/").content.decode()
    form = web.get(f"/children/{child.id}/correct/").content.decode()
    assert 'value="Kayla"' in form
    assert 'value="Northfield Academy"' in form
    assert 'value="2011"' in form
    response = web.post(
        f"/children/{child.id}/correct/",
        _current(
            child,
            dob_day="30",
            dob_month="4",
            learning_disability="yes",
            nhs_number="943 476 5919",
            reason="Date of birth and NHS number confirmed by the GP; the school confirmed the learning disability.",
        ),
    )
    assert response.status_code == 302, response.content.decode()
    child.refresh_from_db()
    assert child.date_of_birth == dt.date(2011, 4, 30)
    assert child.learning_disability == "yes"
    assert child.nhs_number == VALID_NHS
    history = {c.field: (c.old_value, c.new_value) for c in ChildCorrection.objects.filter(child=child)}
    assert history == {
        "date_of_birth": ("3 April 2011", "30 April 2011"),
        "learning_disability": ("Not known", "Yes"),
        "nhs_number": ("Not recorded", "943 476 5919"),
    }
    assert {c.corrected_by for c in ChildCorrection.objects.filter(child=child)} == {worker}
    entry = ChronologyEntry.objects.get(child=child, kind=ChronologyKind.CORRECTION)
    assert "Date of birth: 3 April 2011 → 30 April 2011" in entry.summary
    assert "confirmed by the GP" in entry.summary
    page = web.get(f"/children/{child.id}/").content.decode()
    assert "The child&#x27;s details are corrected" in page
    assert "30 April 2011" in page
    assert "Date of birth and NHS number confirmed by the GP" in page
    assert "Learning disability: not known — ask" not in page  # answered: no longer asked


def test_a_reason_is_required_and_nothing_is_saved_without_one(signed_in, worker, child):
    response = signed_in(worker).post(f"/children/{child.id}/correct/", _current(child, known_as="Kiki"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter why the details are being corrected" in page
    child.refresh_from_db()
    assert child.known_as == ""
    assert not ChildCorrection.objects.exists()


def test_a_duplicate_nhs_number_names_the_problem(signed_in, worker, child):
    ChildFactory.create(nhs_number=VALID_NHS)  # another child, perhaps out of the worker's sight
    response = signed_in(worker).post(
        f"/children/{child.id}/correct/",
        _current(child, nhs_number=VALID_NHS, known_as="Kiki", reason="From the GP."),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "This NHS number is already recorded for another child" in page
    child.refresh_from_db()
    assert (child.nhs_number, child.known_as) == ("", "")  # nothing half-saved
    assert not ChildCorrection.objects.exists()
    assert not ChronologyEntry.objects.filter(kind=ChronologyKind.CORRECTION).exists()


def test_a_wrong_nhs_number_and_a_future_birth_are_refused(signed_in, worker, child):
    future = timezone.localdate() + dt.timedelta(days=3)
    response = signed_in(worker).post(
        f"/children/{child.id}/correct/",
        _current(
            child,
            nhs_number="9434765910",
            dob_day=str(future.day),
            dob_month=str(future.month),
            dob_year=str(future.year),
            reason="Typo.",
        ),
    )
    page = response.content.decode()
    assert "Date of birth must be today or in the past" in page
    response = signed_in(worker).post(
        f"/children/{child.id}/correct/", _current(child, nhs_number="9434765910", reason="Typo.")
    )
    assert "Enter a real NHS number: the last digit does not match the others" in response.content.decode()
    child.refresh_from_db()
    assert child.nhs_number == ""


def test_nothing_changed_is_said(signed_in, worker, child):
    response = signed_in(worker).post(f"/children/{child.id}/correct/", _current(child, reason="Checked."))
    assert "Nothing has changed" in response.content.decode()


def test_api_patch_changes_only_what_it_names(signed_in, worker, child):
    web = signed_in(worker)
    response = web.patch(
        f"/api/v1/children/{child.id}/",
        {"learning_disability": False, "looked_after": True, "reason": "Confirmed at the review."},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["learning_disability"] is False
    assert body["looked_after"] is True
    assert body["first_name"] == "Kayla"
    fields = set(ChildCorrection.objects.filter(child=child).values_list("field", flat=True))
    assert fields == {"learning_disability", "looked_after"}


def test_api_patch_refuses_a_duplicate_nhs_number_and_a_missing_reason(signed_in, worker, child):
    ChildFactory.create(nhs_number=VALID_NHS)
    web = signed_in(worker)
    response = web.patch(
        f"/api/v1/children/{child.id}/", {"nhs_number": VALID_NHS, "reason": "GP."}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["nhs_number"][0].startswith("This NHS number is already recorded")
    response = web.patch(f"/api/v1/children/{child.id}/", {"known_as": "Kiki"}, content_type="application/json")
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]
    child.refresh_from_db()
    assert (child.nhs_number, child.known_as) == ("", "")


def test_someone_who_only_sees_the_child_may_not_correct_it(signed_in, child):
    from children.tests.test_case_notes import _see_only

    officer = _see_only(child)
    web = signed_in(officer)
    assert web.get(f"/children/{child.id}/").status_code == 200
    assert "Correct the child&#x27;s details" not in web.get(f"/children/{child.id}/").content.decode()
    assert web.get(f"/children/{child.id}/correct/").status_code == 403
    assert web.post(f"/children/{child.id}/correct/", _current(child, reason="x", known_as="K")).status_code == 403
    response = web.patch(
        f"/api/v1/children/{child.id}/", {"known_as": "K", "reason": "x"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not ChildCorrection.objects.exists()


def test_the_history_is_append_only(signed_in, worker, child):
    signed_in(worker).patch(
        f"/api/v1/children/{child.id}/", {"known_as": "Kiki", "reason": "Her name."}, content_type="application/json"
    )
    correction = ChildCorrection.objects.get()
    correction.new_value = "Someone else"
    with pytest.raises(AppendOnlyError):
        correction.save()
