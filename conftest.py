import os
from pathlib import Path

import pytest
import time_machine
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from tests.clock import AWKWARD_MOMENTS, suite_moment

# The browser fixtures (Chromium, one Playwright per run) serve every app's browser tests.
pytest_plugins = ["tests.browser.fixtures"]

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the
# tests themselves are still synchronous, so Django's async guard must be told so.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test marked `any_moment` runs once at each awkward moment of the calendar (tests/clock.py)."""
    if metafunc.definition.get_closest_marker("any_moment"):
        metafunc.parametrize("moment", list(AWKWARD_MOMENTS.values()), ids=list(AWKWARD_MOMENTS), indirect=True)


_suite_travel: list[time_machine.travel] = []


def pytest_configure(config: pytest.Config) -> None:
    """The suite's clock starts before collection, so that dates in test parameters are the suite's too."""
    moment = suite_moment()
    if moment is not None:
        travel = time_machine.travel(moment, tick=True)
        travel.start()
        _suite_travel.append(travel)


def pytest_unconfigure(config: pytest.Config) -> None:
    while _suite_travel:
        _suite_travel.pop().stop()


@pytest.fixture(scope="session")
def suite_clock():
    """Every test starts from the suite's moment, not from whenever the suite happens to run."""
    return suite_moment()


@pytest.fixture(autouse=True)
def moment(request: pytest.FixtureRequest, suite_clock):
    """The moment this test runs at: one of the awkward moments for an `any_moment` test, before any
    other fixture (the demo partnership) reads the clock; otherwise the suite's clock."""
    chosen = getattr(request, "param", None)
    if chosen is None:
        yield suite_clock
        return
    with time_machine.travel(chosen, tick=True):
        yield chosen


def sign_in_client(client: Client, user: User) -> Client:
    """Sign a test client in with both factors, as the sign-in journey would."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    assert device is not None, "the user needs a confirmed authenticator app"
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def signed_in(db: None):
    """Sign a user in, in a browser of their own: each call gives a new client."""

    def sign_in(user: User) -> Client:
        return sign_in_client(Client(), user)

    return sign_in


@pytest.fixture(autouse=True)
def fast_password_hashing(request: pytest.FixtureRequest, settings) -> None:
    """Argon2 is deliberately slow; tests use a fast hasher unless they are about hashing."""
    if "argon2" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def linkage_model_in_a_temporary_folder(settings, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A test that trains the person linkage model must not leave it in the real data folder."""
    settings.LINKAGE_MODEL_PATH = tmp_path_factory.mktemp("linkage") / "linkage_model.json"


@pytest.fixture
def assessment_tool(db: None):
    """The default risk assessment tool, active. Migrations load it, but a transactional test's
    flush empties every table, so tests that screen make sure of it."""
    from assessments.models import AssessmentTool
    from assessments.services import assessment_tool_load
    from assessments.tool_definition import DEFAULT_TOOL_CODE

    tool = AssessmentTool.objects.filter(code=DEFAULT_TOOL_CODE, is_active=True).first()
    if tool is None:
        path = Path(__file__).parent / "assessments" / "tools" / "cse_risk_assessment.yaml"
        tool = assessment_tool_load(text=path.read_text(), source_name=path.name, activate=True)
    return tool


@pytest.fixture
def partnership(db: None):
    """A small synthetic partnership: every agency, team and role of the demo, a few children each."""
    from demo.generator import partnership_generate

    generated = partnership_generate(seed=7, children_per_area=3)
    return {user.username: user for user in generated.users}
