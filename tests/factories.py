"""Factories for synthetic test data. No real person's details: names come from Faker (en_GB)."""

import datetime as dt
from typing import Any

import factory
from django.db.models import QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Agency, AgencyKind, Area, Membership, Role, Team, TeamKind, User
from audit.models import AccessAction, AccessEvent
from children.models import CaseAllocation, Child, ChronologyEntry, ChronologyKind, MissingEpisode

TEST_PASSWORD = "correct-horse-battery-staple-2026"


class AreaFactory(factory.django.DjangoModelFactory[Area]):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Test Area {n}")
    code = factory.Sequence(lambda n: f"TA{n}")


class AgencyFactory(factory.django.DjangoModelFactory[Agency]):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Test Agency {n}")
    kind = AgencyKind.CHILDRENS_SERVICES
    area = factory.SubFactory(AreaFactory)


class TeamFactory(factory.django.DjangoModelFactory[Team]):
    class Meta:
        model = Team

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Test Team {n}")
    kind = TeamKind.SOCIAL_CARE


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(TEST_PASSWORD)


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    role = Role.SOCIAL_WORKER


class ChildFactory(factory.django.DjangoModelFactory[Child]):
    class Meta:
        model = Child

    reference = factory.Sequence(lambda n: f"TST-{n:06d}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=15 * 365))
    holding_team = factory.SubFactory(TeamFactory)
    home_authority = factory.LazyAttribute(lambda child: child.holding_team.agency.area or AreaFactory())
    responsible_authority = factory.LazyAttribute(lambda child: child.home_authority)
    created_by = factory.SubFactory(UserFactory)


class CaseAllocationFactory(factory.django.DjangoModelFactory[CaseAllocation]):
    class Meta:
        model = CaseAllocation

    child = factory.SubFactory(ChildFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.LEAD_WORKER


class ChronologyEntryFactory(factory.django.DjangoModelFactory[ChronologyEntry]):
    class Meta:
        model = ChronologyEntry

    child = factory.SubFactory(ChildFactory)
    occurred_at = factory.LazyFunction(timezone.now)
    recorded_by = factory.SubFactory(UserFactory)
    source = "School designated safeguarding lead"
    kind = ChronologyKind.NOTE
    summary = "Seen getting into a car with an older male after school."


class MissingEpisodeFactory(factory.django.DjangoModelFactory[MissingEpisode]):
    class Meta:
        model = MissingEpisode

    child = factory.SubFactory(ChildFactory)
    started_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=3))
    ended_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=2))
    reported_by = "Mother"
    where_found = "Bus station"
    recorded_by = factory.SubFactory(UserFactory)


def confirmed_totp_device(user: User, **kwargs: Any) -> TOTPDevice:
    device: TOTPDevice = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True, **kwargs)
    return device


def staff_user(*, team: Team | None = None, role: str = Role.SOCIAL_WORKER, **kwargs: Any) -> User:
    """A user with a role in a team and a confirmed authenticator app."""
    user = UserFactory.create(**kwargs)
    MembershipFactory.create(user=user, team=team or TeamFactory.create(), role=role)
    confirmed_totp_device(user)
    return user


def read_events() -> "QuerySet[AccessEvent]":
    """The access events of reads: every event but the refusals (a gate answering "not found" for a
    record that exists is logged too, docs/security.md)."""
    return AccessEvent.objects.exclude(action=AccessAction.REFUSED)
