"""Small tool files for the tests, written as YAML text so that line numbers can be checked."""

from assessments.tool_definition import REQUIRED_DOMAINS


def small_tool(*, code: str = "partnership-tool", version: str = "1", title: str = "Partnership tool") -> str:
    """A valid tool: the 14 domains with one `concern` indicator each, and one `serious` indicator.

    Its rules, in words: high for any serious indicator; medium for 2 or more concern-or-above
    indicators across 2 or more domains; otherwise low.
    """
    lines = [
        "# A partnership's own tool, for the tests.",
        f"code: {code}",
        f'version: "{version}"',
        f"title: {title}",
        "description: Used only by the tests.",
        "domains:",
    ]
    for domain_code, domain_title in REQUIRED_DOMAINS:
        lines += [
            f"  - code: {domain_code}",
            f"    title: {domain_title}",
            f"    guidance: What to consider about {domain_title.lower()}.",
            "    indicators:",
            f"      - code: {domain_code}_sign",
            f"        text: A sign about {domain_title.lower()}",
            "        weight: concern",
        ]
        if domain_code == "rewards":
            lines += [
                "      - code: sex_for_gifts",
                "        text: Has exchanged sexual activity for gifts",
                "        weight: serious",
                "        source: seed 000, pull factors",
            ]
    lines += [
        "thresholds:",
        "  rules:",
        "    - level: high",
        "      when:",
        "        - at_least: 1",
        "          min_weight: serious",
        "    - level: medium",
        "      when:",
        "        - at_least: 2",
        "          min_weight: concern",
        "          across_domains: 2",
        "  otherwise: low",
    ]
    return "\n".join(lines) + "\n"


def line_of(text: str, fragment: str, *, occurrence: int = 1) -> int:
    """The line number (from 1) of the n-th line that contains `fragment`, or is it when it ends in "$"."""
    exact = fragment.endswith("$")
    wanted = fragment.removesuffix("$")
    found = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if (line.rstrip() == wanted.rstrip() if exact else wanted in line)
    ]
    assert len(found) >= occurrence, f"{fragment!r} occurs {len(found)} time(s) in the text"
    return found[occurrence - 1]
