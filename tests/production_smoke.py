"""The production profile, end to end: `make production-smoke` (and `.ci/run`, after the suites).

On PostgreSQL, it builds the demo partnership (with the development profile, as `seed_demo` refuses
to run in production), then serves it with the production profile (`DEBUG=false`, collected and
hashed static files, gunicorn with two workers behind the documented proxy header) and signs in
through the real pages, with the second factor, as one user of every demo role. For each, it opens
every page of the menu, the first child, task and meeting their pages list, and a child search, and
fails unless each answers 200 with the security headers, its styles and scripts load, and Chromium
reports no console error (a Content Security Policy violation is one).

Not collected by pytest (its name does not start with `test_`): run it as a module.
"""

import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

from tests.production_server import DEMO_ROLE_USERS, PROXY_HEADERS, free_port, gunicorn, manage, profiles, security_code

POSTGRES = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/cse_hub")
# Dropped and made afresh on every run: name another with PRODUCTION_SMOKE_DATABASE where this one is in use.
DATABASE = os.environ.get("PRODUCTION_SMOKE_DATABASE", "cse_hub_production_smoke")
# One user of every demo role (README, "Demo accounts"), and the administrator.
USERS = [*DEMO_ROLE_USERS, "admin"]
# What every page for signed-in staff must carry in production.
HEADERS = {
    "content-security-policy": "script-src 'self'",
    "strict-transport-security": "max-age=",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
}
# The first record of each kind a page lists, to open it too.
FOLLOW = {
    "/": r'href="(/children/[0-9a-f-]{36}/)"',
    "/tasks/": r'href="(/tasks/\d+/)"',
    "/meetings/": r'href="(/meetings/\d+/)"',
    "/intelligence/": r'href="(/intelligence/submissions/\d+/)"',
}


@dataclass
class Findings:
    pages: int = 0
    problems: list[str] = field(default_factory=list)


def _database_url(name: str = DATABASE) -> str:
    return urlsplit(POSTGRES)._replace(path=f"/{name}").geturl()


def _fresh_database() -> None:
    with psycopg.connect(_database_url("postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def _check_page(page: object, response: object, url: str, findings: Findings) -> None:
    findings.pages += 1
    status = getattr(response, "status", None)
    if status != 200:
        findings.problems.append(f"{url}: answered {status}")
        return
    headers = response.headers  # type: ignore[attr-defined]
    for name, expected in HEADERS.items():
        if expected not in headers.get(name, ""):
            findings.problems.append(f"{url}: header {name} is {headers.get(name)!r}, expected {expected!r}")
    styled = page.evaluate(  # type: ignore[attr-defined]
        "() => getComputedStyle(document.body).fontFamily !== '' && document.styleSheets.length > 0"
    )
    if not styled:
        findings.problems.append(f"{url}: its stylesheet did not load")


def _walk(browser: object, base: str, username: str, code: str, password: str, findings: Findings) -> None:
    context = browser.new_context(extra_http_headers=PROXY_HEADERS)  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "response",
        lambda answer: errors.append(f"{answer.url} answered {answer.status}") if answer.status >= 400 else None,
    )
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Security code").fill(code)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if urlsplit(page.url).path != "/":
        findings.problems.append(f"{username}: signing in ended at {page.url}")
        context.close()
        return
    menu = page.locator(".govuk-service-navigation__link").evaluate_all("links => links.map(link => link.href)")
    paths = list(dict.fromkeys(["/", *[urlsplit(link).path for link in menu], "/children/?name=Smith"]))
    if username == "admin":
        paths.append("/admin/")
    visited: set[str] = set()
    while paths:
        path = paths.pop(0)
        if path in visited:
            continue
        visited.add(path)
        response = page.goto(f"{base}{path}")
        _check_page(page, response, f"{username} {path}", findings)
        pattern = FOLLOW.get(path)
        found = re.search(pattern, page.content()) if pattern else None
        if found:
            paths.append(found.group(1))
    for error in errors:
        findings.problems.append(f"{username}: the browser reported: {error}")
    context.close()


def main() -> int:
    from playwright.sync_api import sync_playwright

    from tests.browser.fixtures import find_chromium

    data = Path(tempfile.mkdtemp(prefix="cse-hub-production-"))
    port = free_port()
    environments = profiles(_database_url(), data, port)
    development, production = environments.development, environments.production
    print(f"Production smoke: database {DATABASE}, data in {data}")
    _fresh_database()
    manage(development, "migrate", "--noinput", "--verbosity", "0")
    manage(development, "seed_demo", "--verbosity", "0")
    manage(production, "collectstatic", "--noinput", "--verbosity", "0")
    manage(production, "check", "--deploy", "--fail-level", "WARNING")
    os.environ.update(development)  # this process reads the demo's keys, as a development tool would
    # Playwright's sync API runs an event loop in this thread; the few reads here are not concurrent.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    import django

    django.setup()
    from demo.generator import DEMO_PASSWORD

    findings = Findings()
    with gunicorn(production, port) as base, sync_playwright() as playwright:
        chromium = find_chromium()
        if chromium is None:
            raise RuntimeError("No Chromium: apt-get install chromium, or set CHROMIUM_PATH")
        browser = playwright.chromium.launch(executable_path=chromium)
        for username in USERS:
            code = security_code(username)
            if code is None:
                findings.problems.append(f"{username}: no confirmed authenticator app in the demo")
                continue
            _walk(browser, base, username, code, DEMO_PASSWORD, findings)
        browser.close()
    for problem in findings.problems:
        print(f"PROBLEM {problem}")
    print(f"Production smoke: {findings.pages} pages as {len(USERS)} users, {len(findings.problems)} problems")
    return 1 if findings.problems or findings.pages < 3 * len(USERS) else 0


if __name__ == "__main__":
    sys.exit(main())
