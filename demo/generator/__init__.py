"""A synthetic partnership for demonstrations and benchmarks. No real person is in it.

Everything is fictional: the places (Northfield, Southdale), the agencies, the staff and the
children. Names come from a seeded Faker (en_GB) and short curated lists; NHS numbers are drawn
from the 999 range, which the NHS reserves for testing and never issues to a patient.

The generator is deterministic for a given seed and day: the same seed gives the same children,
chronologies and missing episodes (dates are relative to today). Authenticator secrets are the
one exception: they come from the operating system's random source, as any other TOTP key does.

It scales: children and everything hanging off them are built in batches and written with
`bulk_create`, a handful of queries per batch and never one per child, so the same code seeds the
few hundred children of `make demo` and the 100,000+ that benchmarks need.
"""

import base64
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from accounts.models import Area, User
from demo.generator.children import (
    BATCH_SIZE,
    ChildBatch,
    Generation,
    _allocations_build,
    _child_build,
    _episodes_build,
    _is_showcase,
)
from demo.generator.chronology import _chronology_build
from demo.generator.structure import AreaStructure, Structure, _structure_create
from demo.generator.vocabulary import (
    ADMIN_USERNAME,
    AREA_USERS,
    AREAS,
    DEMO_PASSWORD,
    PARTNERSHIP_USERS,
    TEAM_WORKER,
)

__all__ = [
    "DEMO_PASSWORD",
    "DemoAccount",
    "DemoPartnership",
    "DemoPartnershipExistsError",
    "Writer",
    "demo_accounts",
    "demo_area_codes",
    "demo_partnership_exists",
    "demo_usernames",
    "partnership_generate",
    "totp_secret_base32",
]


class Writer(Protocol):
    """Where progress goes: a text stream or a management command's stdout."""

    def write(self, msg: str) -> Any: ...


# --- The partnership's shape -------------------------------------------------------------------


def demo_area_codes() -> list[str]:
    return [spec.code for spec in AREAS]


def demo_partnership_exists() -> bool:
    return Area.objects.filter(code__in=demo_area_codes()).exists()


def demo_usernames() -> list[str]:
    names = [spec.username.format(code=area.slug) for area in AREAS for spec in AREA_USERS]
    return [*names, *(spec.username for spec in PARTNERSHIP_USERS), ADMIN_USERNAME]


# --- Results ------------------------------------------------------------------------------------


class DemoPartnershipExistsError(Exception):
    pass


@dataclass
class DemoPartnership:
    users: list[User]
    counts: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    name: str
    role: str
    team: str
    agency: str
    totp_secret: str


def demo_accounts() -> list[DemoAccount]:
    """The demo accounts as they stand in the database, one row per role held."""
    users = User.objects.filter(username__in=demo_usernames()).prefetch_related("memberships__team__agency")
    by_username = {user.username: user for user in users}
    secrets: dict[int, str] = {}  # the newest confirmed device, as demo_totp uses
    for device in TOTPDevice.objects.filter(user__in=users, confirmed=True).order_by("id"):
        secrets[device.user_id] = totp_secret_base32(device)
    rows: list[DemoAccount] = []
    for username in demo_usernames():
        user = by_username.get(username)
        if user is not None:
            rows.extend(_account_rows(user, secrets.get(user.pk, "(no authenticator)")))
    return rows


def _account_rows(user: User, secret: str) -> list[DemoAccount]:
    memberships = list(user.memberships.all())
    if not memberships:
        role = "System administrator (no case role)" if user.is_superuser else "(no role)"
        return [DemoAccount(user.username, user.display_name, role, "-", "-", secret)]
    return [
        DemoAccount(user.username, user.display_name, m.get_role_display(), m.team.name, m.team.agency.name, secret)
        for m in memberships
    ]


def totp_secret_base32(device: TOTPDevice) -> str:
    """The key as an authenticator app asks for it."""
    return base64.b32encode(bytes(device.bin_key)).decode("ascii")


# --- Building the children in batches -----------------------------------------------------------


def _batch_build(gen: Generation, here: AreaStructure, indexes: range) -> ChildBatch:
    batch = ChildBatch()
    for index in indexes:
        child, team_slot = _child_build(gen, here, index)
        recorder = here.users[TEAM_WORKER[team_slot]]
        allocations = _allocations_build(gen, here, child, team_slot, _is_showcase(index))
        episodes = _episodes_build(gen, here, child, recorder)
        batch.children.append(child)
        batch.allocations.extend(allocations)
        batch.episodes.extend(episodes)
        batch.entries.extend(_chronology_build(gen, here, child, recorder, allocations, episodes))
    return batch


def _area_children_create(
    gen: Generation, here: AreaStructure, count: int, counts: Counter[str], out: Writer | None
) -> None:
    for start in range(0, count, BATCH_SIZE):
        indexes = range(start, min(start + BATCH_SIZE, count))
        _batch_build(gen, here, indexes).write(counts)
        if out is not None and count > BATCH_SIZE:
            out.write(f"  {here.spec.name}: {indexes.stop:,} of {count:,} children\n")


# --- Entry point --------------------------------------------------------------------------------


def _structure_counts(structure: Structure) -> Counter[str]:
    agencies = [agency for built in structure.areas for agency in built.agencies.values()]
    area_teams = sum(len(built.teams) for built in structure.areas)
    partnership_agencies = {team.agency_id for team in structure.teams.values()}
    return Counter(
        {
            "areas": len(structure.areas),
            "agencies": len(agencies) + len(partnership_agencies),
            "teams": area_teams + len(structure.teams),
            "users": len(structure.users),
        }
    )


@transaction.atomic
def partnership_generate(
    *, seed: int = 2026, children_per_area: int = 150, out: Writer | None = None
) -> DemoPartnership:
    """Create the demo partnership. Raises DemoPartnershipExistsError if its areas already exist."""
    if demo_partnership_exists():
        raise DemoPartnershipExistsError("The demo partnership already exists.")
    if children_per_area < 0:
        raise ValueError("children_per_area cannot be negative.")
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    rng = random.Random(seed)  # noqa: S311 - synthetic data must be reproducible, not secret.
    now = timezone.now().replace(second=0, microsecond=0)
    structure = _structure_create(fake)
    counts = _structure_counts(structure)
    gen = Generation(rng=rng, fake=fake, now=now, structure=structure)
    for here in structure.areas:
        _area_children_create(gen, here, children_per_area, counts, out)
    return DemoPartnership(users=structure.users, counts=counts)
