import os

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the
# tests themselves are still synchronous, so Django's async guard must be told so.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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
def signed_in(client: Client):
    def sign_in(user: User) -> Client:
        return sign_in_client(client, user)

    return sign_in


@pytest.fixture(autouse=True)
def fast_password_hashing(request: pytest.FixtureRequest, settings) -> None:
    """Argon2 is deliberately slow; tests use a fast hasher unless they are about hashing."""
    if "argon2" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
