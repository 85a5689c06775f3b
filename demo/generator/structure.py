"""Building the demo partnership's structure: areas, agencies, teams, users, their memberships
and authenticator (TOTP) devices."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from accounts.models import Agency, AgencyKind, Area, Membership, Team, TeamKind, User
from demo.generator.vocabulary import (
    ADMIN_USERNAME,
    AREA_USERS,
    AREAS,
    CHILDRENS_SERVICES_TEAMS,
    DEMO_PASSWORD,
    DEVICE_NAME,
    EMAIL_DOMAIN,
    PARTNER_AGENCIES,
    PARTNERSHIP_NAME,
    PARTNERSHIP_USERS,
    POLICE_NAME,
    AreaSpec,
    UserSpec,
)

# --- Building the structure ---------------------------------------------------------------------


@dataclass
class AreaStructure:
    spec: AreaSpec
    area: Area
    agencies: dict[str, Agency] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)


@dataclass
class Structure:
    areas: list[AreaStructure]
    police: Agency
    teams: dict[str, Team]
    users: list[User]


def _team_email(team_slot: str, code: str) -> str:
    return f"{team_slot.replace('_', '-')}.{code.lower()}@{EMAIL_DOMAIN}"


def _area_structure_create(spec: AreaSpec) -> AreaStructure:
    area = Area.objects.create(name=spec.name, code=spec.code)
    built = AreaStructure(spec=spec, area=area)
    council = Agency.objects.create(
        name=f"{spec.name} Council Children's Services", kind=AgencyKind.CHILDRENS_SERVICES, area=area
    )
    built.agencies["childrens_services"] = council
    for slot, name, team_kind in CHILDRENS_SERVICES_TEAMS:
        built.teams[slot] = Team.objects.create(
            agency=council, name=name, kind=team_kind, email=_team_email(slot, spec.code)
        )
    for slot, agency_kind, agency_name, team_name in PARTNER_AGENCIES:
        agency = Agency.objects.create(
            name=agency_name.format(area=spec.name, academy=spec.academy), kind=agency_kind, area=area
        )
        built.agencies[slot] = agency
        built.teams[slot] = Team.objects.create(
            agency=agency, name=team_name, kind=TeamKind.PARTNER, email=_team_email(slot, spec.code)
        )
    return built


def _partnership_teams_create() -> tuple[Agency, dict[str, Team]]:
    police = Agency.objects.create(name=POLICE_NAME, kind=AgencyKind.POLICE, area=None)
    partnership = Agency.objects.create(name=PARTNERSHIP_NAME, kind=AgencyKind.OTHER, area=None)
    teams = {
        "police_intelligence": Team.objects.create(
            agency=police,
            name="Force Intelligence Bureau",
            kind=TeamKind.POLICE_INTELLIGENCE,
            email=f"intelligence@{EMAIL_DOMAIN}",
        ),
        "police_safeguarding": Team.objects.create(
            agency=police,
            name="Public Protection Unit",
            kind=TeamKind.POLICE_SAFEGUARDING,
            email=f"public-protection@{EMAIL_DOMAIN}",
        ),
        "analysts": Team.objects.create(
            agency=partnership, name="Partnership Analysts", kind=TeamKind.ANALYSTS, email=f"analysts@{EMAIL_DOMAIN}"
        ),
    }
    return police, teams


def _user_create(username: str, job_title: str, password_hash: str, fake: Faker, *, superuser: bool = False) -> User:
    user = User(
        username=username,
        first_name=fake.first_name(),
        last_name=fake.last_name(),
        email=f"{username}@{EMAIL_DOMAIN}",
        job_title=job_title,
        password=password_hash,
        is_staff=superuser,
        is_superuser=superuser,
    )
    user.save()
    TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    return user


def _users_create(
    specs: Sequence[UserSpec], teams: dict[str, Team], code: str, password_hash: str, fake: Faker
) -> dict[str, User]:
    created: dict[str, User] = {}
    for spec in specs:
        user = _user_create(spec.username.format(code=code.lower()), spec.job_title, password_hash, fake)
        Membership.objects.bulk_create(
            [Membership(user=user, team=teams[slot], role=role) for slot, role in spec.memberships]
        )
        created[spec.username.split(".")[0]] = user
    return created


def _structure_create(fake: Faker) -> Structure:
    # One Argon2 hash for the shared published password: hashing it once per user would only
    # slow the seed down, and the password is the same by design.
    password_hash = make_password(DEMO_PASSWORD)
    areas = [_area_structure_create(spec) for spec in AREAS]
    police, teams = _partnership_teams_create()
    users: list[User] = []
    for built in areas:
        built.users = _users_create(AREA_USERS, built.teams, built.spec.code, password_hash, fake)
        users.extend(built.users.values())
    users.extend(_users_create(PARTNERSHIP_USERS, teams, "", password_hash, fake).values())
    users.append(_user_create(ADMIN_USERNAME, "System administrator", password_hash, fake, superuser=True))
    return Structure(areas=areas, police=police, teams=teams, users=users)


def structure_load() -> Structure:
    """The demo structure `_structure_create` made, read back from the database (for the county-scale
    generator, which adds to a partnership built earlier, perhaps by another process)."""
    by_email = {team.email: team for team in Team.objects.select_related("agency")}
    users = {user.username: user for user in User.objects.all()}
    areas: list[AreaStructure] = []
    for spec in AREAS:
        built = AreaStructure(spec=spec, area=Area.objects.get(code=spec.code))
        for slot, *_ in (*CHILDRENS_SERVICES_TEAMS, *PARTNER_AGENCIES):
            built.teams[slot] = by_email[_team_email(slot, spec.code)]
        built.agencies = {slot: built.teams[slot].agency for slot, *_ in PARTNER_AGENCIES}
        built.agencies["childrens_services"] = built.teams["front_door"].agency
        for user_spec in AREA_USERS:
            built.users[user_spec.username.split(".")[0]] = users[user_spec.username.format(code=spec.slug)]
        areas.append(built)
    teams = {team.kind: team for team in by_email.values() if team.agency.area_id is None}
    police = next(team.agency for team in teams.values() if team.agency.kind == AgencyKind.POLICE)
    partnership_teams = {
        "police_intelligence": teams[TeamKind.POLICE_INTELLIGENCE],
        "police_safeguarding": teams[TeamKind.POLICE_SAFEGUARDING],
        "analysts": teams[TeamKind.ANALYSTS],
    }
    return Structure(areas=areas, police=police, teams=partnership_teams, users=list(users.values()))
