"""Rule 9 (seed 003, 2.4): the MEG is "chaired by a police safeguarding lead": the chair of a MEG is
police. The service that chooses a MEG's chair refuses anyone else, with an error that names the
problem, whatever page or script calls it (decision 0026)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import AgencyKind, Area, Role, TeamKind
from children.models import Child
from meetings.models import Meeting, MeetingKind
from meetings.selectors.records import chair_choices
from meetings.services.records import meeting_chair_set
from tests.factories import AgencyFactory, TeamFactory, staff_user

RULE_9 = "the MEG is 'chaired by a police safeguarding lead': the chair of a MEG is police"


@pytest.fixture
def meg(partnership) -> Meeting:
    area = Area.objects.get(code__iexact="nfd")
    return Meeting.objects.create(kind=MeetingKind.MEG, area=area, starts_at=timezone.now() + dt.timedelta(days=9))


@pytest.fixture
def council_chair(meg):
    """Someone given the MEG chair role in a children's services team: not police."""
    team = TeamFactory.create(
        kind=TeamKind.SOCIAL_CARE, agency=AgencyFactory.create(kind=AgencyKind.CHILDRENS_SERVICES, area=meg.area)
    )
    return staff_user(team=team, role=Role.MEG_CHAIR, first_name="Morgan", last_name="Councilman")


def test_the_service_refuses_a_meg_chair_who_is_not_police(partnership, meg, council_chair):
    with pytest.raises(ValidationError) as refused:
        meeting_chair_set(meeting=meg, chair=council_chair, by=partnership["megsupport.nfd"])
    assert refused.value.message_dict["chair"] == [
        "Morgan Councilman is not a police safeguarding lead: the MEG is chaired by a police safeguarding lead, "
        "so choose a MEG chair from the police"
    ], RULE_9
    meg.refresh_from_db()
    assert meg.chair is None


def test_the_police_safeguarding_lead_is_accepted(partnership, meg):
    police_chair = partnership["megchair"]
    assert police_chair.memberships.filter(team__agency__kind=AgencyKind.POLICE, role=Role.MEG_CHAIR).exists()
    meeting_chair_set(meeting=meg, chair=police_chair, by=partnership["megsupport.nfd"])
    meg.refresh_from_db()
    assert meg.chair == police_chair


def test_the_chair_page_offers_police_chairs_only_and_a_forged_choice_is_refused(
    signed_in, partnership, meg, council_chair
):
    assert council_chair not in chair_choices(kind=MeetingKind.MEG, area=meg.area)
    assert partnership["megchair"] in chair_choices(kind=MeetingKind.MEG, area=meg.area)
    web = signed_in(partnership["megsupport.nfd"])
    form = web.get(f"/meetings/{meg.pk}/chair/").content.decode()
    assert "Councilman" not in form
    response = web.post(f"/meetings/{meg.pk}/chair/", {"chair": str(council_chair.pk)})
    assert response.status_code == 200
    assert "Select a chair from the list" in response.content.decode()
    meg.refresh_from_db()
    assert meg.chair is None


def test_a_strategy_meeting_may_still_be_chaired_by_someone_outside_the_police(partnership):
    social_worker, manager = partnership["socialworker.nfd"], partnership["teammanager.nfd"]
    child = Child.objects.filter(holding_team__memberships__user=social_worker).first()
    assert child is not None
    meeting = Meeting.objects.create(
        kind=MeetingKind.STRATEGY, area=child.responsible_authority, child=child, starts_at=timezone.now()
    )
    meeting_chair_set(meeting=meeting, chair=manager, by=social_worker)
    meeting.refresh_from_db()
    assert meeting.chair == manager
