"""A small synthetic partnership (Northfield) for challenge tests.

A council's social care team holds a child's case; a school's lead worker, allocated to the child,
challenges the social worker's decision. Around them: the social worker's team manager, a front
door screener of the council (sees the child, is no party), the police safeguarding team that a
challenge can be escalated to, a partnership analyst, and a stranger in another council.
"""

from dataclasses import dataclass

import pytest

from accounts.models import Agency, AgencyKind, Role, Team, TeamKind, User
from challenges.models import Challenge
from challenges.services import challenge_raise
from children.models import Child
from tests.factories import AgencyFactory, CaseAllocationFactory, ChildFactory, TeamFactory, staff_user


@dataclass
class Partnership:
    council: Agency
    school: Agency
    police: Agency
    social_team: Team
    police_team: Team
    child: Child
    raiser: User  # school lead worker, allocated to the child
    decision_maker: User  # social worker in the holding team
    colleague: User  # another social worker in the holding team
    manager: User  # team manager of the holding team
    screener: User  # council front door
    police_lead: User  # police safeguarding team, no sight of the child
    analyst: User
    stranger: User  # social worker in another council


@pytest.fixture
def northfield(db) -> Partnership:
    council = AgencyFactory.create(name="Northfield Council", kind=AgencyKind.CHILDRENS_SERVICES)
    school = AgencyFactory.create(name="Northfield Academy", kind=AgencyKind.EDUCATION)
    police = AgencyFactory.create(name="Northshire Police", kind=AgencyKind.POLICE, area=None)
    social_team = TeamFactory.create(agency=council, name="Social care east", kind=TeamKind.SOCIAL_CARE)
    police_team = TeamFactory.create(agency=police, name="Safeguarding hub", kind=TeamKind.POLICE_SAFEGUARDING)
    child = ChildFactory.create(
        holding_team=social_team, first_name="Zephyrine", last_name="Quillfeather", reference="NFD-777001"
    )
    raiser = staff_user(
        team=TeamFactory.create(agency=school, name="Pastoral team", kind=TeamKind.PARTNER),
        role=Role.LEAD_WORKER,
        first_name="Tamsin",
        last_name="Raiser",
    )
    CaseAllocationFactory.create(child=child, user=raiser, role=Role.LEAD_WORKER)
    other_council = AgencyFactory.create(name="Southfield Council", kind=AgencyKind.CHILDRENS_SERVICES)
    return Partnership(
        council=council,
        school=school,
        police=police,
        social_team=social_team,
        police_team=police_team,
        child=child,
        raiser=raiser,
        decision_maker=staff_user(team=social_team, role=Role.SOCIAL_WORKER, first_name="Dev", last_name="Maker"),
        colleague=staff_user(team=social_team, role=Role.SOCIAL_WORKER),
        manager=staff_user(team=social_team, role=Role.TEAM_MANAGER, first_name="Mo", last_name="Manager"),
        screener=staff_user(
            team=TeamFactory.create(agency=council, name="Front door", kind=TeamKind.FRONT_DOOR), role=Role.SCREENER
        ),
        police_lead=staff_user(team=police_team, role=Role.MEG_CHAIR, first_name="Pat", last_name="Police"),
        analyst=staff_user(
            team=TeamFactory.create(agency=council, name="Partnership analysts", kind=TeamKind.ANALYSTS),
            role=Role.PARTNERSHIP_ANALYST,
        ),
        stranger=staff_user(
            team=TeamFactory.create(agency=other_council, kind=TeamKind.SOCIAL_CARE), role=Role.SOCIAL_WORKER
        ),
    )


def raise_challenge(p: Partnership, *, owner_user: User | None = None, owner_team: Team | None = None) -> Challenge:
    if owner_user is None and owner_team is None:
        owner_user = p.decision_maker
    return challenge_raise(
        user=p.raiser,
        child_id=p.child.id,
        decision_summary="Risk level confirmed as low at screening",
        decision_kind="screening",
        challenge_text="The school has seen three warning signs this month; the level should be medium.",
        owner_user=owner_user,
        owner_team=owner_team,
    )


@pytest.fixture
def challenge(northfield) -> Challenge:
    """Raised by the school lead worker, owned by the social worker who made the decision."""
    return raise_challenge(northfield)
