"""Front door activity for the demo: contacts, screenings and the tasks they route, made through the
real services, so that every worklist and decision page has something true to show.

A fixed, small number per area whatever the partnership's size: the services do one contact at a
time, which is right for people and too slow for benchmark volumes.
"""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from faker import Faker

from accounts.models import Area, User
from assessments.levels import RiskLevel
from children.case_status import CaseStatus
from children.models import Child, Gender
from children.services import NewChild
from demo.generator.vocabulary import BOYS_NAMES, GIRLS_NAMES, pronouns
from frontdoor.concern_codes import Setting
from frontdoor.models import Involvement, ReporterRelationship
from frontdoor.services.contacts import ContactDetails, LinkedChildDetails, contact_create
from frontdoor.services.screening import screening_answers_save, screening_decide, screening_start
from frontdoor.warning_signs import WarningSign
from meetings.models import Meeting, MegSchedule
from meetings.services.schedule import meg_meetings_schedule

CONTACTS_PER_AREA = 12


@dataclass(frozen=True)
class Concern:
    """One concern as the person who raised it would put it: who they are, and what they saw. The
    text names the child ({first}) and uses the child's own pronouns (vocabulary.pronouns)."""

    relationship: ReporterRelationship
    reporter: str
    organisation: str  # "{school}" is the child's own school
    text: str


CONCERNS = (
    Concern(
        ReporterRelationship.PROFESSIONAL,
        "Designated safeguarding lead",
        "{school}",
        "Seen getting into cars with older men outside school at lunchtime; {first} has a new phone and trainers "
        "that nobody at home bought.",
    ),
    Concern(
        ReporterRelationship.PARENT_OR_CARER,
        "Mother",
        "",
        "{first} has been out all night three times this week and will not say where; {their} phone is locked "
        "and {first} gets angry when asked about it.",
    ),
    Concern(
        ReporterRelationship.PROFESSIONAL,
        "Youth worker",
        "Detached youth work team",
        "Overheard {first} talking about parties at a flat above the takeaway, with men {they} called 'the olders'.",
    ),
    Concern(
        ReporterRelationship.PARENT_OR_CARER,
        "Father",
        "",
        "Found messages sent at night to {their} phone by an adult {first} met on Snapchat, asking for pictures.",
    ),
    Concern(
        ReporterRelationship.MEMBER_OF_PUBLIC,
        "Taxi driver",
        "",
        "Picked {first} up from a hotel at 3am with two adult men, who paid the fare in cash.",
    ),
    Concern(
        ReporterRelationship.PROFESSIONAL,
        "School nurse",
        "School nursing service",
        "Marks on {their} arms that {first} tries to hide; tired and sleeping in lessons.",
    ),
)
SCREENINGS = (
    (CaseStatus.NEW_CASE, RiskLevel.HIGH),
    (CaseStatus.NEW_CASE, RiskLevel.MEDIUM),
    (CaseStatus.NEW_CASE, RiskLevel.LOW),
    (CaseStatus.OPEN_EARLY_HELP, RiskLevel.LOW),
    (CaseStatus.OPEN_EARLY_HELP, RiskLevel.MEDIUM),
    (CaseStatus.OPEN_SOCIAL_CARE, RiskLevel.HIGH),
    (CaseStatus.OPEN_SOCIAL_CARE, RiskLevel.LOW),
    (CaseStatus.OUT_OF_AUTHORITY, RiskLevel.MEDIUM),
)


def _children_of_status(area: Area, status: CaseStatus) -> list[Child]:
    return list(Child.objects.filter(responsible_authority=area, case_status=status).order_by("reference")[:4])


def _details(
    rng: random.Random, received_at: dt.datetime, *, first: str, gender: str, school: str, immediate_risk: bool = False
) -> ContactDetails:
    signs = rng.sample(list(WarningSign), k=rng.choice([1, 2, 3, 4]))
    concern = rng.choice(CONCERNS)
    words = {"first": first, "school": school or "the child's school", **pronouns(gender)}
    return ContactDetails(
        received_at=received_at,
        reporter_relationship=concern.relationship,
        reporter_name=concern.reporter,
        reporter_organisation=concern.organisation.format(**words),
        concern=concern.text.format(**words),
        immediate_risk=immediate_risk,
        warning_signs=frozenset(signs),
        setting=rng.choice(list(Setting)),
        platforms=("Snapchat",) if rng.random() < 0.5 else (),
    )


def _new_child(rng: random.Random, fake: Faker, *, school: str) -> NewChild:
    gender = rng.choice([Gender.FEMALE, Gender.FEMALE, Gender.FEMALE, Gender.MALE])
    first = rng.choice(GIRLS_NAMES if gender == Gender.FEMALE else BOYS_NAMES)
    return NewChild(first_name=first, last_name=fake.last_name(), gender=gender, school=school)


@transaction.atomic
def front_door_activity_generate(*, area: Area, screener: User, seed: int) -> Counter[str]:
    rng = random.Random(seed)  # noqa: S311 - synthetic data must be reproducible, not secret.
    counts: Counter[str] = Counter()
    now = timezone.now()
    for index, (status, level) in enumerate(SCREENINGS):
        candidates = _children_of_status(area, status)
        if not candidates:
            continue
        received = now - dt.timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 12))
        child = rng.choice(candidates)
        details = _details(rng, received, first=child.first_name, gender=child.gender, school=child.school)
        contact = contact_create(recorded_by=screener, child_id=child.id, details=details)
        counts["contacts"] += 1
        screening = screening_start(contact=contact, by=screener)
        screening_answers_save(
            screening=screening,
            case_status=status,
            selected=frozenset(contact.warning_signs),
            domain_notes={},
            by=screener,
        )
        suggested = screening.assessment.suggested_level
        screening_decide(
            screening=screening,
            by=screener,
            confirmed_level=level,
            reason="" if level == suggested else "Professional judgement from what the school has seen.",
            review_due_on=timezone.localdate() + dt.timedelta(days=90 if index % 2 else 30),
            age_estimate=14,
        )
        counts["screenings"] += 1
    # Contacts still waiting to be screened, about children the partnership did not know, one naming
    # a friend who may be involved too.
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    schools = list(
        Child.objects.filter(responsible_authority=area)
        .exclude(school="")
        .order_by("school")
        .values_list("school", flat=True)
        .distinct()
    )
    for index in range(CONTACTS_PER_AREA - len(SCREENINGS)):
        received = now - dt.timedelta(hours=rng.randint(1, 30))
        school = rng.choice(schools) if schools else ""
        new_child = _new_child(rng, fake, school=school)
        linked = (
            [
                LinkedChildDetails(
                    involvement=Involvement.POSSIBLE_VICTIM, new_child=_new_child(rng, fake, school=school)
                )
            ]
            if index == 0
            else []
        )
        details = _details(
            rng,
            received,
            first=new_child.first_name,
            gender=new_child.gender,
            school=school,
            immediate_risk=index == 1,
        )
        contact_create(recorded_by=screener, new_child=new_child, details=details, linked_children=linked)
        counts["contacts"] += 1
    return counts


def meg_demo_schedule(*, area: Area) -> list[Meeting]:
    """Each area's MEG meets on the first Tuesday of the month (Southdale: the second) at 10:00."""
    MegSchedule.objects.get_or_create(
        area=area,
        defaults={
            "week": 1 if area.code.upper() == "NFD" else 2,
            "weekday": 1,
            "starts_at": dt.time(10, 0),
            "location": f"{area.name} Civic Centre, Committee Room 2",
        },
    )
    return meg_meetings_schedule(area=area, months=6)
