"""Completing the referral to the Designated CSE worker allocates the area's Designated CSE worker, or the
one the referrer chose where the service has several (decision 0030)."""

import pytest

from accounts.models import Membership, Role, TeamKind, User
from children.access import child_visible_queryset
from children.models import CaseAllocation, Child, ChronologyEntry, ChronologyKind
from frontdoor.models import Task, TaskStatus
from frontdoor.routing import Owner, TaskCode

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(partnership) -> Child:
    found = child_visible_queryset(partnership["socialworker.nfd"]).order_by("reference").first()
    assert found is not None
    CaseAllocation.objects.filter(child=found, role=Role.DESIGNATED_CSE_WORKER).delete()
    return found


@pytest.fixture
def referral(child) -> Task:
    return Task.objects.create(
        child=child,
        code=TaskCode.REFER_TO_DESIGNATED_CSE_WORKER,
        owner=Owner.CASE_HOLDING_SOCIAL_WORKER,
        team=child.holding_team,
        status=TaskStatus.OPEN,
        reason="Medium risk: the social worker refers to the Designated CSE worker.",
    )


def _cse_allocations(child: Child) -> list[str]:
    return list(
        CaseAllocation.objects.filter(child=child, role=Role.DESIGNATED_CSE_WORKER, ended_at__isnull=True).values_list(
            "user__username", flat=True
        )
    )


def _second_cse_worker(partnership) -> User:
    team = partnership["cseworker.nfd"].teams.get()
    assert team.kind == TeamKind.DESIGNATED_CSE
    second: User = partnership["youthworker.nfd"]
    Membership.objects.create(user=second, team=team, role=Role.DESIGNATED_CSE_WORKER)
    return second


def test_completing_the_referral_allocates_the_areas_designated_cse_worker(partnership, signed_in, child, referral):
    worker = partnership["socialworker.nfd"]
    cse = partnership["cseworker.nfd"]
    assert not child_visible_queryset(cse).filter(pk=child.pk).exists() or _cse_allocations(child) == []
    response = signed_in(worker).post(f"/tasks/{referral.pk}/", {"action": "complete", "note": ""})
    assert response.status_code == 302
    assert _cse_allocations(child) == ["cseworker.nfd"]
    allocation = CaseAllocation.objects.get(child=child, user=cse, ended_at__isnull=True)
    assert allocation.allocated_by == worker
    assert ChronologyEntry.objects.filter(
        child=child, kind=ChronologyKind.ALLOCATION, summary__startswith=f"Allocated: {cse.display_name}"
    ).exists()
    # The Designated CSE worker has the child on their caseload now.
    assert child.full_name in signed_in(cse).get("/").content.decode()


def test_where_the_service_has_several_the_referrer_chooses(partnership, signed_in, child, referral):
    second = _second_cse_worker(partnership)
    client = signed_in(partnership["socialworker.nfd"])
    page = client.get(f"/tasks/{referral.pk}/").content.decode()
    assert "Which Designated CSE worker is the child referred to?" in page
    assert second.display_name in page

    unchosen = client.post(f"/tasks/{referral.pk}/", {"action": "complete", "note": ""})
    assert unchosen.status_code == 200
    assert "Select the Designated CSE worker the child is referred to" in unchosen.content.decode()
    referral.refresh_from_db()
    assert referral.status == TaskStatus.OPEN
    assert _cse_allocations(child) == []

    chosen = client.post(
        f"/tasks/{referral.pk}/", {"action": "complete", "note": "", "designated_cse_worker": str(second.pk)}
    )
    assert chosen.status_code == 302
    assert _cse_allocations(child) == ["youthworker.nfd"]


def test_by_api_a_referral_to_one_of_several_needs_the_choice(partnership, signed_in, child, referral):
    second = _second_cse_worker(partnership)
    client = signed_in(partnership["socialworker.nfd"])
    refused = client.post(f"/api/v1/tasks/{referral.pk}/complete", {}, content_type="application/json")
    assert refused.status_code == 400
    assert "designated_cse_worker_id" in refused.json()["errors"]
    referral.refresh_from_db()
    assert referral.status == TaskStatus.OPEN
    assert _cse_allocations(child) == []
    stranger = client.post(
        f"/api/v1/tasks/{referral.pk}/complete",
        {"designated_cse_worker_id": partnership["teacher.nfd"].pk},
        content_type="application/json",
    )
    assert stranger.status_code == 400
    assert _cse_allocations(child) == []
    done = client.post(
        f"/api/v1/tasks/{referral.pk}/complete",
        {"designated_cse_worker_id": second.pk},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    assert _cse_allocations(child) == ["youthworker.nfd"]


def test_a_child_with_a_designated_cse_worker_already_keeps_them(partnership, signed_in, child, referral):
    cse = partnership["cseworker.nfd"]
    CaseAllocation.objects.create(child=child, user=cse, role=Role.DESIGNATED_CSE_WORKER)
    _second_cse_worker(partnership)
    response = signed_in(partnership["socialworker.nfd"]).post(f"/tasks/{referral.pk}/", {"action": "complete"})
    assert response.status_code == 302
    assert _cse_allocations(child) == ["cseworker.nfd"]
