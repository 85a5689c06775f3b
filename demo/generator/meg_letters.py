"""The demo's child's voice (seed 001): parents and carers for the area's children, the letter
templates, letters for the children on the next MEG agenda (some already sent), and feedback from
a few children and parents since the last MEG. Every name and address is fictional."""

import datetime as dt
import random
from collections import Counter

from django.db import transaction
from django.utils import timezone
from faker import Faker

from accounts.models import Area, Membership, Role, User
from children.models import Carer, CarerRelationship, Child
from meetings.models import FeedbackFrom, Meeting, MeetingKind, MeetingStatus, SendingMethod
from meetings.selectors.agenda import meeting_agenda, meg_next
from meetings.services.letters import feedback_record, letter_mark_sent, letter_templates_ensure, letters_generate

CHILD_FEEDBACK = (
    "I didn't know why people were worried about me. My worker explained it and I get it a bit more now.",
    "I like seeing my worker at school better than at home.",
    "I don't want the police coming to the house. It makes the neighbours talk.",
    "The youth club on Thursdays is good. I'd go more if it was on at weekends.",
    "I feel safer since I changed my phone number.",
    "I want to be asked before people talk about me at meetings.",
)
PARENT_FEEDBACK = (
    "We got the letter. It helped to know what the meeting is for, and that our child is not in trouble.",
    "I would like to hear what was agreed after the meeting, not just that there is one.",
    "The worker has been good and calls back when they say they will.",
    "I'm still worried about who they talk to online at night. We need help with that.",
    "The induction pack was long but I kept it. The warning signs list was useful.",
)


def _support_user(area: Area) -> User:
    membership = (
        Membership.objects.filter(role=Role.MEG_BUSINESS_SUPPORT, team__agency__area=area)
        .select_related("user")
        .first()
    )
    assert membership is not None, "the demo area has a MEG business support officer"
    return membership.user


STREET_KINDS = ("Road", "Street", "Close", "Avenue", "Way", "Grove", "Terrace", "Lane", "Crescent", "Drive")


def _address(fake: Faker, rng: random.Random, area: Area) -> str:
    return f"{rng.randint(1, 140)} {fake.last_name()} {rng.choice(STREET_KINDS)}\n{area.name}"


def _carers_build(child: Child, fake: Faker, rng: random.Random, by: User) -> list[Carer]:
    """Looked-after children: a foster carer or residential key worker they live with, and a parent with
    parental responsibility who lives elsewhere. Others: one or two parents, at home."""
    area = child.responsible_authority
    if child.looked_after:
        if rng.random() < 0.6:
            carer_name = f"{fake.first_name()} {fake.last_name()}"
            relationship, home = CarerRelationship.FOSTER_CARER, _address(fake, rng, area)
        else:
            carer_name = f"{fake.first_name()} {fake.last_name()}"
            relationship = CarerRelationship.RESIDENTIAL_KEY_WORKER
            home = f"{fake.last_name()} House children's home\n{_address(fake, rng, area)}"
        return [
            Carer(
                child=child,
                name=carer_name,
                relationship=relationship,
                address=home,
                has_parental_responsibility=False,
                lives_with_child=True,
                recorded_by=by,
            ),
            Carer(
                child=child,
                name=f"{fake.first_name_female()} {child.last_name}",
                relationship=CarerRelationship.MOTHER,
                address=_address(fake, rng, area),
                has_parental_responsibility=True,
                lives_with_child=False,
                recorded_by=by,
            ),
        ]
    home = _address(fake, rng, area)
    first = rng.choice([CarerRelationship.MOTHER, CarerRelationship.MOTHER, CarerRelationship.GRANDPARENT])
    name = fake.first_name_male() if first == CarerRelationship.FATHER else fake.first_name_female()
    carers = [
        Carer(
            child=child,
            name=f"{name} {child.last_name}",
            relationship=first,
            address=home,
            has_parental_responsibility=True,
            lives_with_child=True,
            recorded_by=by,
        )
    ]
    if rng.random() < 0.5:
        together = rng.random() < 0.6
        carers.append(
            Carer(
                child=child,
                name=f"{fake.first_name_male()} {child.last_name}",
                relationship=CarerRelationship.FATHER,
                address=home if together else _address(fake, rng, area),
                has_parental_responsibility=True,
                lives_with_child=together,
                recorded_by=by,
            )
        )
    return carers


def _feedback_window(area: Area, today: dt.date) -> tuple[dt.date, int]:
    """Feedback is dated after the last MEG held (so that the next meeting hears it); without one, in
    the last three weeks."""
    last = (
        Meeting.objects.filter(kind=MeetingKind.MEG, area=area, starts_at__lt=timezone.now())
        .exclude(status=MeetingStatus.PLANNED)
        .order_by("-starts_at")
        .first()
    )
    start = timezone.localtime(last.starts_at).date() + dt.timedelta(days=1) if last else today - dt.timedelta(days=21)
    start = min(start, today)
    return start, (today - start).days


@transaction.atomic
def meg_letters_demo_generate(*, area: Area, seed: int) -> Counter[str]:
    counts: Counter[str] = Counter()
    rng = random.Random(f"{seed}-letters-{area.code}")  # noqa: S311 - synthetic data must be reproducible.
    fake = Faker("en_GB")
    fake.seed_instance(f"{seed}-letters-{area.code}")
    by = _support_user(area)
    children = list(
        Child.objects.filter(responsible_authority=area, carers__isnull=True).select_related("responsible_authority")
    )
    carers = [carer for child in children for carer in _carers_build(child, fake, rng, by)]
    Carer.objects.bulk_create(carers)
    counts["parents and carers"] += len(carers)
    counts["letter templates"] += len(letter_templates_ensure(area=area))

    meeting = meg_next(area=area, after=timezone.now())
    if meeting is None:
        return counts
    entries = meeting_agenda(meeting=meeting).children
    agenda_children = Child.objects.select_related("holding_team").in_bulk([entry.child_id for entry in entries])
    for entry in entries:
        letters = letters_generate(meeting=meeting, child=agenda_children[entry.child_id], by=by)
        counts["letters"] += len(letters)
        if rng.random() < 0.4:  # a family's letters go out together
            method = rng.choice(SendingMethod.values)
            for letter in letters:
                letter_mark_sent(letter=letter, method=method, by=by)
            counts["letters sent"] += len(letters)

    today = timezone.localdate()
    start, span = _feedback_window(area, today)
    for child in rng.sample(list(agenda_children.values()), k=min(6, len(agenda_children))):
        parents = [carer for carer in child.carers.all() if carer.has_parental_responsibility]
        from_child = not parents or rng.random() < 0.5
        feedback_record(
            child=child,
            given_by=FeedbackFrom.CHILD if from_child else FeedbackFrom.PARENT,
            carer=None if from_child else rng.choice(parents),
            text=rng.choice(CHILD_FEEDBACK if from_child else PARENT_FEEDBACK),
            received_on=start + dt.timedelta(days=rng.randint(0, span)),
            by=by,
        )
        counts["feedback from children and families"] += 1
    return counts
