"""What a run says about itself: the machine, the data size, the targets met, a Markdown table."""

import contextlib
import os
import platform
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from load import LoadRun
from plates import PlateComparison
from single_user import SingleUser

# The main tables, by what they hold; one with a million rows or more is counted from the planner's
# estimate (pg_class.reltuples, as of the last ANALYZE), the others exactly.
TABLES = {
    "children": "children_child",
    "chronology entries": "children_chronologyentry",
    "missing episodes": "children_missingepisode",
    "contacts": "frontdoor_contact",
    "screenings": "frontdoor_screening",
    "tasks": "frontdoor_task",
    "assessments": "assessments_assessment",
    "MEG meetings and others": "meetings_meeting",
    "agenda items": "meetings_agendaitem",
    "MEG actions": "meetings_action",
    "intelligence submissions": "intelligence_submission",
    "intelligence mentions": "intelligence_mention",
    "intelligence entities": "intelligence_entity",
    "access events": "audit_accessevent",
    "users": "accounts_user",
}
ESTIMATE_FROM = 1_000_000
ROOT = Path(__file__).resolve().parent.parent


def _first(path: str, prefix: str) -> str:
    with open(path) as lines:
        return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(prefix)), "?")


def machine(connection: psycopg.Connection[Any], workers: int) -> dict[str, Any]:
    memory_kib = int(_first("/proc/meminfo", "MemTotal").split()[0])
    row = connection.execute("SHOW server_version").fetchone()
    commit = "?"
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        git = ["git", "rev-parse", "--short", "HEAD"]
        commit = subprocess.run(git, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "ram_gib": round(memory_kib / 1024 / 1024, 1),
        "cpu": _first("/proc/cpuinfo", "model name"),
        "postgresql": row[0] if row else "?",
        "python": platform.python_version(),
        "gunicorn_workers": workers,
        "commit": commit,
    }


def data_size(connection: psycopg.Connection[Any]) -> dict[str, dict[str, Any]]:
    sizes = {}
    for label, table in TABLES.items():
        row = connection.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [table]).fetchone()
        estimate = int(row[0]) if row else -1
        if estimate >= ESTIMATE_FROM:
            sizes[label] = {"table": table, "rows": estimate, "estimated": True}
            continue
        counted = connection.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()
        sizes[label] = {"table": table, "rows": int(counted[0]) if counted else 0, "estimated": False}
    return sizes


@dataclass(frozen=True)
class Target:
    name: str
    limit: str
    measured: str
    passed: bool
    failing: Sequence[str] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "target": self.name,
            "limit": self.limit,
            "measured": self.measured,
            "passed": self.passed,
            "failing": list(self.failing),
        }


def _worst(values: dict[str, float]) -> str:
    name = max(values, key=values.__getitem__)
    return f"worst {values[name]:.1f} ({name})"


def single_user_targets(single: SingleUser, ratio_limit: float) -> list[Target]:
    ratios = {timing.page.name: timing.floor_ratio for timing in single.pages}
    p95 = {timing.page.name: timing.summary.p95_ms for timing in single.pages}
    searches = {name: value for name, value in p95.items() if "child search" in name}
    targets = [
        Target(
            "one user: every page's median over the floor's",
            f"<= {ratio_limit:g}x",
            _worst(ratios),
            all(value <= ratio_limit for value in ratios.values()),
            [name for name, value in ratios.items() if value > ratio_limit],
        ),
        Target(
            "one user: every page's p95",
            "< 150 ms",
            _worst(p95),
            all(value < 150 for value in p95.values()),
            [name for name, value in p95.items() if value >= 150],
        ),
    ]
    if searches:
        targets.append(
            Target(
                "one user: child search by any part of a name, p95",
                "< 50 ms",
                _worst(searches),
                all(value < 50 for value in searches.values()),
                [name for name, value in searches.items() if value >= 50],
            )
        )
    return targets


def load_targets(active: LoadRun, saturated: LoadRun, floor: LoadRun) -> list[Target]:
    share = saturated.requests_per_second / floor.requests_per_second if floor.requests_per_second else 0.0
    slow = [name for name, summary in active.by_page.items() if summary.p95_ms >= 250]
    return [
        Target(
            f"{active.users} active users: p95 of all requests",
            "< 250 ms",
            f"{active.overall.p95_ms:.1f} ms",
            active.overall.p95_ms < 250,
            slow,
        ),
        Target(
            f"{active.users} active users: errors",
            "0",
            str(active.failures),
            active.failures == 0,
            sorted(active.failures_by_page),
        ),
        Target(
            f"saturation ({saturated.users} clients, no pause): mixed pages' requests/s over the floor's",
            ">= 0.25",
            f"{saturated.requests_per_second:.1f}/s over {floor.requests_per_second:.1f}/s = {share:.2f}",
            share >= 0.25,
        ),
    ]


def plate_targets(plates: Sequence[PlateComparison]) -> list[Target]:
    p95 = {plate.pattern: plate.api_p95_ms for plate in plates}
    ratios = {plate.pattern: plate.ratio for plate in plates}
    return [
        Target(
            "partial-plate search through the API, p95",
            "< 15 ms",
            _worst(p95),
            all(value < 15 for value in p95.values()),
            [name for name, value in p95.items() if value >= 15],
        ),
        Target(
            "partial-plate search: a sequential scan's median over the API's median",
            ">= 50x",
            ", ".join(f"{name}: {value:.1f}x" for name, value in ratios.items()),
            all(value >= 50 for value in ratios.values()),
            [name for name, value in ratios.items() if value < 50],
        ),
    ]


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def _table(header: Sequence[str], rows: Sequence[Sequence[object]], text_columns: int = 1) -> list[str]:
    """A Markdown table: the first `text_columns` aligned left, the figures after them right."""
    rule = ["---" if number < text_columns else "---:" for number in range(len(header))]
    return ["", _row(header), _row(rule), *(_row(row) for row in rows)]


def _ms(value: float) -> str:
    return f"{value:.1f}"


def _header(results: dict[str, Any]) -> list[str]:
    info, floor = results["machine"], results["floor"]
    size = ", ".join(f"{value['rows']:,} {label}" for label, value in results["data_size"].items())
    rounds = results["options"]
    return [
        f"Measured {results['date']} ({results['mode']} run) on {info['nproc']} cores ({info['cpu']}), "
        f"{info['ram_gib']} GiB, PostgreSQL {info['postgresql']}, gunicorn with {info['gunicorn_workers']} "
        f"workers, commit {info['commit']}.",
        "",
        f"Data: {size}.",
        "",
        f"One user: {rounds['repeat']} rounds after {rounds['warm_up']} of warm-up. Floor (`{floor['path']}` "
        f"signed in): median {_ms(floor['median_ms'])} ms, p95 {_ms(floor['p95_ms'])} ms.",
    ]


def _by_kind(pages: Sequence[dict[str, Any]]) -> list[list[object]]:
    """Each kind of page across the roles that open it: the slowest role's figures."""
    kinds: dict[str, list[dict[str, Any]]] = {}
    for page in pages:
        kinds.setdefault(page["label"], []).append(page)
    rows: list[list[object]] = []
    for label, found in kinds.items():
        slowest = max(found, key=lambda page: page["median_ms"])
        worst_p95 = max(page["p95_ms"] for page in found)
        rows.append([label, slowest["role"], len(found), _ms(slowest["median_ms"]), _ms(worst_p95),
                     f"{slowest['floor_ratio']:.1f}"])  # fmt: skip
    return rows


def _pages(pages: Sequence[dict[str, Any]]) -> list[list[object]]:
    return [
        [f"{p['role']}: {p['label']}", _ms(p["median_ms"]), _ms(p["p95_ms"]), f"{p['floor_ratio']:.1f}"] for p in pages
    ]


def _loads(loads: dict[str, dict[str, Any]]) -> list[list[object]]:
    return [
        [name, r["users"], r["requests"], f"{r['requests_per_second']:.1f}", _ms(r["overall"]["median_ms"]),
         _ms(r["overall"]["p95_ms"]), r["failures"], r["schedule"].get("late", 0)]
        for name, r in loads.items()
    ]  # fmt: skip


def _load_kinds(run: dict[str, Any]) -> list[list[object]]:
    failures: dict[str, int] = {}
    for name, count in run["failures_by_page"].items():
        label = name.split(": ", 1)[-1]
        failures[label] = failures.get(label, 0) + count
    return [
        [label, s["count"], _ms(s["median_ms"]), _ms(s["p95_ms"]), failures.get(label, 0)]
        for label, s in run["by_label"].items()
    ]


def _plates(plates: Sequence[dict[str, Any]]) -> list[list[object]]:
    return [
        [f"`{p['pattern']}`", _ms(p["api_median_ms"]), _ms(p["api_p95_ms"]),
         _ms(p["database_as_planned"]["median_ms"]), _ms(p["database_sequential_scan"]["median_ms"]),
         f"{p['sequential_scan_over_api_median']:.1f}x"]
        for p in plates
    ]  # fmt: skip


def markdown(results: dict[str, Any], every_page: bool = True) -> str:
    """The tables of a run, from its JSON results."""
    lines = _header(results)
    header = ["page", "slowest role", "roles", "its median ms", "worst p95 ms", "its median / floor"]
    lines += _table(header, _by_kind(results["single_user"]), text_columns=2)
    if every_page:
        lines += _table(["role: page", "median ms", "p95 ms", "median / floor"], _pages(results["single_user"]))
    loads = results["load"]
    if loads:
        header = ["load", "users", "requests", "requests/s", "median ms", "p95 ms", "errors", "late"]
        lines += _table(header, _loads(loads))
        active = loads["active users"]
        header = [f"page, {active['users']} active users", "requests", "median ms", "p95 ms", "errors"]
        lines += _table(header, _load_kinds(active))
    if results["plate_search"]:
        header = ["plate search", "API median ms", "API p95 ms", "database ms", "sequential scan ms", "scan / API"]
        lines += _table(header, _plates(results["plate_search"]))
    targets = [[t["target"], t["limit"], t["measured"], "yes" if t["passed"] else "**no**"] for t in results["targets"]]
    lines += _table(["target", "limit", "measured", "met"], targets, text_columns=4)
    return "\n".join(lines)
