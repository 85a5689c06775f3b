"""The demo's intelligence: synthetic information sharing forms and community reports about the area's
suspected perpetrators (intelligence/synthetic.py), at the places of the MEG's contextual items and
about some of the children on its agenda, half of them graded by the police intelligence officer.
Every submission goes through `submission_record`, as a real one would."""

import datetime as dt
import random
from collections import Counter
from dataclasses import replace

from django.db.models import Count
from django.utils import timezone

from accounts.models import Agency, AgencyKind, Area, User
from intelligence.inputs import LocationInput, VehicleInput
from intelligence.models import Entity, EntityKind, Mention, Submission
from intelligence.services.grading import submission_grade
from intelligence.services.submissions import submission_record
from intelligence.synthetic import submission_input, synthetic_set
from meetings.models import ContextualItem, ContextualKind
from meetings.selectors.agenda import meg_agenda_entries
from meetings.services.contextual_entities import contextual_item_entity_link

NARRATIVES = (
    "Two girls from the school were seen getting into the car after dark; they looked unsteady.",
    "Men hand out free food and lifts home to young people who hang around after closing time.",
    "A girl said she has a new phone from an older friend and has to answer it whenever it rings.",
    "Young people are taken to a flat above the shops on Friday nights, a neighbour says.",
    "An older man waits at the bus stop after school and offers girls cigarettes and alcohol.",
)
SUMMARIES = (
    "Reports of adults giving young people lifts and alcohol near a known location.",
    "Information about an adult male associating with girls of school age.",
    "A report of young people being taken to an address at night.",
)


def intelligence_demo_generate(*, area: Area, seed: int, reports: int = 40) -> Counter[str]:
    counts: Counter[str] = Counter()
    if Submission.objects.filter(area=area).exists():
        return counts
    rng = random.Random(f"{seed}-intelligence-{area.code}")  # noqa: S311 - synthetic data must be reproducible.
    dataset = synthetic_set(people=max(6, reports // 3), reports=reports, seed=rng.randrange(1_000_000))
    places = list(ContextualItem.objects.filter(area=area, kind=ContextualKind.LOCATION, closed_at__isnull=True))
    hatchback = _hatchback(area, rng)
    children = [entry.child_id for entry in meg_agenda_entries(area=area)]
    agencies = list(
        Agency.objects.filter(area=area, kind__in=[AgencyKind.EDUCATION, AgencyKind.HEALTH, AgencyKind.VOLUNTARY])
    )
    officer = User.objects.filter(username="intel").first()
    now = timezone.now()
    for report in dataset.reports:
        made = submission_input(report, prefix=f"DEMO-{area.code}")
        professional = bool(agencies) and rng.random() < 0.5
        place = rng.choice(places) if places and rng.random() < 0.7 else None
        sees_hatchback = hatchback is not None and rng.random() < 0.15
        data = replace(
            made,
            source="professional" if professional else "community",
            narrative=rng.choice(NARRATIVES),
            knowledge=rng.choice(["seen_or_heard", "told_by_child", "told_by_someone_else", "rumour"]),
            area_id=area.pk,
            urgent=rng.random() < 0.1,
            received_at=now - dt.timedelta(days=rng.randint(0, 90), hours=rng.randint(0, 23)),
            children=[rng.choice(children)] if children and rng.random() < 0.3 else [],
            locations=[LocationInput(name=place.title, kind="other")] if place else [],
            vehicles=made.vehicles + ([hatchback] if hatchback and sees_hatchback else []),
        )
        submission, created = submission_record(
            data=data, agency=rng.choice(agencies) if professional else None, link_people=False
        )
        counts["intelligence submissions"] += int(created)
        # The officer grades every sighting of the MEG's hatchback, for sharing with the MEG.
        if created and officer is not None and (rng.random() < 0.5 or sees_hatchback):
            conditional = rng.random() < 0.3 and not sees_hatchback
            submission_grade(
                submission=submission,
                by=officer,
                source_evaluation=rng.choice("122223"),
                intelligence_assessment=rng.choice("ABBCCCD"),
                handling_code="C" if conditional else "P",
                handling_conditions="Do not share with the family without speaking to the police first."
                if conditional
                else "",
                outcome=rng.choice(["intelligence_log", "intelligence_log", "safeguarding_referral", "crime_desk"]),
                sanitised_summary=rng.choice(SUMMARIES),
            )
            counts["graded"] += 1
    return counts


def _hatchback(area: Area, rng: random.Random) -> VehicleInput | None:
    """The grey hatchback the MEG's vehicle item is about ("registration starting MX5"), in full, as some
    reports give it: so the demo's item links to a vehicle that fits its title."""
    item = ContextualItem.objects.filter(area=area, kind=ContextualKind.VEHICLE, closed_at__isnull=True).first()
    if item is None:
        return None
    start = item.title.split()[-1].upper()
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3))
    return VehicleInput(
        registration=f"{start}{rng.randint(0, 9)} {letters}", make="Vauxhall", model="Corsa", colour="Grey"
    )


def intelligence_meg_links_generate(*, area: Area) -> Counter[str]:
    """The intelligence officer links the MEG's open items to what intelligence knows of them: each place
    to the place its reports name, the vehicle to the registration its title starts, each suspected
    perpetrator to the person the area's reports mention most. Run after people are linked, so that
    person entities exist."""
    counts: Counter[str] = Counter()
    officer = User.objects.filter(username="intel").first()
    if officer is None:
        return counts
    in_area = Mention.objects.filter(submission__area=area, entity__isnull=False)
    busiest_people = [
        row["entity_id"]
        for row in in_area.filter(kind=EntityKind.PERSON)
        .values("entity_id")
        .annotate(n=Count("id"))
        .order_by("-n", "entity_id")
    ]
    for item in ContextualItem.objects.filter(area=area, closed_at__isnull=True).order_by("id"):
        if item.kind == ContextualKind.LOCATION:
            found = in_area.filter(kind=EntityKind.LOCATION, attributes__name=item.title)
        elif item.kind == ContextualKind.VEHICLE:
            found = in_area.filter(kind=EntityKind.VEHICLE, key__startswith=item.title.split()[-1].upper())
        elif item.kind == ContextualKind.PERPETRATOR and busiest_people:
            found = in_area.filter(entity_id=busiest_people.pop(0))
        else:
            continue
        entity_id = found.order_by("entity_id").values_list("entity_id", flat=True).first()
        if entity_id is not None:
            contextual_item_entity_link(item=item, entity=Entity.objects.get(pk=entity_id), by=officer)
            counts["MEG items linked to intelligence"] += 1
    return counts
