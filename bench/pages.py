"""Page benchmarks on the production profile (docs/performance.md).

    DEBUG=true .venv/bin/python bench/pages.py --database-url postgres://postgres@127.0.0.1:5432/cse_hub_bench
    DEBUG=true .venv/bin/python bench/pages.py --database-url URL --smoke

On an existing database that the demo generator filled (`seed_demo`, or the large set's own script),
it serves the production profile with gunicorn on loopback, signs in through the real pages with the
second factor as one user of every role, finds each role's pages by reading them (bench/discover.py),
checks that every one answers 200, then measures:

1. one user: every page in interleaved rounds with the floor, `/health/` signed in (bench/single_user.py);
2. 20 active users, open loop, a request every 2 s each on average, mixed pages (bench/locustfile.py);
3. saturation: 20 clients with no pause on the mixed pages, then on the floor;
4. the partial-plate search against a sequential scan of the same table (bench/plates.py).

It writes JSON (machine, data size, date, every figure, the targets met) and prints a Markdown table.
`--smoke` measures one user only, with few rounds, and fails when a page's median passes 8 times
the floor's. The run writes access events and sessions into the database, as any use does: run it
on a copy made for benchmarks, never on live data.
"""

import argparse
import contextlib
import datetime
import functools
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import discover  # noqa: E402 - bench/ is a folder of scripts; the project root goes on the path first
import load  # noqa: E402
import plates  # noqa: E402
import report  # noqa: E402
import single_user  # noqa: E402
import static_files  # noqa: E402
from discover import Page  # noqa: E402
from tests.production_server import (  # noqa: E402
    DEMO_ROLE_USERS,
    HttpClient,
    development_field_keys,
    free_port,
    gunicorn,
    profiles,
    security_code,
    sign_in,
)

# One user of every role (README, "Demo accounts"); the floor is requested with the first's session.
ROLES = list(DEMO_ROLE_USERS)
FLOOR = "/health/"
RATIO_TARGET = 4.0
SMOKE_RATIO = 8.0
PACE_SECONDS = 2.0
HIDDEN = {"database_url", "table", "brief"}  # options not kept in the results (a URL may hold a password)
# The production profile's data folder: only its collected static files (bench/static_files.py).
STATIC = ROOT / "data" / "bench-static"


class BenchFailed(RuntimeError):
    pass


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--database-url", help="an existing database holding the demo generator's data")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--repeat", type=int, help="rounds of requests with one user (default 30; 5 with --smoke)")
    parser.add_argument("--warm-up", type=int, default=2, help="rounds not counted (default 2)")
    parser.add_argument("--users", type=int, default=20, help="simulated users for the load runs (default 20)")
    parser.add_argument("--duration", type=int, default=180, help="seconds of the active-users run (default 180)")
    parser.add_argument("--saturation", type=int, default=60, help="seconds of each saturation run (default 60)")
    parser.add_argument("--out", type=Path, help="the JSON results (default bench/results/pages-<date>.json)")
    parser.add_argument("--smoke", action="store_true", help=f"one user only, few rounds; fail past {SMOKE_RATIO:g}x")
    parser.add_argument("--table", type=Path, help="print the tables of a saved run's JSON, and measure nothing")
    parser.add_argument("--brief", action="store_true", help="with --table: leave out the table of every page")
    options = parser.parse_args(argv)
    if options.database_url is None and options.table is None:
        parser.error("--database-url is required")
    if options.repeat is None:
        options.repeat = 5 if options.smoke else 30
    if options.smoke:
        options.warm_up = min(options.warm_up, 1)
    return options


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _field_keys() -> str:
    """The keys the data was encrypted with: FIELD_ENCRYPTION_KEYS, else the development key that
    `seed_demo` used (in CSE_HUB_DATA_DIR, default data/)."""
    given = os.environ.get("FIELD_ENCRYPTION_KEYS", "")
    return given or development_field_keys(Path(os.environ.get("CSE_HUB_DATA_DIR", ROOT / "data")))


@contextlib.contextmanager
def production_server(database_url: str, workers: int) -> Iterator[str]:
    """gunicorn on the production profile, with static files collected into data/ (kept between runs);
    Django set up in this process too, on the development profile, to read the demo's authenticator keys
    and run the plate search's queries."""
    STATIC.mkdir(parents=True, exist_ok=True)
    port = free_port()
    environments = profiles(database_url, STATIC, port, _field_keys())
    os.environ.update(environments.development)
    import django

    django.setup()
    if static_files.collected(STATIC, environments.production):
        say(f"Collected the static files into {STATIC}")
    with gunicorn(environments.production, port, workers=workers) as base:
        yield base


def sign_in_everyone(base: str) -> dict[str, HttpClient]:
    from demo.generator import DEMO_PASSWORD

    return {role: sign_in(base, role, DEMO_PASSWORD, functools.partial(security_code, role)) for role in ROLES}


def find_pages(connection: psycopg.Connection[Any], clients: dict[str, HttpClient]) -> list[Page]:
    terms = discover.search_terms(connection)
    pages: list[Page] = []
    problems: list[str] = []
    for role, client in clients.items():
        walk = discover.walk_role(client, role)
        problems += walk.problems
        pages += discover.role_pages(connection, role, walk, terms)
    problems += discover.check_pages(pages, lambda page: _answer(clients, page))
    if problems:
        raise BenchFailed("Pages that do not answer as they should:\n  " + "\n  ".join(problems))
    return pages


def _answer(clients: dict[str, HttpClient], page: Page) -> tuple[int, str]:
    answer = clients[page.role].get(page.path)
    return answer.status, answer.body


def timer(clients: dict[str, HttpClient]) -> Callable[[Page], float]:
    def timed(page: Page) -> float:
        answer = clients[page.role].get(page.path)
        if answer.status != 200:
            raise BenchFailed(f"{page.name} {page.path} answered {answer.status} while being measured")
        return answer.seconds

    return timed


def default_out(date: datetime.datetime, smoke: bool) -> Path:
    return ROOT / "bench" / "results" / f"pages{'-smoke' if smoke else ''}-{date:%Y-%m-%d}.json"


def run(options: argparse.Namespace) -> int:
    started = datetime.datetime.now(datetime.UTC)
    with psycopg.connect(options.database_url, autocommit=True) as connection:
        info = report.machine(connection, options.workers)
        sizes = report.data_size(connection)
        say("Data: " + ", ".join(f"{value['rows']:,} {label}" for label, value in sizes.items()))
        with production_server(options.database_url, options.workers) as base:
            clients = sign_in_everyone(base)
            pages = find_pages(connection, clients)
            say(f"{len(pages)} pages as {len(clients)} roles answer 200; measuring one user")
            floor = Page(role=ROLES[0], label="floor", path=FLOOR, weight=0)
            single = single_user.measure(
                pages, floor, timer(clients), options.repeat, options.warm_up, progress=lambda n: say(f"round {n}")
            )
            loads = {} if options.smoke else load_runs(options, base, clients, pages)
            comparisons = [] if options.smoke else plate_comparisons(options, single)
    return finish(options, started, info, sizes, single, loads, comparisons)


def load_runs(
    options: argparse.Namespace, base: str, clients: dict[str, HttpClient], pages: Sequence[Page]
) -> dict[str, load.LoadRun]:
    with tempfile.TemporaryDirectory(prefix="cse-hub-plan-") as folder:
        plan = Path(folder) / "plan.json"
        sessions = {role: client.session for role, client in clients.items()}
        load.write_plan(plan, sessions, pages, FLOOR, PACE_SECONDS)
        say(f"{options.users} active users for {options.duration} s")
        active = load.run_locust(base, plan, "PacedUser", options.users, options.duration)
        say(f"saturation: {options.users} clients, no pause, {options.saturation} s each on the pages and the floor")
        saturated = load.run_locust(base, plan, "SaturatingUser", options.users, options.saturation)
        floor = load.run_locust(base, plan, "FloorUser", options.users, options.saturation)
    return {"active users": active, "saturation: pages": saturated, "saturation: floor": floor}


def plate_comparisons(options: argparse.Namespace, single: single_user.SingleUser) -> list[plates.PlateComparison]:
    """Each plate search measured through the API, against a sequential scan of the same queries."""
    return [
        plates.compare(
            options.database_url,
            timing.page.role,
            timing.page.term,
            timing.summary.median_ms,
            timing.summary.p95_ms,
            repeat=max(3, options.repeat // 3),
        )
        for timing in single.pages
        if timing.page.label.startswith(discover.PLATE_API)
    ]


def finish(
    options: argparse.Namespace,
    started: datetime.datetime,
    info: dict[str, Any],
    sizes: dict[str, Any],
    single: single_user.SingleUser,
    loads: dict[str, load.LoadRun],
    comparisons: list[plates.PlateComparison],
) -> int:
    targets = report.single_user_targets(single, SMOKE_RATIO if options.smoke else RATIO_TARGET)
    if loads:
        targets += report.load_targets(loads["active users"], loads["saturation: pages"], loads["saturation: floor"])
    if comparisons:
        targets += report.plate_targets(comparisons)
    results: dict[str, Any] = {
        "date": started.isoformat(timespec="seconds"),
        "mode": "smoke" if options.smoke else "full",
        "machine": info,
        "data_size": sizes,
        "options": {k: str(v) if isinstance(v, Path) else v for k, v in vars(options).items() if k not in HIDDEN},
        "floor": {"path": FLOOR, "role": ROLES[0], **single.floor.as_json()},
        "single_user": [
            {**t.page.as_json(), **t.summary.as_json(), "floor_ratio": round(t.floor_ratio, 2)} for t in single.pages
        ],
        "load": {name: run.as_json() for name, run in loads.items()},
        "plate_search": [comparison.as_json() for comparison in comparisons],
        "targets": [target.as_json() for target in targets],
    }
    out = options.out or default_out(started, options.smoke)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(report.markdown(results))
    say(f"Results: {out}")
    if options.smoke and not targets[0].passed:
        say(f"FAILED: medians past {SMOKE_RATIO:g}x the floor: {', '.join(targets[0].failing)}")
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    options = arguments(argv)
    if options.table is not None:
        print(report.markdown(json.loads(options.table.read_text()), every_page=not options.brief))
        return 0
    try:
        return run(options)
    except BenchFailed as failure:
        say(f"FAILED: {failure}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
