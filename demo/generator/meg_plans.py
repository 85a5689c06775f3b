"""The demo's contextual items, safeguarding and disruption plans and their actions, made through the
real services: a takeaway, a park, a car known by part of its registration and a peer group in each
area (all fictional), linked to medium and high risk children; actions for the police, licensing,
school, health and others, some overdue, some with updates."""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, AgencyKind, Area, User
from children.models import Child
from meetings.models import Action, ContextualItem, ContextualKind, Meeting, MeetingKind, MeetingStatus, Plan, Tactic
from meetings.selectors.agenda import meg_agenda_entries
from meetings.services.contextual import contextual_item_create
from meetings.services.plans import (
    action_create,
    action_update_record,
    plan_for_child_get_or_create,
    plan_for_contextual_item_get_or_create,
)

# Who owns an agency's actions in the demo (demo/generator/vocabulary.py); licensing has no account.
OWNERS = {
    AgencyKind.POLICE: "megchair",
    AgencyKind.EDUCATION: "teacher.{code}",
    AgencyKind.HEALTH: "schoolnurse.{code}",
    AgencyKind.CHILDRENS_SERVICES: "cseworker.{code}",
    AgencyKind.VOLUNTARY: "youthworker.{code}",
}


@dataclass(frozen=True)
class ActionSpec:
    agency: AgencyKind
    tactic: Tactic
    description: str
    due_in_days: int  # negative: overdue
    update: str = ""  # a first update from the owning agency, if any
    done: bool = False


@dataclass(frozen=True)
class ItemSpec:
    kind: ContextualKind
    title: str
    description: str
    actions: tuple[ActionSpec, ...]


def _items(area: Area, rng: random.Random) -> list[ItemSpec]:
    plate = rng.choice(("YK6", "BD1", "MX5", "LR6", "NF7"))
    return [
        ItemSpec(
            ContextualKind.LOCATION,
            f"Takeaway on Station Road, {area.name}",
            "Young people seen inside after closing time; free food and lifts home offered by older men.",
            (
                ActionSpec(
                    AgencyKind.LICENSING,
                    Tactic.LICENSING_CHECK,
                    "Licensing check of the late-night refreshment licence and staff rota.",
                    -6,
                ),
                ActionSpec(
                    AgencyKind.POLICE, Tactic.WARNING, "Visit the owner and give a written warning about under-18s.", 9
                ),
            ),
        ),
        ItemSpec(
            ContextualKind.LOCATION,
            f"Play park behind {area.name} leisure centre",
            "Groups gather after dark; alcohol and cannabis given to children by adults in their twenties.",
            (
                ActionSpec(
                    AgencyKind.POLICE,
                    Tactic.OTHER,
                    "Extra evening patrols on Fridays and Saturdays for six weeks.",
                    -3,
                    update="Patrols running; two adults spoken to and details taken.",
                ),
                ActionSpec(AgencyKind.VOLUNTARY, Tactic.OTHER, "Detached youth work at the park twice a week.", 20),
            ),
        ),
        ItemSpec(
            ContextualKind.VEHICLE,
            f"Grey hatchback, registration starting {plate}",
            "Seen collecting girls from outside school and the bus station; driver not identified.",
            (
                ActionSpec(
                    AgencyKind.POLICE,
                    Tactic.ABDUCTION_NOTICE,
                    "Identify the registered keeper and serve a child abduction warning notice.",
                    14,
                ),
                ActionSpec(
                    AgencyKind.LICENSING,
                    Tactic.TAXI_VISIT,
                    "Check whether the vehicle is licensed as a private hire car and visit the operator.",
                    -10,
                ),
                ActionSpec(
                    AgencyKind.EDUCATION,
                    Tactic.OTHER,
                    "Staff on the gate to note the car at home time and report sightings to the police.",
                    7,
                    update="Gate staff briefed; one sighting reported.",
                    done=True,
                ),
            ),
        ),
        ItemSpec(
            ContextualKind.PEER_GROUP,
            f"Group meeting at {area.name} bus station",
            "Several children on the agenda spend evenings together with older associates.",
            (
                ActionSpec(
                    AgencyKind.EDUCATION,
                    Tactic.OTHER,
                    "Assembly and tutor-group sessions on healthy relationships.",
                    21,
                ),
                ActionSpec(AgencyKind.HEALTH, Tactic.OTHER, "Sexual health drop-in at the college for the group.", -2),
            ),
        ),
    ]


SAFEGUARDING = (
    ActionSpec(
        AgencyKind.EDUCATION,
        Tactic.SUPPORT,
        "Daily check-in with a trusted member of staff; share attendance with the social worker.",
        -4,
        update="Check-ins in place; attendance 78% this half term.",
    ),
    ActionSpec(AgencyKind.HEALTH, Tactic.SUPPORT, "Offer a school nurse appointment and sexual health advice.", 10),
    ActionSpec(
        AgencyKind.CHILDRENS_SERVICES,
        Tactic.SUPPORT,
        "Direct work on exploitation and safety planning with the child and family.",
        12,
    ),
)


def _agency(area: Area, kind: AgencyKind) -> Agency | None:
    if kind == AgencyKind.POLICE:
        return Agency.objects.filter(kind=kind, area__isnull=True).order_by("name").first()
    return Agency.objects.filter(kind=kind, area=area).order_by("name").first()


def _owner(area: Area, kind: AgencyKind) -> User | None:
    pattern = OWNERS.get(kind)
    if pattern is None:
        return None
    owner: User | None = User.objects.filter(username=pattern.format(code=area.code.lower()), is_active=True).first()
    return owner


def _agree(plan: Plan, spec: ActionSpec, area: Area, support: User, meeting: Meeting | None) -> Counter[str]:
    counts: Counter[str] = Counter()
    agency = _agency(area, spec.agency)
    if agency is None:
        return counts
    owner = _owner(area, spec.agency)
    today = timezone.localdate()
    action = action_create(
        plan=plan,
        by=support,
        description=spec.description,
        tactic=spec.tactic,
        owning_agency=agency,
        owner=owner,
        due_on=today + dt.timedelta(days=max(spec.due_in_days, 0)),
        meeting=meeting,
    )
    counts["MEG actions"] += 1
    if spec.due_in_days < 0:
        # Agreed at last month's meeting with a date that has now passed: the demo's overdue actions.
        Action.objects.filter(pk=action.pk).update(due_on=today + dt.timedelta(days=spec.due_in_days))
        action.refresh_from_db()
        counts["overdue MEG actions"] += 0 if spec.done else 1
    if spec.update and owner is not None:
        action_update_record(action=action, by=owner, note=spec.update, status="in_progress")
        counts["MEG action updates"] += 1
        if spec.done:
            action_update_record(action=action, by=owner, note="Completed.", status="done")
            counts["MEG action updates"] += 1
    return counts


@transaction.atomic
def meg_plans_demo_generate(*, area: Area, seed: int) -> Counter[str]:
    counts: Counter[str] = Counter()
    support = User.objects.filter(username=f"megsupport.{area.code.lower()}").first()
    if support is None or ContextualItem.objects.filter(area=area).exists():
        return counts
    rng = random.Random(f"{seed}-{area.code}")  # noqa: S311 - synthetic data must be reproducible, not secret.
    agenda = Child.objects.in_bulk([entry.child_id for entry in meg_agenda_entries(area=area)])
    children = sorted(agenda.values(), key=lambda child: child.reference)
    meeting = (
        Meeting.objects.filter(kind=MeetingKind.MEG, area=area)
        .exclude(status=MeetingStatus.PLANNED)
        .order_by("-starts_at")
        .first()
    )
    for spec in _items(area, rng):
        linked = rng.sample(children, k=min(len(children), rng.choice((1, 2)))) if children else []
        item = contextual_item_create(
            area=area, by=support, kind=spec.kind, title=spec.title, description=spec.description, children=linked
        )
        counts["contextual items"] += 1
        plan = plan_for_contextual_item_get_or_create(item=item, by=support)
        counts["disruption plans"] += 1
        for action_spec in spec.actions:
            counts.update(_agree(plan, action_spec, area, support, meeting))
    for child in children[:3]:
        plan = plan_for_child_get_or_create(child=child, by=support)
        counts["safeguarding plans"] += 1
        for action_spec in SAFEGUARDING:
            counts.update(_agree(plan, action_spec, area, support, meeting))
    return counts
