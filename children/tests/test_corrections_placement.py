"""Correcting whether a child of ours is placed out of area, and with whom (decision 0038): through the
page and the API, judged as the screening judges it (decision 0034), with the history kept."""

import pytest

from accounts.models import Role
from children.case_status import CaseStatus
from children.models import Child, ChildCorrection, ChronologyEntry, ChronologyKind
from children.tests.test_case_notes import _see_only
from children.tests.test_corrections import _current
from tests.factories import ChildFactory, staff_user

pytestmark = pytest.mark.django_db

HOST = "Redcar and Cleveland Council"
NEEDS_HOST = "Enter the host authority the child is placed in"


@pytest.fixture
def worker():
    return staff_user(role=Role.SOCIAL_WORKER, first_name="Amira", last_name="Osei")


@pytest.fixture
def child(worker):
    return ChildFactory.create(
        holding_team=worker.teams.get(),
        first_name="Kayla",
        last_name="Brookes",
        case_status=CaseStatus.OPEN_SOCIAL_CARE,
        looked_after=True,
    )


@pytest.fixture
def placed(worker):
    return ChildFactory.create(
        holding_team=worker.teams.get(),
        first_name="Jordan",
        case_status=CaseStatus.OPEN_SOCIAL_CARE,
        looked_after=True,
        placed_out_of_area=True,
        host_authority=HOST,
        host_social_worker="Sam Ortiz",
        host_social_worker_contact="01642 555 0101",
    )


def _history(child: Child) -> dict[str, tuple[str, str]]:
    return {c.field: (c.old_value, c.new_value) for c in ChildCorrection.objects.filter(child=child)}


def _patch(web, child: Child, body: dict[str, object]):
    return web.patch(f"/api/v1/children/{child.id}/", body, content_type="application/json")


def test_the_page_records_a_placement_out_of_area(signed_in, worker, child):
    web = signed_in(worker)
    form = web.get(f"/children/{child.id}/correct/").content.decode()
    assert "Is the child one of ours placed out of area?" in form
    assert 'name="placed_out_of_area" type="radio" value="no" checked' in form
    response = web.post(
        f"/children/{child.id}/correct/",
        _current(
            child,
            placed_out_of_area="yes",
            host_authority=f"  {HOST} ",
            host_social_worker="Sam Ortiz",
            reason="Placed with foster carers in Redcar last month; the placement plan confirms it.",
        ),
    )
    assert response.status_code == 302, response.content.decode()
    child.refresh_from_db()
    assert child.placement.summary() == f"Placed out of area in {HOST}; host social worker: Sam Ortiz."
    assert _history(child) == {
        "placed_out_of_area": ("No", "Yes"),
        "host_authority": ("Not recorded", HOST),
        "host_social_worker": ("Not recorded", "Sam Ortiz"),
    }
    entry = ChronologyEntry.objects.get(child=child, kind=ChronologyKind.CORRECTION)
    assert f"Placed out of area: No → Yes; Host authority: Not recorded → {HOST}" in entry.summary
    page = web.get(f"/children/{child.id}/").content.decode()
    assert f"Yes, in {HOST}: the case-holding social worker liaises with the host authority" in page
    assert "Placed with foster carers in Redcar last month" in page


def test_the_page_clears_a_placement_and_its_host(signed_in, worker, placed):
    web = signed_in(worker)
    form = web.get(f"/children/{placed.id}/correct/").content.decode()
    assert 'name="placed_out_of_area" type="radio" value="yes" checked' in form
    assert f'value="{HOST}"' in form
    # The host fields are still filled in, as the browser sends them: no is the answer.
    response = web.post(
        f"/children/{placed.id}/correct/",
        _current(placed, placed_out_of_area="no", reason="Came home to Darlington on Friday."),
    )
    assert response.status_code == 302, response.content.decode()
    placed.refresh_from_db()
    assert (placed.placed_out_of_area, placed.host_authority, placed.host_social_worker) == (False, "", "")
    assert placed.host_social_worker_contact == ""
    assert _history(placed) == {
        "placed_out_of_area": ("Yes", "No"),
        "host_authority": (HOST, "Not recorded"),
        "host_social_worker": ("Sam Ortiz", "Not recorded"),
        "host_social_worker_contact": ("01642 555 0101", "Not recorded"),
    }
    page = web.get(f"/children/{placed.id}/").content.decode()
    assert '<dd class="govuk-summary-list__value" id="placed-out-of-area">No</dd>' in page


def test_the_page_asks_for_the_host_authority_when_placed(signed_in, worker, child):
    response = signed_in(worker).post(
        f"/children/{child.id}/correct/",
        _current(child, placed_out_of_area="yes", host_social_worker="Sam Ortiz", known_as="Kay", reason="Moved."),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert f'<a href="#id_host_authority">{NEEDS_HOST}' in page
    child.refresh_from_db()
    assert (child.placed_out_of_area, child.host_social_worker, child.known_as) == (False, "", "")
    assert not ChildCorrection.objects.exists()
    assert not ChronologyEntry.objects.filter(kind=ChronologyKind.CORRECTION).exists()


def test_a_placement_recorded_without_its_host_asks_for_it(signed_in, worker, child):
    """A child of the former status keeps the flag with no host (decision 0034): the page asks for it,
    as the next screening would, before any correction is saved."""
    Child.objects.filter(pk=child.pk).update(placed_out_of_area=True)
    child.refresh_from_db()
    web = signed_in(worker)
    page = web.post(f"/children/{child.id}/correct/", _current(child, known_as="Kay", reason="Her name.")).content
    assert NEEDS_HOST in page.decode()
    response = web.post(
        f"/children/{child.id}/correct/", _current(child, known_as="Kay", host_authority=HOST, reason="Her name.")
    )
    assert response.status_code == 302
    assert _history(child) == {"known_as": ("Not recorded", "Kay"), "host_authority": ("Not recorded", HOST)}


def test_a_child_from_another_authority_is_not_placed_out_of_area_by_us(signed_in, worker):
    visitor = ChildFactory.create(holding_team=worker.teams.get(), case_status=CaseStatus.OUT_OF_AUTHORITY)
    web = signed_in(worker)
    page = web.post(
        f"/children/{visitor.id}/correct/",
        _current(visitor, placed_out_of_area="yes", host_authority=HOST, reason="Placed."),
    ).content.decode()
    assert "A child from another authority living here is not placed out of area by us" in page
    response = _patch(web, visitor, {"placed_out_of_area": True, "host_authority": HOST, "reason": "Placed."})
    assert response.status_code == 400
    assert "placed_out_of_area" in response.json()["errors"]
    visitor.refresh_from_db()
    assert not visitor.placed_out_of_area


def test_api_sets_and_clears_the_placement(signed_in, worker, child):
    web = signed_in(worker)
    response = _patch(web, child, {"placed_out_of_area": True, "host_authority": HOST, "reason": "Placement plan."})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["placed_out_of_area"], body["host_authority"], body["host_social_worker"]) == (True, HOST, "")
    assert _history(child) == {"placed_out_of_area": ("No", "Yes"), "host_authority": ("Not recorded", HOST)}
    response = _patch(web, child, {"placed_out_of_area": False, "reason": "Came home."})
    assert response.status_code == 200, response.content
    assert (response.json()["placed_out_of_area"], response.json()["host_authority"]) == (False, "")
    child.refresh_from_db()
    assert (child.placed_out_of_area, child.host_authority) == (False, "")
    assert ChildCorrection.objects.filter(child=child, field="host_authority", new_value="Not recorded").exists()
    assert ChronologyEntry.objects.filter(child=child, kind=ChronologyKind.CORRECTION).count() == 2


def test_api_corrects_the_host_and_keeps_what_it_leaves_out(signed_in, worker, placed):
    response = _patch(
        signed_in(worker),
        placed,
        {"placed_out_of_area": True, "host_authority": "Stockton-on-Tees Council", "reason": "Wrong council."},
    )
    assert response.status_code == 200, response.content
    placed.refresh_from_db()
    assert (placed.host_authority, placed.host_social_worker) == ("Stockton-on-Tees Council", "Sam Ortiz")
    assert _history(placed) == {"host_authority": (HOST, "Stockton-on-Tees Council")}


def test_api_refuses_a_placement_without_a_host_and_a_host_without_a_placement(signed_in, worker, child, placed):
    web = signed_in(worker)
    response = _patch(web, child, {"placed_out_of_area": True, "reason": "Placed."})
    assert response.status_code == 400
    assert response.json()["errors"]["host_authority"][0].startswith(NEEDS_HOST)
    response = _patch(web, placed, {"placed_out_of_area": True, "host_authority": " ", "reason": "Unknown."})
    assert response.status_code == 400
    assert response.json()["errors"]["host_authority"][0].startswith(NEEDS_HOST)
    response = _patch(web, child, {"host_authority": HOST, "reason": "Placed."})
    assert response.status_code == 400
    assert response.json()["errors"]["host_authority"] == [
        "Send placed_out_of_area with the host authority and its social worker."
    ]
    child.refresh_from_db()
    placed.refresh_from_db()
    assert (child.placed_out_of_area, placed.host_authority) == (False, HOST)
    assert not ChildCorrection.objects.exists()


def test_who_may_not_write_to_the_child_may_not_correct_the_placement(signed_in, worker, child):
    officer = _see_only(child)  # sees the child, does not work the case
    web = signed_in(officer)
    assert web.get(f"/children/{child.id}/").status_code == 200
    placing = _current(child, placed_out_of_area="yes", host_authority=HOST, reason="Placed.")
    assert web.post(f"/children/{child.id}/correct/", placing).status_code == 403
    body = {"placed_out_of_area": True, "host_authority": HOST, "reason": "Placed."}
    assert _patch(web, child, body).status_code == 403
    stranger = signed_in(staff_user(role=Role.SOCIAL_WORKER))  # another team's worker: the child is not found
    assert stranger.get(f"/children/{child.id}/correct/").status_code == 404
    assert stranger.post(f"/children/{child.id}/correct/", placing).status_code == 404
    assert _patch(stranger, child, body).status_code == 404
    child.refresh_from_db()
    assert (child.placed_out_of_area, child.host_authority) == (False, "")
    assert not ChildCorrection.objects.exists()
