"""Building the children, their case allocations and missing episodes, and the batches they are
written in with `bulk_create`."""

import datetime as dt
import random
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.utils import timezone
from faker import Faker

from accounts.models import Role, User
from children.case_status import CaseStatus
from children.learning_disability import LearningDisability
from children.models import (
    CaseAllocation,
    Child,
    ChronologyEntry,
    Gender,
    MissingEpisode,
    SpecialEducationalNeeds,
)
from demo.generator.structure import AreaStructure, Structure
from demo.generator.vocabulary import (
    AGE_WEIGHTS,
    BOYS_NAMES,
    CARE_REPORTERS,
    ETHNICITY_WEIGHTS,
    FAMILY_REPORTERS,
    GENDER_WEIGHTS,
    GIRLS_NAMES,
    HISTORY_DAYS,
    HOST_AUTHORITIES,
    KNOWN_AS,
    LOOKED_AFTER_SHARE,
    NOT_IN_EDUCATION,
    OTHER_NAMES,
    PLACED_OUT_OF_AREA_SHARE,
    RETURN_INTERVIEWS,
    STATUS_TEAMS,
    STATUS_WEIGHTS,
    AreaSpec,
)

BATCH_SIZE = 2000


# --- Building the children ----------------------------------------------------------------------


@dataclass
class ChildBatch:
    children: list[Child] = field(default_factory=list)
    entries: list[ChronologyEntry] = field(default_factory=list)
    episodes: list[MissingEpisode] = field(default_factory=list)
    allocations: list[CaseAllocation] = field(default_factory=list)

    def write(self, counts: Counter[str]) -> None:
        Child.objects.bulk_create(self.children, batch_size=BATCH_SIZE)
        ChronologyEntry.objects.bulk_create(self.entries, batch_size=BATCH_SIZE)
        MissingEpisode.objects.bulk_create(self.episodes, batch_size=BATCH_SIZE)
        CaseAllocation.objects.bulk_create(self.allocations, batch_size=BATCH_SIZE)
        counts["children"] += len(self.children)
        counts["chronology entries"] += len(self.entries)
        counts["missing episodes"] += len(self.episodes)
        counts["allocations"] += len(self.allocations)


@dataclass
class Generation:
    """Everything the child builders share: the random sources, the clock and the structure."""

    rng: random.Random
    fake: Faker
    now: dt.datetime
    structure: Structure
    nhs_serial: int = 0


T = TypeVar("T")


def _weighted(rng: random.Random, weights: dict[T, int] | Sequence[tuple[T, int]]) -> T:
    pairs = list(weights.items()) if isinstance(weights, dict) else list(weights)
    return rng.choices([value for value, _ in pairs], weights=[weight for _, weight in pairs])[0]


def _nhs_number(gen: Generation) -> str:
    """A number in the 999 test range with a valid modulus 11 check digit; some children have none."""
    gen.nhs_serial += 1
    if gen.rng.random() < 0.1:
        return ""
    digits = f"999{gen.nhs_serial:06d}"
    check = 11 - sum(int(d) * (10 - i) for i, d in enumerate(digits)) % 11
    if check == 10:
        return ""
    return digits + str(0 if check == 11 else check)


def _date_of_birth(rng: random.Random, today: dt.date) -> dt.date:
    age = _weighted(rng, AGE_WEIGHTS)
    return today - dt.timedelta(days=int(age * 365.25) + rng.randint(1, 364))


def _school(rng: random.Random, spec: AreaSpec, age: int) -> str:
    if age <= 10:
        return rng.choice(spec.schools_primary)
    if age >= 16:
        return _weighted(rng, [*((college, 3) for college in spec.colleges), (NOT_IN_EDUCATION, 1)])
    # The academy is the biggest secondary school, so that its lead worker has a caseload.
    return _weighted(rng, [(spec.academy, 4), *((school, 1) for school in spec.schools_secondary[1:])])


def _first_name(rng: random.Random, gender: str) -> str:
    if gender == Gender.MALE:
        return rng.choice(BOYS_NAMES)
    if gender == Gender.FEMALE:
        return rng.choice(GIRLS_NAMES)
    return rng.choice(OTHER_NAMES)


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


# The showcase: every status, then a child of ours placed out of area (a case open to Social Care).
SHOWCASE: tuple[tuple[CaseStatus, bool], ...] = (
    *((status, False) for status in CaseStatus),
    (CaseStatus.OPEN_SOCIAL_CARE, True),
)


def _is_showcase(index: int) -> bool:
    """The first children of an area take every status in turn (and a placement out of area), with the
    team that usually holds it and the workers usually allocated, so that even a tiny demo shows every
    status and access rule."""
    return index < len(SHOWCASE)


def _status(rng: random.Random, index: int) -> CaseStatus:
    return SHOWCASE[index][0] if _is_showcase(index) else _weighted(rng, STATUS_WEIGHTS)


def _placed_out_of_area(rng: random.Random, index: int, status: CaseStatus) -> bool:
    if _is_showcase(index):
        return SHOWCASE[index][1]
    share = PLACED_OUT_OF_AREA_SHARE.get(status, 0.0)
    return share > 0 and rng.random() < share


def _special_educational_needs(rng: random.Random, learning_disability: bool) -> SpecialEducationalNeeds:
    if learning_disability:
        return _weighted(rng, {SpecialEducationalNeeds.EHC_PLAN: 3, SpecialEducationalNeeds.SEN_SUPPORT: 1})
    return _weighted(
        rng,
        {
            SpecialEducationalNeeds.NONE: 68,
            SpecialEducationalNeeds.SEN_SUPPORT: 18,
            SpecialEducationalNeeds.EHC_PLAN: 4,
            SpecialEducationalNeeds.NOT_KNOWN: 10,
        },
    )


def _other_area(gen: Generation, here: AreaStructure) -> AreaStructure:
    areas = gen.structure.areas
    return areas[(areas.index(here) + 1) % len(areas)]


def _minutes(rng: random.Random, low: int, high: int) -> dt.timedelta:
    return dt.timedelta(minutes=rng.randint(low, high))


def _child_build(gen: Generation, here: AreaStructure, index: int) -> tuple[Child, str]:
    """One child and the slot of the team that holds the case."""
    rng, today = gen.rng, timezone.localdate(gen.now)
    status = _status(rng, index)
    team_slot = STATUS_TEAMS[status][0][0] if _is_showcase(index) else _weighted(rng, STATUS_TEAMS[status])
    gender = _weighted(rng, GENDER_WEIGHTS)
    born = _date_of_birth(rng, today)
    learning_disability = rng.random() < 0.08
    placed = _placed_out_of_area(rng, index, status)
    host = rng.choice(HOST_AUTHORITIES) if placed else ""
    home = _other_area(gen, here) if status == CaseStatus.OUT_OF_AUTHORITY else here
    school = _school(rng, here.spec, _age(born, today))
    if _is_showcase(index) and status in (CaseStatus.OPEN_EARLY_HELP, CaseStatus.OPEN_SOCIAL_CARE):
        school = here.spec.academy
    if placed:  # at a school where the child lives, in the host authority
        school = f"{host.split()[0]} Academy"
    host_worker = gen.fake.name() if placed else ""
    child = Child(
        id=uuid.UUID(int=rng.getrandbits(128), version=4),
        reference=f"{here.spec.code.upper()}-{index + 1:06d}",
        first_name=_first_name(rng, gender),
        last_name=gen.fake.last_name(),
        known_as=rng.choice(KNOWN_AS) if rng.random() < 0.12 else "",
        date_of_birth=born,
        gender=gender,
        ethnicity=_weighted(rng, ETHNICITY_WEIGHTS),
        nhs_number=_nhs_number(gen),
        home_authority=home.area,
        responsible_authority=here.area,
        looked_after=placed or rng.random() < LOOKED_AFTER_SHARE.get(status, 0.03),
        learning_disability=LearningDisability.YES if learning_disability else LearningDisability.NO,
        special_educational_needs=_special_educational_needs(rng, learning_disability),
        school=school,
        case_status=status,
        placed_out_of_area=placed,
        host_authority=host,
        host_social_worker=host_worker,
        host_social_worker_contact=f"0300 555 {rng.randint(1000, 9999)}" if placed else "",
        holding_team=here.teams[team_slot],
        created_at=gen.now - dt.timedelta(days=rng.randint(20, HISTORY_DAYS), minutes=rng.randint(0, 1439)),
        created_by=here.users["screener"],
    )
    return child, team_slot


def _allocation(child: Child, user: User, role: Role, started_at: dt.datetime) -> CaseAllocation:
    return CaseAllocation(child=child, user=user, role=role, started_at=started_at)


def _allocations_build(
    gen: Generation, here: AreaStructure, child: Child, team_slot: str, showcase: bool
) -> list[CaseAllocation]:
    """Named workers: the case-holding social worker, a school lead worker, the CSE worker..."""
    rng, users, status = gen.rng, here.users, child.case_status

    def chance(share: float) -> bool:
        return share > 0 and (showcase or rng.random() < share)

    start = child.created_at + dt.timedelta(days=rng.randint(1, 10))
    picks: list[tuple[User, Role]] = []
    if team_slot == "social_care_1" and chance(0.7):
        picks.append((users["socialworker"], Role.SOCIAL_WORKER))
    if team_slot == "social_care_2" and chance(0.7):
        picks.append((users["socialworker2"], Role.SOCIAL_WORKER))
    if status == CaseStatus.OPEN_EARLY_HELP and chance(0.5):
        picks.append((users["earlyhelp"], Role.LEAD_WORKER))
    at_academy = child.school == here.spec.academy
    if at_academy and chance(0.7 if status == CaseStatus.OPEN_EARLY_HELP else 0.25):
        picks.append((users["teacher"], Role.LEAD_WORKER))
    if status == CaseStatus.OPEN_EARLY_HELP and rng.random() < 0.08:
        picks.append((users["schoolnurse"], Role.LEAD_WORKER))
    cse_share: dict[str, float] = {
        CaseStatus.OPEN_SOCIAL_CARE: 0.4,
        CaseStatus.OUT_OF_AUTHORITY: 0.5,
        CaseStatus.NEW_CASE: 0.15,
    }
    if chance(cse_share.get(status, 0.0)):
        picks.append((users["cseworker"], Role.DESIGNATED_CSE_WORKER))
    allocations = [_allocation(child, user, role, start + _minutes(rng, 0, 600)) for user, role in picks]
    if status == CaseStatus.OPEN_EARLY_HELP and (showcase or rng.random() < 0.1):
        # A closed allocation: the youth worker's involvement ended, and with it their access (always on
        # the showcase's case, so that even a tiny demo shows it).
        ended = _allocation(child, users["youthworker"], Role.LEAD_WORKER, start)
        ended.ended_at = min(start + dt.timedelta(days=rng.randint(14, 90)), gen.now)
        allocations.append(ended)
    elif status == CaseStatus.OPEN_EARLY_HELP and rng.random() < 0.1:
        allocations.append(_allocation(child, users["youthworker"], Role.LEAD_WORKER, start))
    return [allocation for allocation in allocations if allocation.started_at < gen.now]


def carer_reporting(child: Child) -> str:
    """The same carer reports each of a child's episodes: a child lives with one foster carer, one
    children's home or one family, not with all of them at once."""
    own = random.Random(child.reference)  # noqa: S311 - synthetic data must be reproducible, not secret.
    return own.choice(CARE_REPORTERS if child.looked_after else FAMILY_REPORTERS)


def _episodes_build(gen: Generation, here: AreaStructure, child: Child, recorder: User) -> list[MissingEpisode]:
    """About a third of children go missing 1-5 times; the latest may still be open."""
    rng = gen.rng
    if rng.random() >= 0.33:
        return []
    latest_start = gen.now - dt.timedelta(days=4)
    span = (latest_start - child.created_at).total_seconds()
    starts = sorted(child.created_at + dt.timedelta(seconds=rng.uniform(0, span)) for _ in range(rng.randint(1, 5)))
    episodes: list[MissingEpisode] = []
    for start in starts:
        previous_end = episodes[-1].ended_at if episodes else None
        if previous_end is not None and start <= previous_end:
            start = previous_end + _minutes(rng, 12 * 60, 5 * 24 * 60)
        if start > latest_start:
            break
        episodes.append(_episode_closed(gen, here, child, recorder, start))
    if rng.random() < 0.15:
        # Still missing: reported in the last day, after every earlier episode ended.
        episodes[-1:] = [_episode_open(gen, child, recorder)]
    return episodes


def _episode_closed(
    gen: Generation, here: AreaStructure, child: Child, recorder: User, start: dt.datetime
) -> MissingEpisode:
    rng = gen.rng
    start = start.replace(second=0, microsecond=0)
    ended = start + _minutes(rng, 90, 3 * 24 * 60)
    episode = MissingEpisode(
        child=child,
        started_at=start,
        ended_at=ended,
        reported_by=carer_reporting(child),
        where_found=rng.choice(here.spec.places),
        recorded_by=recorder,
        recorded_at=start + _minutes(rng, 30, 360),
    )
    interviewed = ended + _minutes(rng, 6 * 60, 72 * 60)
    if interviewed < gen.now and rng.random() < 0.7:
        episode.return_interview_completed_at = interviewed
        episode.return_interview_summary = rng.choice(RETURN_INTERVIEWS)
    return episode


def _episode_open(gen: Generation, child: Child, recorder: User) -> MissingEpisode:
    start = (gen.now - _minutes(gen.rng, 120, 20 * 60)).replace(second=0, microsecond=0)
    return MissingEpisode(
        child=child,
        started_at=start,
        reported_by=carer_reporting(child),
        recorded_by=recorder,
        recorded_at=min(start + _minutes(gen.rng, 30, 120), gen.now),
    )
