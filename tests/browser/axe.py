"""Accessibility checks with axe-core, run inside the page under its real Content Security Policy."""

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE_PATH = Path(settings.BASE_DIR) / "frontend" / "build" / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@cache
def axe_source() -> str:
    assert AXE_PATH.exists(), f"{AXE_PATH} is missing: run `npm run build` first"
    return AXE_PATH.read_text(encoding="utf-8")


def assert_styled(page: "Page") -> None:
    """The GOV.UK stylesheet loaded, so that axe's colour-contrast check tests the real colours. A click
    that follows a link returns once the next page is on its way: wait until it has loaded."""
    page.wait_for_load_state("load")
    max_width = page.evaluate("getComputedStyle(document.querySelector('.govuk-width-container')).maxWidth")
    assert max_width != "none", f"the stylesheet did not load on {page.url} (.govuk-width-container is unstyled)"


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            selector = " >> ".join(part if isinstance(part, str) else " ".join(part) for part in node["target"])
            lines.append(f"    at {selector}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page: "Page") -> None:
    """Run axe-core on the current page (WCAG 2.2 A and AA, and best practice) and fail on any violation.

    axe is injected with page.evaluate rather than a <script> tag: the pages forbid inline script,
    and the check must run with that policy on, as users get it.
    """
    assert_styled(page)
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    violations = results["violations"]
    assert not violations, format_violations(page.url, violations)
