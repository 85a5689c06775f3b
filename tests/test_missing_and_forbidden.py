"""Every gate answers a record the user may not see exactly as it answers a record that does not exist:
Http404 with the same message, and through HTTP the same 404 with the same body (docs/security.md).

The gates are found, not listed: every function named `access_*` defined in an app's `access.py`. A new
gate without a case here fails `test_every_gate_has_a_case`.

The records are the other area's child's whole record (tests/other_area.py), and each reader is a user
who may not see that record: most are Northfield's, and some are Southdale's own staff who see the child
but not the record asked for (the submitter of intelligence is no officer; a worker allocated to the
child is no party to its challenge).
"""

import importlib
import inspect
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.http import Http404

from accounts.models import User
from challenges.access import ChallengeAction
from tests.other_area import OtherAreaRecord

MISSING_INT = 999999
MISSING_UUID = uuid.UUID("00000000-0000-4000-8000-000000000000")


@dataclass(frozen=True)
class Case:
    gate: str  # "<app>.access.<function>"
    record: Callable[[OtherAreaRecord], Any]  # the id of a record that exists
    reader: str  # the username of someone who may not see the record
    sees: str  # the username of someone who may: the record is there to be refused
    pages: tuple[str, ...]  # the record's pages and API: {id} is the record's id, {record} the other area's
    label: str = ""
    options: dict[str, Any] = field(default_factory=dict)  # keyword arguments the gate takes
    post: bool = False  # the page takes only POST

    @property
    def id(self) -> str:
        return f"{self.gate.split('.')[-1]}{'-' + self.label if self.label else ''}"


CASES: tuple[Case, ...] = (
    Case(
        "children.access.access_child",
        lambda r: r.child.id,
        reader="socialworker.nfd",
        sees="screener.sdl",
        pages=("/children/{id}/", "/api/v1/children/{id}/"),
    ),
    Case(
        "children.access.access_child_to_write",
        lambda r: r.child.id,
        reader="socialworker.nfd",
        sees="screener.sdl",
        pages=("/children/{id}/notes/new/", "/children/{id}/correct/"),
    ),
    Case(
        "children.access.access_missing_episode",
        lambda r: r.episode.pk,
        reader="socialworker.nfd",
        sees="cseworker.sdl",  # allocated to the child
        pages=(
            "/children/missing-episodes/{id}/return",
            "/children/missing-episodes/{id}/return-interview",
            "/api/v1/missing-episodes/{id}/return",
            "/api/v1/missing-episodes/{id}/return-interview",
        ),
        post=True,
    ),
    Case(
        "children.access.access_allocation",
        lambda r: r.allocation.pk,
        reader="teammanager.nfd",
        sees="cseworker.sdl",  # allocated to the child
        pages=("/children/allocations/{id}/end/", "/api/v1/allocations/{id}/end"),
        post=True,
    ),
    Case(
        "frontdoor.access.access_contact",
        lambda r: r.contacts[0].pk,
        reader="screener.nfd",
        sees="screener.sdl",
        pages=("/contacts/{id}/", "/api/v1/contacts/{id}/"),
    ),
    Case(
        # Closing a young adult's contact without a screening (decision 0039): the page and the API, by POST.
        "frontdoor.access.access_contact",
        lambda r: r.contacts[0].pk,
        reader="screener.nfd",
        sees="screener.sdl",
        pages=("/contacts/{id}/close/", "/api/v1/contacts/{id}/closure"),
        label="close",
        post=True,
    ),
    Case(
        "frontdoor.access.access_task",
        lambda r: r.tasks[0].pk,
        reader="teammanager.nfd",
        sees="screener.sdl",
        pages=("/tasks/{id}/", "/api/v1/tasks/{id}/"),
    ),
    Case(
        "frontdoor.access.access_screening",
        lambda r: r.screening.pk,
        reader="screener.nfd",
        sees="screener.sdl",
        pages=("/screenings/{id}/", "/api/v1/screenings/{id}/"),
    ),
    Case(
        "frontdoor.access.access_assessment",
        lambda r: r.assessments[0].pk,
        reader="screener.nfd",
        sees="screener.sdl",
        pages=("/assessments/{id}/", "/api/v1/assessments/{id}/"),
    ),
    Case(
        "frontdoor.access.access_referral",
        lambda r: r.referrals[0].pk,
        reader="screener.nfd",
        sees="screener.sdl",
        pages=("/referrals/{id}/",),
    ),
    Case(
        # The referrer sees their referral; a teacher of the other area does not, nor may match it.
        "frontdoor.access.access_referral",
        lambda r: r.referrals[1].pk,
        reader="teacher.nfd",
        sees="teacher.sdl",
        pages=("/referrals/{id}/match/", "/api/v1/referrals/{id}/match"),
        label="match",
        post=True,
    ),
    Case(
        "meetings.access.access_meeting",
        lambda r: r.strategy_meeting.pk,
        reader="socialworker.nfd",
        sees="firstresponse.sdl",
        pages=("/meetings/{id}/", "/api/v1/meetings/{id}/"),
        label="strategy",
    ),
    Case(
        "meetings.access.access_meeting",
        lambda r: r.held_meg.pk,
        reader="megsupport.nfd",
        sees="megsupport.sdl",
        pages=("/meetings/{id}/", "/api/v1/meetings/{id}/"),
        label="meg",
    ),
    Case(
        # Decision 0035: the area's teacher named in the invitation reads it; another area's teacher does not.
        "meetings.access.access_meeting_to_read",
        lambda r: r.held_meg.pk,
        reader="teacher.nfd",
        sees="teacher.sdl",
        pages=("/meetings/{id}/", "/meetings/{id}/minutes/", "/api/v1/meetings/{id}/agenda-items"),
    ),
    Case(
        "meetings.access.access_contextual_item",
        lambda r: r.item.pk,
        reader="megsupport.nfd",
        sees="megsupport.sdl",
        pages=("/meetings/contextual/{id}/",),
    ),
    Case(
        # Only police intelligence officers, who see every link, open one: everyone else is refused.
        "meetings.access.access_contextual_item_entity",
        lambda r: r.item_entity.pk,
        reader="megsupport.nfd",
        sees="intel",
        pages=("/intelligence/entities/{record.item_entity.entity_id}/meg/{id}/remove/",),
        post=True,
    ),
    Case(
        "meetings.access.access_plan",
        lambda r: r.plans[0].pk,
        reader="megsupport.nfd",
        sees="megsupport.sdl",
        pages=("/meetings/plans/{id}/", "/api/v1/plans/{id}/"),
        label="safeguarding",
    ),
    Case(
        "meetings.access.access_plan",
        lambda r: r.plans[1].pk,
        reader="socialworker.nfd",
        sees="megsupport.sdl",
        pages=("/meetings/plans/{id}/", "/api/v1/plans/{id}/"),
        label="disruption",
    ),
    Case(
        "meetings.access.access_action",
        lambda r: r.actions[0].pk,
        reader="megsupport.nfd",
        sees="cseworker.sdl",
        pages=("/meetings/actions/{id}/", "/api/v1/actions/{id}/"),
    ),
    Case(
        "meetings.access.access_meeting_to_prepare",
        lambda r: r.planned_meg.pk,
        reader="teacher.nfd",
        sees="teacher.sdl",
        pages=("/meetings/{id}/bring/",),
    ),
    Case(
        "meetings.access.access_meeting_pack",
        lambda r: r.planned_meg.pk,
        reader="megsupport.nfd",
        sees="megsupport.sdl",
        pages=("/meetings/{id}/pack/", "/meetings/{id}/pack.pdf"),
    ),
    Case(
        "meetings.access.access_meeting_letters",
        lambda r: r.planned_meg.pk,
        reader="megsupport.nfd",
        sees="megsupport.sdl",
        pages=("/meetings/{id}/letters/",),
    ),
    Case(
        "meetings.access.access_meeting_summary",
        lambda r: r.held_meg.pk,
        reader="megsupport.nfd",
        sees="analyst",
        pages=("/meetings/{id}/summary/", "/meetings/{id}/summary.csv"),
    ),
    Case(
        "intelligence.access.access_submission",
        lambda r: r.submissions[0].pk,
        reader="socialworker.nfd",
        sees="cseworker.sdl",
        pages=(
            "/intelligence/submissions/{id}/",
            "/intelligence/share/sent/{id}/",
            "/api/v1/intelligence/submissions/{id}/",
        ),
    ),
    Case(
        # The professional who shared it sees their own submission, never the officer's record of it.
        "intelligence.access.access_submission_as_officer",
        lambda r: r.submissions[0].pk,
        reader="cseworker.sdl",
        sees="intel",
        pages=("/intelligence/submissions/{id}/grade/",),
    ),
    Case(
        "intelligence.access.access_entity",
        lambda r: r.entities[0].pk,
        reader="socialworker.nfd",
        sees="intel",
        pages=("/intelligence/entities/{id}/", "/api/v1/intelligence/entities/{id}/"),
    ),
    Case(
        "challenges.access.access_challenge",
        lambda r: r.challenge.pk,
        reader="socialworker.nfd",
        sees="screener.sdl",
        pages=("/challenges/{id}/",),
    ),
    Case(
        # Allocated to the child, so sees the challenge, but is no party to it: may not escalate it.
        "challenges.access.access_challenge",
        lambda r: r.challenge.pk,
        reader="cseworker.sdl",
        sees="firstresponse.sdl",
        pages=("/challenges/{id}/escalate/",),
        label="escalate",
        options={"action": ChallengeAction.ESCALATE},
    ),
)


def _gates() -> dict[str, Callable[..., Any]]:
    """Every `access_*` function defined in an app's access.py."""
    found: dict[str, Callable[..., Any]] = {}
    for app in apps.get_app_configs():
        if not (Path(app.path) / "access.py").exists() or not Path(app.path).is_relative_to(settings.BASE_DIR):
            continue
        module = importlib.import_module(f"{app.name}.access")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("access_") and function.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = function
    return found


def test_every_gate_has_a_case():
    gates = set(_gates())
    assert all(case.pages for case in CASES), "each case answers through HTTP too"
    assert len(gates) >= 15, f"the gates were not found: {sorted(gates)}"
    covered = {case.gate for case in CASES}
    assert not gates - covered, f"give these gates a case: {sorted(gates - covered)}"
    assert not covered - gates, f"these cases name gates that no longer exist: {sorted(covered - gates)}"


def _missing(record_id: Any) -> Any:
    return MISSING_UUID if isinstance(record_id, uuid.UUID) else MISSING_INT


def _refusal(gate: Callable[..., Any], user: User, record_id: Any, options: dict[str, Any]) -> str:
    with pytest.raises(Http404) as refused:
        gate(user, record_id, **options)
    return str(refused.value)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_a_record_out_of_sight_is_answered_as_a_missing_one(case, other_area, signed_in):
    user = User.objects.get(username=case.reader)
    gate = _gates()[case.gate]
    record_id = case.record(other_area)
    seen = gate(User.objects.get(username=case.sees), record_id, **case.options)
    assert seen.pk == record_id, f"{case.sees} should see the record the test refuses to {case.reader}"
    assert _refusal(gate, user, record_id, case.options) == _refusal(gate, user, _missing(record_id), case.options)

    web = signed_in(user)
    send = web.post if case.post else web.get
    for page in case.pages:
        forbidden = send(page.format(id=record_id, record=other_area))
        missing = send(page.format(id=_missing(record_id), record=other_area))
        assert forbidden.status_code == missing.status_code == 404, (page, forbidden.status_code, missing.status_code)
        assert forbidden.content == missing.content, page
