"""Front door records at county volume, as the services make them.

The services record one contact at a time, which is right for people and far too slow for the
400,000 contacts a county holds. So each kind of contact is recorded once through the real services
(`contact_create`, the screening, the routing, and for a closed case each task done through
`task_complete`), inside a transaction that is then rolled back; what they wrote is kept in memory as
a template (a `Bundle`). Cloning a template onto a child of the county copies every row the services
wrote (contact, assessment, screening, level record, tasks, step-down support, chronology), moved to
the child and to the date it was received, with a fresh contact reference. The rows are then exactly
what the services would have written on that day, and many thousands are written with `bulk_create`.
"""

import copy
import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from accounts.models import User
from assessments.levels import RiskLevel
from assessments.models import Assessment, RiskLevelRecord
from children.case_status import CaseStatus
from children.inputs.placement import PlacementInput
from children.models import ChronologyEntry, ChronologyKind
from children.services import NewChild
from demo.generator.structure import AreaStructure
from frontdoor.access import may_act_on_task
from frontdoor.concern_codes import Setting
from frontdoor.models import Contact, EarlyHelpSupportPeriod, ReporterRelationship, Screening, Task, TaskStatus
from frontdoor.services.contacts import ContactDetails, contact_create
from frontdoor.services.screening import screening_answers_save, screening_decide, screening_start
from frontdoor.services.tasks import task_cancel, task_complete
from frontdoor.task_release import MeetingDecision, Outcome

# Written in this order: each model's foreign keys point only at models before it.
BUNDLE_MODELS: tuple[type[models.Model], ...] = (
    Contact,
    Assessment,
    Screening,
    RiskLevelRecord,
    Task,
    EarlyHelpSupportPeriod,
    ChronologyEntry,
)
# The case statuses a screener records (every one the routing rule reads), each without a placement out
# of area, and a case open to Social Care of a child placed out of area (procedure correction 5).
SCREENED_SITUATIONS: tuple[tuple[CaseStatus, bool], ...] = (
    *((status, False) for status in CaseStatus),
    (CaseStatus.OPEN_SOCIAL_CARE, True),
)
# The template child's host authority, replaced by each child's own when a template is copied.
TEMPLATE_HOST = PlacementInput(
    placed_out_of_area=True,
    host_authority="Template host authority",
    host_social_worker="Template host social worker",
    host_social_worker_contact="Template host contact",
)
TEMPLATE_NAME = ("Template", "Bundlechild")
# The county's children already exist with their status and workers: the template child's own record,
# its transfers and status changes are not copied onto them.
CHILD_STATE_KINDS = frozenset({ChronologyKind.CHILD_RECORDED, ChronologyKind.CASE_STATUS, ChronologyKind.ALLOCATION})
# Tried in turn until the task's code accepts one; the first settle what later tasks wait for.
OUTCOMES = (
    Outcome(new_concerns=False),
    Outcome(meeting=MeetingDecision.NEITHER),
    Outcome(stepped_down=False),
    Outcome(),
)


@dataclass(frozen=True)
class Bundle:
    """What the services wrote for one contact, from its receipt to (when `closed`) every task done."""

    status: str
    level: str
    closed: bool
    reference: str
    child_name: str
    anchor: dt.datetime  # when the template contact was received
    rows: dict[type[models.Model], list[models.Model]] = field(default_factory=dict)
    placed_out_of_area: bool = False

    @property
    def final_level(self) -> str:
        levels = sorted(self.rows.get(RiskLevelRecord, []), key=lambda record: record.decided_at)  # type: ignore[attr-defined]
        return levels[-1].level if levels else ""  # type: ignore[attr-defined]


class _RollBack(Exception):
    pass


def _capture(contact: Contact, *, status: str, level: str, closed: bool, placed_out_of_area: bool) -> Bundle:
    child = contact.child
    rows: dict[type[models.Model], list[models.Model]] = {}
    for model in BUNDLE_MODELS:
        found = list(model._default_manager.filter(child=child).order_by("pk"))
        if model is ChronologyEntry:
            found = [entry for entry in found if getattr(entry, "kind", "") not in CHILD_STATE_KINDS]
        rows[model] = found
    return Bundle(
        status=status,
        level=level,
        closed=closed,
        reference=contact.reference,
        child_name=child.full_name,
        anchor=contact.received_at,
        rows=rows,
        placed_out_of_area=placed_out_of_area,
    )


def _actors(here: AreaStructure, partnership: list[User]) -> list[User]:
    return [*here.users.values(), *partnership]


def _tasks_close(contact: Contact, actors: list[User], screener: User) -> None:
    """Every task of the contact done through `task_complete` (or, where no outcome fits, not needed)."""
    for _ in range(8):  # completing a task can release the tasks that waited for it
        open_tasks = list(Task.objects.filter(contact=contact, status=TaskStatus.OPEN).order_by("pk"))
        if not open_tasks:
            break
        for task in open_tasks:
            doer = next((user for user in actors if may_act_on_task(user, task)), None)
            if doer is not None and _complete(task, doer):
                continue
            task_cancel(task=task, by=screener, reason="Not needed: the case closed.")
    waiting = Task.objects.filter(contact=contact, status=TaskStatus.WAITING)
    for task in waiting:
        task_cancel(task=task, by=screener, reason="Not needed: the case closed.")


def _complete(task: Task, doer: User) -> bool:
    for outcome in OUTCOMES:
        try:
            with transaction.atomic():
                task_complete(task=task, by=doer, outcome=outcome)
        except (ValidationError, PermissionDenied):
            continue
        return True
    return False


def _template(
    here: AreaStructure,
    actors: list[User],
    rng: random.Random,
    *,
    status: str,
    level: str,
    number: int,
    placed_out_of_area: bool = False,
) -> list[Bundle]:
    screener = here.users["screener"]
    today = timezone.localdate()
    details = ContactDetails(
        received_at=timezone.now() - dt.timedelta(hours=1),
        reporter_relationship=ReporterRelationship.PROFESSIONAL,
        reporter_name="Designated safeguarding lead",
        reporter_organisation="A school in the county",
        concern="Seen getting into cars with older men after school; has a new phone and will not say who gave it.",
        immediate_risk=False,
        warning_signs=frozenset(),
        setting=Setting.NOT_KNOWN,
        platforms=(),
    )
    contact = contact_create(
        recorded_by=screener,
        new_child=NewChild(
            first_name=TEMPLATE_NAME[0],
            last_name=f"{TEMPLATE_NAME[1]}{number}",
            date_of_birth=today - dt.timedelta(days=14 * 365),
        ),
        details=details,
    )
    screening = screening_start(contact=contact, by=screener)
    screening_answers_save(
        screening=screening,
        case_status=CaseStatus(status),
        selected=frozenset(),
        domain_notes={},
        by=screener,
        placement=TEMPLATE_HOST if placed_out_of_area else PlacementInput(),
    )
    screening.refresh_from_db()
    suggested = screening.assessment.suggested_level
    screening_decide(
        screening=screening,
        by=screener,
        confirmed_level=RiskLevel(level),
        reason="" if level == suggested else "Professional judgement from what the school has seen.",
        review_due_on=today + dt.timedelta(days=rng.choice([30, 60, 90])),
        age_estimate=14,
    )
    contact.refresh_from_db()
    opened = _capture(contact, status=status, level=level, closed=False, placed_out_of_area=placed_out_of_area)
    _tasks_close(contact, actors, screener)
    return [opened, _capture(contact, status=status, level=level, closed=True, placed_out_of_area=placed_out_of_area)]


def bundles_capture(*, here: AreaStructure, partnership: list[User], seed: int) -> list[Bundle]:
    """One template of every case status (and a placement out of area) and level, open and closed, for the
    area; nothing stays written."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data must be reproducible, not secret.
    actors = _actors(here, partnership)
    bundles: list[Bundle] = []
    try:
        with transaction.atomic():
            number = 0
            for status, placed in SCREENED_SITUATIONS:
                for level in RiskLevel:
                    number += 1
                    bundles.extend(
                        _template(
                            here, actors, rng, status=status, level=level, number=number, placed_out_of_area=placed
                        )
                    )
            raise _RollBack
    except _RollBack:
        pass
    return bundles


# --- Cloning ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """One template contact placed on a child of the county, on the day it was received."""

    bundle: Bundle
    child_id: object
    child_name: str
    received_at: dt.datetime
    reference: str
    host: PlacementInput = field(default_factory=PlacementInput)  # the child's own placement out of area, if any


def _text(value: str, placement: Placement) -> str:
    value = value.replace(placement.bundle.reference, placement.reference).replace(
        placement.bundle.child_name, placement.child_name
    )
    if placement.bundle.placed_out_of_area:
        for name in ("host_authority", "host_social_worker", "host_social_worker_contact"):
            value = value.replace(getattr(TEMPLATE_HOST, name), getattr(placement.host, name))
    return value


def _clone(row: models.Model, placement: Placement, written: dict[tuple[type, object], models.Model]) -> models.Model:
    clone = copy.copy(row)
    clone._state = copy.copy(row._state)
    clone._state.adding = True
    delta = placement.received_at - placement.bundle.anchor
    for model_field in row._meta.concrete_fields:
        name = model_field.attname
        value = getattr(row, name)
        if model_field.primary_key:
            setattr(clone, name, None)
        elif model_field.is_relation and value is not None:
            related = model_field.related_model
            if related is not None and related._meta.label == "children.Child":
                setattr(clone, name, placement.child_id)
            elif related is not None and (related, value) in written:
                setattr(clone, name, written[(related, value)].pk)
        elif isinstance(model_field, models.DateTimeField) and value is not None:
            setattr(clone, name, value + delta)
        elif isinstance(model_field, models.DateField) and value is not None:
            setattr(clone, name, value + dt.timedelta(days=delta.days))
        elif isinstance(model_field, models.CharField | models.TextField) and isinstance(value, str):
            setattr(clone, name, _text(value, placement))
    if isinstance(clone, Contact):
        clone.reference = placement.reference
    return clone


def placements_write(placements: list[Placement]) -> Counter[str]:
    """Every row of every placement, model by model with `bulk_create`."""
    counts: Counter[str] = Counter()
    written: list[dict[tuple[type, object], models.Model]] = [{} for _ in placements]
    for model in BUNDLE_MODELS:
        clones: list[models.Model] = []
        for index, placement in enumerate(placements):
            for row in placement.bundle.rows.get(model, []):
                clone = _clone(row, placement, written[index])
                written[index][(model, row.pk)] = clone
                clones.append(clone)
        model._default_manager.bulk_create(clones, batch_size=2000)
        counts[str(model._meta.verbose_name_plural)] += len(clones)
    return counts
