"""Allocating workers to a child's case and ending allocations, through the page and the API (decision 0030)."""

import pytest

from accounts.models import Membership, Role, TeamKind
from children.access import child_visible_queryset
from children.models import CaseAllocation, Child, ChronologyEntry, ChronologyKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(partnership) -> Child:
    """A Northfield child held by Social Care Team East, whose team manager is teammanager.nfd."""
    found = child_visible_queryset(partnership["socialworker.nfd"]).order_by("reference").first()
    assert found is not None
    assert found.holding_team.kind == TeamKind.SOCIAL_CARE
    return found


def _open(child: Child) -> set[tuple[str, str]]:
    return {
        (allocation.user.username, allocation.role)
        for allocation in CaseAllocation.objects.filter(child=child, ended_at__isnull=True).select_related("user")
    }


def _allocation_entries(child: Child) -> list[str]:
    return list(
        ChronologyEntry.objects.filter(child=child, kind=ChronologyKind.ALLOCATION)
        .order_by("recorded_at", "id")
        .values_list("summary", flat=True)
    )


def test_the_holding_teams_manager_allocates_a_new_case_holder_and_the_old_one_ends(partnership, signed_in, child):
    manager, old, new = (
        partnership["teammanager.nfd"],
        partnership["socialworker.nfd"],
        partnership["socialworker2.nfd"],
    )
    CaseAllocation.objects.filter(child=child, role=Role.SOCIAL_WORKER).delete()
    CaseAllocation.objects.create(child=child, user=old, role=Role.SOCIAL_WORKER)
    client = signed_in(manager)

    page = client.get(f"/children/{child.id}/allocations/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Allocate a worker" in html
    assert f'value="{new.pk}:social_worker"' in html
    assert old.display_name in html

    response = client.post(f"/children/{child.id}/allocations/", {"worker": f"{new.pk}:social_worker"})
    assert response.status_code == 302
    assert ("socialworker2.nfd", "social_worker") in _open(child)
    assert ("socialworker.nfd", "social_worker") not in _open(child)
    ended = CaseAllocation.objects.get(child=child, user=old, role=Role.SOCIAL_WORKER)
    assert ended.ended_by == manager
    assert "now the case-holding social worker" in ended.end_reason
    made = CaseAllocation.objects.get(child=child, user=new, ended_at__isnull=True)
    assert made.allocated_by == manager
    entries = _allocation_entries(child)
    assert any(entry.startswith(f"Allocation ended: {old.display_name}") for entry in entries)
    assert any(entry.startswith(f"Allocated: {new.display_name} (Social worker)") for entry in entries)

    after = client.get(f"/children/{child.id}/allocations/").content.decode()
    assert "Past allocations" in after
    assert "now the case-holding social worker" in after
    # The new case holder sees the child now, and has it on their home page.
    assert signed_in(new).get(f"/children/{child.id}/").status_code == 200
    assert child.full_name in signed_in(new).get("/").content.decode()


def test_the_child_page_leads_to_the_allocations(partnership, signed_in, child):
    html = signed_in(partnership["socialworker.nfd"]).get(f"/children/{child.id}/").content.decode()
    assert f"/children/{child.id}/allocations/" in html


def test_a_worker_who_sees_the_child_but_manages_nothing_is_refused(partnership, signed_in, child):
    worker, cse = partnership["socialworker.nfd"], partnership["cseworker.nfd"]
    before = (_open(child), _allocation_entries(child))
    client = signed_in(worker)
    page = client.get(f"/children/{child.id}/allocations/").content.decode()
    assert "Allocate a worker" not in page
    assert "End<span" not in page
    response = client.post(f"/children/{child.id}/allocations/", {"worker": f"{cse.pk}:designated_cse_worker"})
    assert response.status_code == 403
    api = client.post(
        f"/api/v1/children/{child.id}/allocations",
        {"user_id": cse.pk, "role": "designated_cse_worker"},
        content_type="application/json",
    )
    assert api.status_code == 403
    assert (_open(child), _allocation_entries(child)) == before


def test_someone_who_may_not_see_the_child_gets_not_found(partnership, signed_in, child):
    other_manager = partnership["teammanager.sdl"]
    client = signed_in(other_manager)
    assert client.get(f"/children/{child.id}/allocations/").status_code == 404
    response = client.post(
        f"/api/v1/children/{child.id}/allocations",
        {"user_id": partnership["cseworker.sdl"].pk, "role": "designated_cse_worker"},
        content_type="application/json",
    )
    assert response.status_code == 404
    allocation = CaseAllocation.objects.filter(child=child).first()
    if allocation is not None:
        assert client.get(f"/children/allocations/{allocation.pk}/end/").status_code == 404


def test_a_worker_who_does_not_hold_the_role_is_not_allocated(partnership, signed_in, child):
    teacher = partnership["teacher.nfd"]
    before = _open(child)
    response = signed_in(partnership["teammanager.nfd"]).post(
        f"/children/{child.id}/allocations/", {"worker": f"{teacher.pk}:social_worker"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert f"{teacher.display_name} is not a social worker in any team" in html
    assert _open(child) == before


def test_by_api_the_manager_allocates_the_cse_worker_and_ends_the_allocation(partnership, signed_in, child):
    manager, cse = partnership["teammanager.nfd"], partnership["cseworker.nfd"]
    CaseAllocation.objects.filter(child=child, user=cse).delete()
    client = signed_in(manager)
    made = client.post(
        f"/api/v1/children/{child.id}/allocations",
        {"user_id": cse.pk, "role": "designated_cse_worker"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["role"] == "designated_cse_worker"
    assert made.json()["allocated_by"] == manager.display_name
    assert child_visible_queryset(cse).filter(pk=child.pk).exists()

    twice = client.post(
        f"/api/v1/children/{child.id}/allocations",
        {"user_id": cse.pk, "role": "designated_cse_worker"},
        content_type="application/json",
    )
    assert twice.status_code == 400
    assert "already allocated" in twice.json()["detail"]

    allocation_id = made.json()["id"]
    no_reason = client.post(f"/api/v1/allocations/{allocation_id}/end", {"reason": ""}, content_type="application/json")
    assert no_reason.status_code == 400
    ended = client.post(
        f"/api/v1/allocations/{allocation_id}/end",
        {"reason": "Risk reduced; CSE work completed."},
        content_type="application/json",
    )
    assert ended.status_code == 200, ended.content
    assert ended.json()["ended_by"] == manager.display_name
    listed = client.get(f"/api/v1/children/{child.id}/allocations").json()
    assert allocation_id in [row["id"] for row in listed["past"]]
    assert allocation_id not in [row["id"] for row in listed["current"]]
    assert any("Risk reduced; CSE work completed." in entry for entry in _allocation_entries(child))
    # The Designated CSE service holds no case here: without the allocation the worker no longer sees the child.
    assert not child_visible_queryset(cse).filter(pk=child.pk).exists()


def test_ending_an_allocation_on_the_page_asks_why(partnership, signed_in, child):
    manager, teacher = partnership["teammanager.nfd"], partnership["teacher.nfd"]
    allocation = CaseAllocation.objects.filter(child=child, user=teacher, ended_at__isnull=True).first()
    if allocation is None:
        allocation = CaseAllocation.objects.create(child=child, user=teacher, role=Role.LEAD_WORKER)
    client = signed_in(manager)
    assert (
        f"/children/allocations/{allocation.pk}/end/"
        in client.get(f"/children/{child.id}/allocations/").content.decode()
    )
    empty = client.post(f"/children/allocations/{allocation.pk}/end/", {"reason": ""})
    assert empty.status_code == 200
    assert "Enter why the allocation ends" in empty.content.decode()
    done = client.post(f"/children/allocations/{allocation.pk}/end/", {"reason": "Left the school."})
    assert done.status_code == 302
    allocation.refresh_from_db()
    assert allocation.ended_at is not None
    assert allocation.end_reason == "Left the school."
    # The teacher may not end someone's allocation, nor reopen theirs by asking again.
    assert signed_in(teacher).post(f"/children/allocations/{allocation.pk}/end/", {"reason": "x"}).status_code == 404


def test_the_workers_own_manager_allocates_their_worker(partnership, signed_in, child):
    """A manager of the Designated CSE service, who sees the child through their own allocation, allocates
    their worker; they may not allocate someone from another team."""
    cse = partnership["cseworker.nfd"]
    CaseAllocation.objects.filter(child=child, user=cse).delete()
    cse_team = cse.teams.get()
    manager = partnership["earlyhelp.nfd"]
    Membership.objects.create(user=manager, team=cse_team, role=Role.TEAM_MANAGER)
    CaseAllocation.objects.filter(child=child, user=manager).delete()
    CaseAllocation.objects.create(child=child, user=manager, role=Role.LEAD_WORKER)
    client = signed_in(manager)
    other = client.post(
        f"/api/v1/children/{child.id}/allocations",
        {"user_id": partnership["socialworker2.nfd"].pk, "role": "social_worker"},
        content_type="application/json",
    )
    assert other.status_code == 403
    own = client.post(
        f"/api/v1/children/{child.id}/allocations",
        {"user_id": cse.pk, "role": "designated_cse_worker"},
        content_type="application/json",
    )
    assert own.status_code == 201, own.content
