"""Fixtures for the browser tests: Debian's Chromium driven by Playwright for Python.

Browser downloads are not possible, so the tests use an installed Chromium: $CHROMIUM_PATH,
else /usr/bin/chromium, else `chromium` or `chromium-browser` on the PATH. Where there is none
the browser tests are skipped with a plain message, unless CSE_HUB_REQUIRE_BROWSER=1 (CI sets it),
in which case they fail.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Set when the browser tests are skipped, so the end of the run can say why in one plain line.
_skipped_because: list[str] = []


def browser_required() -> bool:
    return os.environ.get("CSE_HUB_REQUIRE_BROWSER", "") == "1"


def find_chromium() -> str | None:
    """The Chromium to drive, or None. An explicit CHROMIUM_PATH is used as given, or not at all."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit if Path(explicit).is_file() and os.access(explicit, os.X_OK) else None
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _unavailable(message: str) -> None:
    """Skip the browser tests, or fail them when CI requires a browser."""
    if browser_required():
        pytest.fail(f"{message} (CSE_HUB_REQUIRE_BROWSER=1, so this is a failure)", pytrace=False)
    _skipped_because.append(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        where = (
            f"CHROMIUM_PATH={os.environ['CHROMIUM_PATH']} is not an executable file"
            if os.environ.get("CHROMIUM_PATH")
            else "Chromium is not installed"
        )
        _unavailable(f"{where}: browser tests skipped (install Debian's chromium package)")
    return path  # type: ignore[return-value]


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator["Browser"]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: "Browser") -> Iterator["Page"]:
    """A fresh page in a fresh context (no cookies shared between tests)."""
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    # A click waits for the page it submits to: on a loaded CI machine a whole-suite run has seen a
    # save take more than 10 s to answer, so waits are generous; a page that never answers still fails.
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _skipped_because:
        terminalreporter.write_line(_skipped_because[0], yellow=True, bold=True)
