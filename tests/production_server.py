"""The production profile served on loopback, and signing in to it over plain HTTP.

Shared by `tests/production_smoke.py` (which then drives a browser) and `bench/pages.py` (which must
not: it times requests). Everything here talks to 127.0.0.1 only.

- `profiles`: the environments of the development profile (to run `seed_demo`, read the demo's
  authenticator keys) and of the production profile (`DEBUG=false`, secrets, hosts) on one database.
- `gunicorn`: serves the production profile until the block ends, once `/health/` answers.
- `security_code`: a demo user's code now, as their authenticator app shows it (Django set up).
- `HttpClient` and `sign_in`: the real sign-in pages (password, then security code) through the
  documented proxy header, keeping the session cookie, which is then sent with every request.
"""

import contextlib
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# The TLS proxy's header: the production profile redirects any request without it to HTTPS.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
HOST = "127.0.0.1"
SESSION_COOKIE = "sessionid"

# One user of every demo role that holds a case role (README, "Demo accounts"), Northfield's where the
# role belongs to an area.
DEMO_ROLE_USERS = (
    "screener.nfd",
    "socialworker.nfd",
    "teammanager.nfd",
    "firstresponse.nfd",
    "assessment.nfd",
    "earlyhelp.nfd",
    "teacher.nfd",
    "cseworker.nfd",
    "megsupport.nfd",
    "megchair",
    "intel",
    "analyst",
)


@dataclass(frozen=True)
class Profiles:
    development: dict[str, str]
    production: dict[str, str]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def development_field_keys(data_dir: Path) -> str:
    """The field encryption keys the development profile used in `data_dir` (where `seed_demo`
    encrypted community reporters' identities), else a new key."""
    path = data_dir / "field_encryption_key"
    return path.read_text().strip() if path.exists() else Fernet.generate_key().decode()


def profiles(database_url: str, data_dir: Path, port: int, field_keys: str | None = None) -> Profiles:
    """Both profiles on one database. The production one gets a new secret key, and the field keys
    given (else a new key)."""
    common = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CSE_HUB_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    production = {
        **common,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "FIELD_ENCRYPTION_KEYS": field_keys or Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"http://{HOST}:{port}",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    return Profiles(development={**common, "DEBUG": "true"}, production=production)


def manage(env: Mapping[str, str], *arguments: str) -> None:
    # Quiet: seed_demo prints every account's key, which a CI log need not keep.
    subprocess.run(
        [str(BIN / "python"), "manage.py", *arguments], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def _answers_health(base: str) -> bool:
    with contextlib.suppress(OSError, http.client.HTTPException):
        return HttpClient(base, timeout=2.0).get("/health/").status == 200
    return False


@contextlib.contextmanager
def gunicorn(env: Mapping[str, str], port: int, workers: int = 2, timeout: int = 60) -> Iterator[str]:
    """gunicorn serving `config.wsgi` on 127.0.0.1:`port` with `env`; yields its base URL."""
    command = [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"{HOST}:{port}", "--workers", str(workers)]
    # No control socket: its default path is one per machine, and other servers may be running.
    options = ["--timeout", str(timeout), "--no-control-socket"]
    server = subprocess.Popen([*command, *options], cwd=ROOT, env=env)
    base = f"http://{HOST}:{port}"
    try:
        for _ in range(60):
            if _answers_health(base):
                break
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn stopped with exit code {server.returncode}")
            time.sleep(1)
        else:
            raise RuntimeError("gunicorn did not answer /health/ within a minute")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def security_code(username: str) -> str | None:
    """The user's security code now, as their authenticator app would show it; None without one.
    Needs Django set up on the database (the development profile reads the keys)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.otp_codes import current_code

    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    return current_code(device) if device is not None else None


@dataclass(frozen=True)
class Answer:
    status: int
    location: str
    body: str
    seconds: float  # from opening the connection to the last byte of the body


class _HiddenInputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "input" and found.get("type") == "hidden" and found.get("name"):
            self.values[str(found["name"])] = found.get("value") or ""


def hidden_inputs(body: str) -> dict[str, str]:
    parser = _HiddenInputs()
    parser.feed(body)
    return parser.values


@dataclass
class HttpClient:
    """One user agent on loopback behind the proxy header: one connection per request (gunicorn's
    sync workers close each one anyway), cookies kept and sent whatever their Secure flag, as the TLS
    proxy would. No redirects are followed."""

    base: str
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 60.0

    def request(self, method: str, path: str, form: Mapping[str, str] | None = None) -> Answer:
        parts = urlsplit(self.base)
        headers = {**PROXY_HEADERS, "Host": parts.netloc, "Accept": "text/html,application/json"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": self.base}
        started = time.perf_counter()
        connection = http.client.HTTPConnection(parts.hostname or HOST, parts.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            seconds = time.perf_counter() - started
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            location = response.headers.get("Location", "")
            return Answer(response.status, location, content.decode("utf-8", "replace"), seconds)
        finally:
            connection.close()

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, form: Mapping[str, str]) -> Answer:
        return self.request("POST", path, form)

    @property
    def session(self) -> str:
        return self.cookies.get(SESSION_COOKIE, "")


class SignInFailed(RuntimeError):
    pass


def _submit(client: HttpClient, path: str, fields: Mapping[str, str]) -> Answer:
    page = client.get(path)
    if page.status != 200:
        raise SignInFailed(f"{path} answered {page.status}")
    return client.post(path, {**hidden_inputs(page.body), **fields})


def _path(location: str) -> str:
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sign_in(base: str, username: str, password: str, code: Callable[[], str | None]) -> HttpClient:
    """A client signed in through the real pages with the password and the second factor. A code
    that was just used (the same 30 s step) is refused, so a refused code is tried once more with
    the next step's."""
    client = HttpClient(base)
    answer = _submit(client, "/sign-in/", {"username": username, "password": password})
    if answer.status != 302:
        raise SignInFailed(f"{username}: the password was refused ({answer.status})")
    verify = _path(answer.location)
    for attempt in range(2):
        value = code()
        if value is None:
            raise SignInFailed(f"{username}: no confirmed authenticator app")
        answer = _submit(client, verify, {"code": value})
        if answer.status == 302 and re.fullmatch(r"/(\?.*)?", _path(answer.location)):
            return client
        if attempt == 0:
            time.sleep(31 - time.time() % 30)
    raise SignInFailed(f"{username}: the security code was refused ({answer.status} {answer.location})")
