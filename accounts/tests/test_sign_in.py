"""The sign-in journey through the real HTTP interface: password, then security code."""

import datetime as dt

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD, UserFactory, confirmed_totp_device
from tests.otp_codes import current_code, wrong_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    user = UserFactory.create(username="sam.worker")
    confirmed_totp_device(user)
    return user


def sign_in(client, username="sam.worker", password=TEST_PASSWORD, next_url=""):
    return client.post("/sign-in/", {"username": username, "password": password, "next": next_url})


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(client, user):
    wrong_password = sign_in(client, password="not-the-password")
    unknown_user = sign_in(client, username="nobody")
    for response in (wrong_password, unknown_user):
        assert response.status_code == 200
        page = response.content.decode()
        assert "There is a problem" in page
        assert "Enter a correct username and password" in page


def test_empty_form_names_each_missing_field(client):
    page = client.post("/sign-in/", {}).content.decode()
    assert "Enter your username" in page
    assert "Enter your password" in page


def test_password_then_code_signs_in(client, user):
    response = sign_in(client, next_url="/children/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/security-code/")
    # With a password alone, case pages stay shut.
    assert client.get("/children/")["Location"].startswith("/sign-in/security-code/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post(response["Location"], {"code": current_code(device)})
    assert response.status_code == 302
    assert response["Location"] == "/children/"
    assert client.get("/children/").status_code == 200


def test_wrong_code_is_refused(client, user):
    sign_in(client)
    response = client.post("/sign-in/security-code/", {"code": wrong_code(user.totpdevice_set.get())})
    # A redirect here would mean the code was taken, or the password step's session was lost.
    assert response.status_code == 200, response.get("Location")
    assert "The security code is not correct" in response.content.decode()
    assert client.get("/")["Location"].startswith("/sign-in/security-code/")


@pytest.mark.parametrize(("code", "message"), [("", "Enter the 6-digit"), ("12ab56", "as 6 digits")])
def test_malformed_code_is_named(client, user, code, message):
    sign_in(client)
    assert message in client.post("/sign-in/security-code/", {"code": code}).content.decode()


def test_repeated_wrong_codes_are_throttled(client, user):
    sign_in(client)
    client.post("/sign-in/security-code/", {"code": wrong_code(user.totpdevice_set.get())})
    device = TOTPDevice.objects.get(user=user)
    page = client.post("/sign-in/security-code/", {"code": current_code(device)}).content.decode()
    assert "Too many wrong codes" in page


def test_first_sign_in_sets_up_an_authenticator(client):
    UserFactory.create(username="new.starter")
    response = sign_in(client, username="new.starter")
    assert response["Location"].startswith("/sign-in/set-up-authenticator/")
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user__username="new.starter", confirmed=False)
    response = client.post("/sign-in/set-up-authenticator/", {"code": current_code(device)})
    assert response["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed


def test_next_cannot_send_the_user_to_another_site(client, user):
    sign_in(client, next_url="https://evil.example/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/sign-in/security-code/?next=https://evil.example/", {"code": current_code(device)})
    assert response["Location"] == "/"


def test_five_wrong_passwords_lock_the_account(client, user):
    for _ in range(5):
        sign_in(client, password="guess")
    response = sign_in(client)
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()


def test_idle_session_ends(client, user, settings):
    sign_in(client)
    client.post("/sign-in/security-code/", {"code": current_code(TOTPDevice.objects.get(user=user))})
    assert client.get("/").status_code == 200
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_sign_out_ends_the_session(signed_in, user):
    client = signed_in(user)
    response = client.post("/sign-out/")
    assert "You have signed out" in response.content.decode()
    assert client.get("/")["Location"].startswith("/sign-in/")


def test_sign_out_needs_post(signed_in, user):
    assert signed_in(user).get("/sign-out/").status_code == 405


@pytest.mark.argon2
def test_passwords_are_stored_with_argon2():
    assert make_password("a long test passphrase").startswith("argon2")


def test_signed_in_pages_are_never_stored_by_browsers_or_proxies(signed_in, user):
    cache_control = signed_in(user).get("/")["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control
