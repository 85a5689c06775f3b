"""Front door activity for the demo: contacts, screenings and the tasks they route, made through the
real services, so that every worklist and decision page has something true to show.

A fixed, small number per area whatever the partnership's size: the services do one contact at a
time, which is right for people and too slow for benchmark volumes.
"""

import datetime as dt
import random
from collections import Counter

from django.db import transaction
from django.utils import timezone

from accounts.models import Area, User
from assessments.levels import RiskLevel
from children.case_status import CaseStatus
from children.models import Child
from children.services import NewChild
from frontdoor.concern_codes import Setting
from frontdoor.models import Involvement, ReporterRelationship
from frontdoor.services.contacts import ContactDetails, LinkedChildDetails, contact_create
from frontdoor.services.screening import screening_answers_save, screening_decide, screening_start
from frontdoor.warning_signs import WarningSign
from meetings.models import Meeting, MegSchedule
from meetings.services.schedule import meg_meetings_schedule

CONTACTS_PER_AREA = 12
CONCERNS = (
    "Seen getting into cars with older men outside school at lunchtime; has a new phone and trainers.",
    "Mum reports she has been out all night three times this week and will not say where.",
    "Youth worker overheard her talking about parties at a flat above the takeaway.",
    "Receiving messages at night from an adult she met on Snapchat who asks for pictures.",
    "Taxi driver reports picking him up from a hotel at 3am with two adult men.",
    "School nurse: marks on her arms she tries to hide; tired and sleeping in lessons.",
)
FIRST_NAMES = ("Amber", "Lacey", "Kyle", "Tia")
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


def _details(rng: random.Random, received_at: dt.datetime, *, immediate_risk: bool = False) -> ContactDetails:
    signs = rng.sample(list(WarningSign), k=rng.choice([1, 2, 3, 4]))
    return ContactDetails(
        received_at=received_at,
        reporter_relationship=ReporterRelationship.PROFESSIONAL,
        reporter_name="Designated safeguarding lead",
        reporter_organisation="Demo school",
        concern=rng.choice(CONCERNS),
        immediate_risk=immediate_risk,
        warning_signs=frozenset(signs),
        setting=rng.choice(list(Setting)),
        platforms=("Snapchat",) if rng.random() < 0.5 else (),
    )


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
        contact = contact_create(
            recorded_by=screener, child_id=rng.choice(candidates).id, details=_details(rng, received)
        )
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
    # Contacts still waiting to be screened, one about a new child naming another child involved.
    for index in range(CONTACTS_PER_AREA - len(SCREENINGS)):
        received = now - dt.timedelta(hours=rng.randint(1, 30))
        linked = (
            [
                LinkedChildDetails(
                    involvement=Involvement.POSSIBLE_VICTIM,
                    new_child=NewChild(first_name="Unknown", last_name=f"Friend {index + 1}"),
                )
            ]
            if index == 0
            else []
        )
        contact_create(
            recorded_by=screener,
            new_child=NewChild(
                first_name=rng.choice(["Amber", "Lacey", "Kyle", "Tia"]), last_name=f"Newcontact{index + 1}"
            ),
            details=_details(rng, received, immediate_risk=index == 1),
            linked_children=linked,
        )
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
