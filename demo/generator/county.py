"""A county's volume of records, for benchmarks (`bench/generate.py`).

On top of the demo partnership (made first, through the services, as `seed_demo` makes it), the
county adds its children in steps of `BATCH_SIZE` per area. Each step is one transaction: the
children with their workers, missing episodes and chronology (the demo's own builders), and their
contacts over the years, each a copy of what the services wrote for a contact of that kind
(`demo.generator.templates`). Then the MEG's plans and held meetings, the access log of years of use
in steps of a million events, and last the intelligence, through the import in steps of `REPORT_STEP` reports.
A step that finished is never run again, so an interrupted run carries on where it stopped.
"""

import copy
import datetime as dt
import json
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from django.db import connection, transaction
from django.utils import timezone
from faker import Faker

from accounts.models import Agency, AgencyKind, User
from assessments.levels import RiskLevel
from assessments.models import RiskLevelRecord
from children.models import Child
from demo.generator import Writer, _batch_build, demo_area_codes
from demo.generator.children import BATCH_SIZE, Generation, _weighted
from demo.generator.everything import demo_generate
from demo.generator.intelligence import NARRATIVES
from demo.generator.meg_plans import SAFEGUARDING, _agree
from demo.generator.structure import AreaStructure, Structure, structure_load
from demo.generator.templates import Bundle, Placement, bundles_capture, placements_write
from demo.generator.vocabulary import PARTNERSHIP_USERS
from frontdoor.models import Contact
from intelligence.importing import submissions_import
from intelligence.inputs import SubmissionInput
from intelligence.services.overview import network_overview_build_run, network_overview_refresh_request
from intelligence.synthetic import submission_input, synthetic_set
from meetings.agenda import MEDIUM_OR_HIGH
from meetings.models import AgendaItem, Meeting, MeetingKind, MeetingStatus, MinuteItem, Minutes, Plan
from meetings.selectors.agenda import meg_agenda_entries
from meetings.services.plans import plan_for_child_get_or_create

DEMO_CHILDREN_PER_AREA = 150
# The county's children are numbered after the demo's (whose contacts add a few more children).
FIRST_COUNTY_INDEX = 1000
ACCESS_EVENTS_PER_CHILD = 100
ACCESS_EVENT_STEP = 1_000_000
REPORTS_PER_CHILD = 3  # with about 3.2 mentions each: a million mentions for 100,000 children
REPORT_STEP = 20_000
# Postcodes of the fictional areas' kind (the ZZ99 area is never allocated).
POSTCODES = tuple(f"ZZ99 {digit}{letters}" for digit in range(1, 10) for letters in ("AA", "AB", "BD", "XY"))
STEPS_TABLE = "bench_generation_step"  # the steps finished, so that a second run carries on
# How many contacts a child has had, over the years (about 3.8 on average).
CONTACTS_PER_CHILD = {1: 25, 2: 18, 3: 15, 4: 12, 5: 9, 6: 7, 8: 7, 12: 7}
# The level the newest screening confirmed: a few hundred medium and high children per area, as a
# county's MEG sees; earlier screenings were more often medium or high.
NEWEST_LEVEL = {RiskLevel.HIGH: 25, RiskLevel.MEDIUM: 50, RiskLevel.LOW: 9925}
EARLIER_LEVEL = {RiskLevel.HIGH: 2, RiskLevel.MEDIUM: 5, RiskLevel.LOW: 93}
OPEN_SHARE = 0.03
HISTORY_MONTHS = 60
AGENDA_SIZE = 300
DISCUSSIONS = (
    "Plan reviewed; actions on track. Stays on the agenda.",
    "No missing episodes since the last meeting; school attendance improving.",
    "New intelligence shared by the police; disruption actions agreed.",
    "Missing twice this month; return interviews completed. Level unchanged.",
)  # children whose newest contact came in the last fortnight, its tasks still open


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[], Counter[str]]


def county_steps(*, children: int, seed: int) -> Iterator[Step]:
    """Every step of a county of about `children` children, in order."""
    # The structure and templates are read once per run, from this run's database.
    _structure.cache_clear()
    _bundles.cache_clear()
    per_area = children // len(demo_area_codes())
    yield Step("partnership", lambda: _partnership(seed))
    for code in demo_area_codes():
        for start in range(FIRST_COUNTY_INDEX, FIRST_COUNTY_INDEX + per_area, BATCH_SIZE):
            stop = min(start + BATCH_SIZE, FIRST_COUNTY_INDEX + per_area)
            yield Step(f"children {code} {start:06d}-{stop:06d}", _children_step(code, range(start, stop), seed))
    for code in demo_area_codes():
        yield Step(f"meg plans {code}", _meg_plans_step(code, seed))
        yield Step(f"meg history {code}", _meg_history_step(code, seed))
    events = children * ACCESS_EVENTS_PER_CHILD
    for start in range(0, events, ACCESS_EVENT_STEP):
        count = min(ACCESS_EVENT_STEP, events - start)
        yield Step(f"access events {start:09d}", _events_step(count, seed + start))
    # Last, because it goes through the import as a force's records would: a build can stop before
    # it and still have everything else, and a later run adds the intelligence.
    reports = int(children * REPORTS_PER_CHILD)
    for start in range(0, reports, REPORT_STEP):
        count = min(REPORT_STEP, reports - start)
        yield Step(f"intelligence {start:08d}", _intelligence_step(start, count, seed))
    yield Step(f"network overview {reports:08d}", _network_overview_step)


def _network_overview_step() -> Counter[str]:
    """The network overview of the reports imported, worked out here as the worker would (decision 0029):
    no worker runs while the county is built."""
    run = network_overview_refresh_request()
    return Counter({f"network overview {network_overview_build_run(run_id=run.pk)}": 1})


def county_generate(*, children: int, seed: int, out: Writer | None = None) -> Counter[str]:
    """Run every step not yet finished, each in one transaction with its row in `STEPS_TABLE`."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {STEPS_TABLE} (name text PRIMARY KEY, finished_at timestamptz NOT NULL, "
            "seconds real NOT NULL, counts jsonb NOT NULL)"
        )
        cursor.execute(f"SELECT name FROM {STEPS_TABLE}")  # noqa: S608 - a constant, not input
        done = {row[0] for row in cursor.fetchall()}
    total: Counter[str] = Counter()
    for step in county_steps(children=children, seed=seed):
        if step.name in done:
            continue
        began = time.monotonic()
        with transaction.atomic():
            counts = step.run()
            seconds = time.monotonic() - began
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {STEPS_TABLE} VALUES (%s, now(), %s, %s)",  # noqa: S608 - a constant, not input
                    (step.name, seconds, json.dumps(counts)),
                )
        total.update(counts)
        if out is not None:
            summary = ", ".join(f"{count:,} {name}" for name, count in sorted(counts.items()))
            out.write(f"{step.name}: {summary} ({seconds:.1f} s)\n")
    return total


def _partnership(seed: int) -> Counter[str]:
    return demo_generate(seed=seed, children_per_area=DEMO_CHILDREN_PER_AREA).counts


@cache
def _structure() -> Structure:
    return structure_load()


@cache
def _bundles(code: str, seed: int) -> tuple[Bundle, ...]:
    here = _area(code)
    partnership = list(User.objects.filter(username__in=[spec.username for spec in PARTNERSHIP_USERS]))
    return tuple(bundles_capture(here=here, partnership=partnership, seed=seed))


def _area(code: str) -> AreaStructure:
    return next(built for built in _structure().areas if built.spec.code == code)


def _children_step(code: str, indexes: range, seed: int) -> Callable[[], Counter[str]]:
    def run() -> Counter[str]:
        here = _area(code)
        rng = random.Random(f"{seed}-{code}-{indexes.start}")  # noqa: S311 - reproducible, not secret.
        fake = Faker("en_GB")
        fake.seed_instance(f"{seed}-{code}-{indexes.start}")
        gen = Generation(
            rng=rng, fake=fake, now=timezone.now().replace(second=0, microsecond=0), structure=_structure()
        )
        # NHS numbers stay unique across batches and areas: each child has its own serial.
        gen.nhs_serial = demo_area_codes().index(code) * 500_000 + indexes.start
        counts: Counter[str] = Counter()
        batch = _batch_build(gen, here, indexes)
        batch.write(counts)
        counts.update(_contacts_write(batch.children, code=code, seed=seed, now=gen.now, rng=rng))
        return counts

    return run


def _contact_number(code: str) -> int:
    last = (
        Contact.objects.filter(reference__startswith=f"CT-{code}-")
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    return int(last.rsplit("-", 1)[1]) if last else 0


def _pick(bundles: tuple[Bundle, ...], *, status: str, level: str, closed: bool, placed_out_of_area: bool) -> Bundle:
    for bundle in bundles:
        if (
            bundle.status == status
            and bundle.level == level
            and bundle.closed == closed
            and bundle.placed_out_of_area == placed_out_of_area
        ):
            return bundle
    raise LookupError(f"No template for {status}, {level}, closed={closed}, placed out of area={placed_out_of_area}")


def _contacts_write(
    children: list[Child], *, code: str, seed: int, now: dt.datetime, rng: random.Random
) -> Counter[str]:
    bundles = _bundles(code, seed)
    number = _contact_number(code)
    placements: list[Placement] = []
    levels: dict[uuid.UUID, str] = {}
    for child in children:
        count = _weighted(rng, CONTACTS_PER_CHILD)
        opened = rng.random() < OPEN_SHARE
        first, last = child.created_at, now - dt.timedelta(days=15 if opened else 1)
        span = max((last - first).total_seconds(), 60)
        moments = sorted(first + dt.timedelta(seconds=rng.uniform(0, span)) for _ in range(count))
        if opened:
            moments[-1] = now - dt.timedelta(days=rng.uniform(0, 14))
        for position, moment in enumerate(moments):
            newest = position == len(moments) - 1
            level = _weighted(rng, NEWEST_LEVEL if newest else EARLIER_LEVEL)
            bundle = _pick(
                bundles,
                status=child.case_status,
                level=level,
                closed=not (newest and opened),
                placed_out_of_area=child.placed_out_of_area,
            )
            number += 1
            placements.append(
                Placement(
                    bundle=bundle,
                    child_id=child.pk,
                    child_name=child.full_name,
                    received_at=moment.replace(microsecond=0),
                    reference=f"CT-{code}-{number:06d}",
                    host=child.placement,
                )
            )
            if newest and bundle.final_level:
                levels[child.pk] = bundle.final_level
    counts = placements_write(placements)
    counts["contacts"] = len(placements)
    # The kept level, as `risk_level_record` keeps it: the newest record's.
    for child in children:
        child.risk_level = levels.get(child.pk, child.risk_level)
    Child.objects.bulk_update(children, ["risk_level"], batch_size=1000)
    return counts


def _meg_plans_step(code: str, seed: int) -> Callable[[], Counter[str]]:
    """A safeguarding plan with the demo's actions for every child on the area's MEG agenda, through
    the services (a few hundred children per area)."""

    def run() -> Counter[str]:
        area = _area(code).area
        support = User.objects.get(username=f"megsupport.{code.lower()}")
        held = (
            Meeting.objects.filter(kind=MeetingKind.MEG, area=area, status=MeetingStatus.HELD)
            .order_by("-starts_at")
            .first()
        )
        counts: Counter[str] = Counter()
        children = Child.objects.in_bulk([entry.child_id for entry in meg_agenda_entries(area=area)])
        for child in sorted(children.values(), key=lambda child: child.reference):
            if Plan.objects.filter(child=child).exists():
                continue
            plan = plan_for_child_get_or_create(child=child, by=support)
            counts["safeguarding plans"] += 1
            for spec in SAFEGUARDING:
                counts.update(_agree(plan, spec, area, support, held))
        return counts

    return run


def _meg_history_step(code: str, seed: int) -> Callable[[], Counter[str]]:
    """Five years of monthly MEGs held before the demo's, each with its frozen agenda: the children
    who were medium or high then (drawn from today's and earlier levels)."""

    def run() -> Counter[str]:
        rng = random.Random(f"{seed}-{code}-meg")  # noqa: S311 - reproducible, not secret.
        area = _area(code).area
        template = (
            Meeting.objects.filter(kind=MeetingKind.MEG, area=area, status=MeetingStatus.MINUTES_APPROVED)
            .order_by("starts_at")
            .first()
        )
        approved = Minutes.objects.filter(meeting=template, approved_at__isnull=False).first() if template else None
        if template is None or approved is None:
            raise LookupError(f"The demo's MEG held last month in {code} is missing: build the partnership first.")
        ever = sorted(
            dict(
                RiskLevelRecord.objects.filter(child__responsible_authority=area, level__in=MEDIUM_OR_HIGH)
                .order_by("decided_at")
                .values_list("child_id", "level")
            ).items()
        )
        meetings: list[Meeting] = []
        for months in range(1, HISTORY_MONTHS + 1):
            meeting = copy.copy(template)
            meeting._state = copy.copy(template._state)
            meeting._state.adding = True
            meeting.pk = None
            shift = dt.timedelta(days=round(months * 30.44))
            meeting.starts_at = template.starts_at - shift
            meeting.held_at = (template.held_at or template.starts_at) - shift
            meetings.append(meeting)
        Meeting.objects.bulk_create(meetings)
        items: list[AgendaItem] = []
        for meeting in meetings:
            picked = rng.sample(ever, k=min(len(ever), rng.randint(AGENDA_SIZE // 2, AGENDA_SIZE)))
            items.extend(
                AgendaItem(meeting=meeting, position=position, child_id=child_id, level=level, new=rng.random() < 0.1)
                for position, (child_id, level) in enumerate(picked, start=1)
            )
        AgendaItem.objects.bulk_create(items, batch_size=BATCH_SIZE)
        minutes = [
            Minutes(
                meeting=meeting,
                version=1,
                created_at=meeting.starts_at,
                created_by_id=approved.created_by_id,
                approved_at=meeting.starts_at + dt.timedelta(days=5),
                approved_by_id=approved.approved_by_id,
            )
            for meeting in meetings
        ]
        Minutes.objects.bulk_create(minutes)
        of_meeting = {record.meeting_id: record for record in minutes}
        minute_items = [
            MinuteItem(
                minutes=of_meeting[item.meeting_id], agenda_item=item, discussion=rng.choice(DISCUSSIONS), decisions=""
            )
            for item in items
        ]
        MinuteItem.objects.bulk_create(minute_items, batch_size=BATCH_SIZE)
        return Counter(
            {"MEG meetings held": len(meetings), "agenda items": len(items), "minute items": len(minute_items)}
        )

    return run


def _intelligence_step(start: int, count: int, seed: int) -> Callable[[], Counter[str]]:
    """Ten years of reports, as a force's records would come to the import (`import_intelligence`):
    each step a fresh set of people reported on, with the import's own checks and keys."""

    def run() -> Counter[str]:
        rng = random.Random(f"{seed}-intelligence-{start}")  # noqa: S311 - reproducible, not secret.
        areas = [here.area for here in _structure().areas]
        agencies = {
            area.pk: list(
                Agency.objects.filter(
                    area=area, kind__in=[AgencyKind.EDUCATION, AgencyKind.HEALTH, AgencyKind.VOLUNTARY]
                ).values_list("name", flat=True)
            )
            for area in areas
        }
        references = {
            area.pk: list(
                Child.objects.filter(responsible_authority=area, risk_level__in=MEDIUM_OR_HIGH).values_list(
                    "reference", flat=True
                )
            )
            for area in areas
        }
        dataset = synthetic_set(people=max(count // 3, 10), reports=count, seed=rng.randrange(1_000_000))
        now = timezone.now()
        lines = []
        for report in dataset.reports:
            area = rng.choice(areas)
            made = submission_input(report, prefix=f"COUNTY-{start // REPORT_STEP:03d}")
            lines.append(json.dumps(_import_line(made, rng, now, agencies[area.pk], references[area.pk])))
        report_of_import = submissions_import(lines=lines)
        if report_of_import.refused:
            raise ValueError(f"The import refused county reports: {report_of_import.refused[:3]}")
        return Counter({"intelligence submissions": report_of_import.imported})

    return run


def _import_line(
    made: SubmissionInput, rng: random.Random, now: dt.datetime, agencies: list[str], children: list[str]
) -> dict[str, object]:
    professional = bool(agencies) and rng.random() < 0.4
    return {
        "reference": made.reference,
        "received_at": (now - dt.timedelta(seconds=rng.uniform(3600, 10 * 365 * 86400))).isoformat(),
        "source": "professional" if professional else "community",
        "agency": rng.choice(agencies) if professional else "",
        "narrative": rng.choice(NARRATIVES),
        "persons": [
            {
                "name": person.name,
                "nickname": person.nickname,
                "age_estimate": person.age_estimate,
                "gender": person.gender,
                "description": "",
                "phones": person.phones,
                "online_accounts": [f"{account.platform}:{account.handle}" for account in person.online_accounts],
            }
            for person in made.persons
        ],
        "vehicles": [{"registration": vehicle.registration} for vehicle in made.vehicles],
        "locations": [{"postcode": rng.choice(POSTCODES), "kind": ""}] if rng.random() < 0.5 else [],
        "children": [rng.choice(children)] if children and rng.random() < 0.1 else [],
    }


def _events_step(count: int, seed: int) -> Callable[[], Counter[str]]:
    def run() -> Counter[str]:
        rng = random.Random(seed)  # noqa: S311 - reproducible, not secret.
        users = list(User.objects.values_list("pk", flat=True))
        children = [str(pk) for pk in Child.objects.values_list("pk", flat=True)]
        now = timezone.now()
        columns = (
            "occurred_at, user_id, action, object_type, object_ids, query, channel, route, ip_address, "
            "user_agent, reason"
        )
        with connection.cursor() as cursor, cursor.copy(f"COPY audit_accessevent ({columns}) FROM STDIN") as copy:
            for _ in range(count):
                copy.write_row(_event(rng, users, children, now))
        return Counter({"access events": count})

    return run


def _event(rng: random.Random, users: list[int], children: list[str], now: dt.datetime) -> tuple[object, ...]:
    when = now - dt.timedelta(seconds=rng.uniform(0, 10 * 365 * 86400))
    roll = rng.random()
    query: dict[str, str] = {}
    if roll < 0.6:
        action, ids, route = "view", [rng.choice(children)], "/children/<uuid:child_id>/"
    elif roll < 0.9:
        action, ids, route = "list", rng.sample(children, k=rng.randint(1, 25)), "/"
    else:
        ids = rng.sample(children, k=rng.randint(0, 10))
        action, query, route = "search", {"query": "smi"}, "/children/search/"
    return (
        when,
        rng.choice(users),
        action,
        "child",
        json.dumps(ids),
        json.dumps(query),
        "web",
        route,
        "10.0.0.1",
        "Mozilla/5.0",
        "",
    )
