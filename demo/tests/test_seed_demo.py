import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Agency, AgencyKind, Area, Membership, Role, Team, TeamKind, User
from children.access import child_visible_queryset
from children.case_status import CaseStatus
from children.models import CaseAllocation, Child, ChronologyEntry, MissingEpisode
from demo.generator import DEMO_PASSWORD, demo_usernames

SMALL = 12

# The kinds of team that may hold a case of each status.
HOLDING_KINDS: dict[str, set[str]] = {
    CaseStatus.NEW_CASE: {TeamKind.FRONT_DOOR, TeamKind.FIRST_RESPONSE},
    CaseStatus.OPEN_EARLY_HELP: {TeamKind.EARLY_HELP},
    CaseStatus.OPEN_SOCIAL_CARE: {TeamKind.SOCIAL_CARE, TeamKind.FAMILIES_ASSESSMENT},
    CaseStatus.OUT_OF_AUTHORITY: {TeamKind.FRONT_DOOR, TeamKind.SOCIAL_CARE},
}


def seed(**options) -> str:
    """The partnership alone: its front door activity changes cases, and has a test of its own."""
    out = StringIO()
    options.setdefault("without_front_door", True)
    call_command("seed_demo", children_per_area=SMALL, stdout=out, **options)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models = [Area, Agency, Team, User, Membership, TOTPDevice, Child, ChronologyEntry, MissingEpisode, CaseAllocation]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


@pytest.fixture
def seeded(debug) -> str:
    return seed()


@pytest.mark.django_db
def test_partnership_has_every_kind_of_agency_team_and_role(seeded):
    assert Area.objects.filter(code__in=["NFD", "SDL"]).count() == 2
    assert set(Agency.objects.values_list("kind", flat=True)) == set(AgencyKind.values)
    assert set(Team.objects.values_list("kind", flat=True)) == set(TeamKind.values)
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    police = Agency.objects.get(kind=AgencyKind.POLICE)
    assert police.area is None
    for area in Area.objects.all():
        kinds = set(area.agencies.values_list("kind", flat=True))
        assert {AgencyKind.CHILDRENS_SERVICES, AgencyKind.EDUCATION, AgencyKind.HEALTH} <= kinds
        assert Team.objects.filter(agency__area=area, kind=TeamKind.SOCIAL_CARE).count() == 2


@pytest.mark.django_db
def test_every_demo_user_has_the_password_and_a_confirmed_authenticator(seeded):
    users = User.objects.filter(username__in=demo_usernames())
    assert users.count() == len(demo_usernames())
    for user in users:
        assert user.email.endswith("@example.org")
        assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    assert User.objects.get(username="screener.nfd").check_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_admin_is_a_superuser_with_no_case_role_and_sees_no_child(seeded):
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert not admin.memberships.exists()
    assert not child_visible_queryset(admin).exists()


@pytest.mark.django_db
def test_children_are_plausible(seeded):
    children = Child.objects.select_related("holding_team", "home_authority", "responsible_authority")
    assert children.count() == 2 * SMALL
    assert set(children.values_list("case_status", flat=True)) == set(CaseStatus.values)
    for child in children:
        assert re.fullmatch(r"(NFD|SDL)-\d{6}", child.reference)
        assert child.reference.startswith(child.responsible_authority.code)
        assert child.holding_team.kind in HOLDING_KINDS[child.case_status]
        assert child.holding_team.agency.area == child.responsible_authority
        assert child.age_years is not None
        assert 8 <= child.age_years <= 17
        if child.case_status == CaseStatus.OUT_OF_AUTHORITY:
            assert child.home_authority != child.responsible_authority
        else:
            assert child.home_authority == child.responsible_authority
        assert child.created_by.username.startswith("screener.")


@pytest.mark.django_db
def test_children_have_chronologies_and_some_go_missing(seeded):
    for child in Child.objects.all():
        entries = list(child.chronology.all())
        assert len(entries) >= 2
        assert all(entry.recorded_at >= entry.occurred_at for entry in entries)
        assert all(entry.recorded_by.username in demo_usernames() for entry in entries)
    with_episodes = Child.objects.filter(missing_episodes__isnull=False).distinct().count()
    assert 0 < with_episodes < Child.objects.count()
    for episode in MissingEpisode.objects.all():
        assert episode.ended_at is None or episode.ended_at >= episode.started_at


@pytest.mark.django_db
def test_demo_exercises_the_access_rules(seeded):
    nfd = Area.objects.get(code="NFD")
    screener = User.objects.get(username="screener.nfd")
    # A front door screener sees every child held by their agency, and none of the other area's.
    assert set(child_visible_queryset(screener)) == set(Child.objects.filter(holding_team__agency__area=nfd))
    # Partner workers and the CSE workers see exactly the children allocated to them (open allocations).
    for username in ["teacher.nfd", "teacher.sdl", "cseworker.nfd", "cseworker.sdl"]:
        user = User.objects.get(username=username)
        visible = set(child_visible_queryset(user))
        allocated = {a.child for a in CaseAllocation.objects.filter(user=user, ended_at__isnull=True)}
        assert visible
        assert visible == allocated
    # An ended allocation gives no access.
    ended = CaseAllocation.objects.filter(ended_at__isnull=False, user__username__startswith="youthworker").first()
    assert ended is not None
    assert ended.child not in set(child_visible_queryset(ended.user))
    assert CaseAllocation.objects.filter(user__username__startswith="socialworker", role=Role.SOCIAL_WORKER).exists()
    assert CaseAllocation.objects.filter(user__username__startswith="cseworker").exists()
    for username in ["analyst", "intel", "megchair", "megsupport.nfd"]:
        assert not child_visible_queryset(User.objects.get(username=username)).exists()


@pytest.mark.django_db
def test_output_lists_accounts_password_and_second_factor(seeded):
    assert DEMO_PASSWORD in seeded
    assert "demo_totp" in seeded
    for username in demo_usernames():
        assert username in seeded
    for device in TOTPDevice.objects.all():
        assert device.config_url.split("secret=")[1].split("&")[0] in seeded


@pytest.mark.django_db
def test_second_run_creates_nothing_and_prints_the_accounts_again(seeded):
    before = row_counts()
    again = seed()
    assert row_counts() == before
    assert "already exists" in again
    assert DEMO_PASSWORD in again
    assert "screener.nfd" in again


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        seed()
    assert not Area.objects.exists()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_demo_totp_prints_a_code_the_device_accepts(seeded):
    out = StringIO()
    call_command("demo_totp", "screener.nfd", stdout=out, stderr=StringIO())
    code = out.getvalue().strip()
    assert re.fullmatch(r"\d{6}", code)
    device = TOTPDevice.objects.get(user__username="screener.nfd")
    assert device.verify_token(code)


@pytest.mark.django_db
def test_demo_totp_explains_unknown_user_and_missing_device(seeded):
    with pytest.raises(CommandError, match="No user"):
        call_command("demo_totp", "nobody", stdout=StringIO())
    User.objects.create_user(username="nodevice", password="x" * 20)
    with pytest.raises(CommandError, match="no confirmed authenticator"):
        call_command("demo_totp", "nodevice", stdout=StringIO())


@pytest.mark.django_db
def test_demo_totp_refuses_without_debug(seeded, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_totp", "screener.nfd", stdout=StringIO())


def names_for_seed(seed_value: int) -> list[tuple[str, str, str]]:
    """Seed inside a savepoint, read the children, and roll the savepoint back."""
    with transaction.atomic():
        seed(seed=seed_value)
        names = list(Child.objects.order_by("reference").values_list("reference", "first_name", "last_name"))
        transaction.set_rollback(True)
    return names


@pytest.mark.django_db
def test_same_seed_gives_the_same_children(debug):
    first = names_for_seed(7)
    assert not Area.objects.exists()
    assert names_for_seed(7) == first
    assert names_for_seed(8) != first


@pytest.mark.django_db
@pytest.mark.usefixtures("assessment_tool")
def test_the_demo_front_door_has_contacts_screenings_and_tasks_on_worklists(debug):
    from frontdoor.models import Contact, Screening, Task

    output = seed(without_front_door=False)
    assert "contacts" in output
    assert Screening.objects.filter(decided_at__isnull=False).count() >= 10
    assert Contact.objects.filter(screening__isnull=True).exists()  # some wait in the screeners' queue
    assert Task.objects.filter(team__kind="first_response", status="open").exists()
    assert Task.objects.filter(code="contact_police_999").exists()
