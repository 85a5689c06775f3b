"""Security headers, the production profile and error pages, through real requests."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

from core import errors
from core.crypto import new_key

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_script(client: Client):
    response = client.get("/sign-in/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_profile_passes_the_deploy_check_with_no_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x" * 20 + "production-secret-for-the-check-only-0123456789",
        ALLOWED_HOSTS="cse-hub.example.org",
        FIELD_ENCRYPTION_KEYS=new_key(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_field_encryption_key():
    result = _manage(
        "check",
        DEBUG="false",
        ALLOWED_HOSTS="cse-hub.example.org",
        SECRET_KEY="x" * 20 + "production-secret-for-the-check-only-0123456789",
    )
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS must be set in production" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="false", ALLOWED_HOSTS="cse-hub.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_a_mistyped_debug_flag_is_named():
    result = _manage("check", DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'perhaps'" in result.stderr


@pytest.mark.django_db
def test_not_found_page_leaks_nothing(client: Client):
    response = client.get("/no-such-page/<script>/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert "<script>" not in body
    assert "Traceback" not in body
    assert "urlpatterns" not in body


def test_server_error_page_says_nothing_about_the_cause():
    response = errors.server_error(RequestFactory().get("/children/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_api_errors_are_json():
    response = errors.server_error(RequestFactory().get("/api/v1/children/"))
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_health_check_is_public(client: Client):
    assert client.get("/health/").json() == {"status": "ok"}
