"""How many submissions a second `import_intelligence` stores (`intelligence/importing.py`).

    DEBUG=true .venv/bin/python bench/import_throughput.py --lines 20000
    DEBUG=true .venv/bin/python bench/import_throughput.py --lines 20000 \
        --database-url postgres://postgres@127.0.0.1:5432/cse_hub_bench_import --fresh

The lines are the county's (`demo/generator/county.py`): synthetic reports (`intelligence/synthetic.py`)
as a force's records would come to the import, 40% of them from a professional agency. They go into a
throwaway database: a temporary SQLite file, or the PostgreSQL database given, created and migrated
(an existing one is dropped first only with --fresh). Only the import is timed, with its checks and
its exact-key resolution; building the lines and migrating are not. It prints one JSON object: lines,
seconds (and this process's CPU seconds), submissions per second, mentions, entities, the database
vendor and the machine's load. `--smoke` imports a few
hundred lines, and fails if any is refused or lost, or if a second import of the same lines stores
anything.
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
SMOKE_LINES = 300
AGENCIES = ("Bench Academy", "Bench Health Centre", "Bench Youth Project")


def _database_create(url: str, *, fresh: bool) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None
        if exists and not fresh:
            raise SystemExit(f"{name} exists: pass --fresh to drop it and import into a new one.")
        if exists:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _lines(count: int, seed: int) -> list[str]:
    from django.utils import timezone

    from demo.generator.county import _import_line
    from intelligence.synthetic import submission_input, synthetic_set

    rng = random.Random(seed)
    dataset = synthetic_set(people=max(count // 3, 10), reports=count, seed=seed)
    now = timezone.now()
    return [
        json.dumps(_import_line(submission_input(report, prefix="BENCH"), rng, now, list(AGENCIES), []))
        for report in dataset.reports
    ]


def _run(count: int, seed: int) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection

    from accounts.models import Agency, AgencyKind, Area
    from intelligence.importing import submissions_import
    from intelligence.models import Entity, Mention, Submission

    call_command("migrate", verbosity=0)
    area, _ = Area.objects.get_or_create(code="bench", defaults={"name": "Bench"})
    for name in AGENCIES:
        Agency.objects.get_or_create(name=name, defaults={"kind": AgencyKind.EDUCATION, "area": area})
    lines = _lines(count, seed)
    began, cpu = time.perf_counter(), time.process_time()
    report = submissions_import(lines=lines)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    again = submissions_import(lines=lines)
    return {
        "lines": len(lines),
        "imported": report.imported,
        "refused": len(report.refused),
        "seconds": round(seconds, 2),
        "submissions_per_second": round(report.imported / seconds, 1) if seconds else None,
        "cpu_seconds": round(cpu, 2),  # this process's, not the database server's
        "submissions": Submission.objects.count(),
        "mentions": Mention.objects.count(),
        "entities": Entity.objects.count(),
        "second_run_imported": again.imported,
        "vendor": connection.vendor,
        "batch": _batch(),
        "load_average": round(os.getloadavg()[0], 2),  # other work on the machine slows the import
        "cores": os.cpu_count(),
    }


def _batch() -> int:
    from intelligence.importing import BATCH

    return BATCH


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=20_000, help="How many lines to import (20,000).")
    parser.add_argument("--database-url", default="", help="A PostgreSQL database; otherwise a temporary SQLite.")
    parser.add_argument("--fresh", action="store_true", help="Drop the PostgreSQL database first if it exists.")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--smoke", action="store_true", help=f"{SMOKE_LINES} lines, and check what was stored.")
    arguments = parser.parse_args()
    count = SMOKE_LINES if arguments.smoke else arguments.lines
    with tempfile.TemporaryDirectory(prefix="cse-hub-import-") as directory:
        if arguments.database_url:
            if not arguments.database_url.startswith("postgres"):
                parser.error("--database-url is a PostgreSQL database; leave it out for SQLite.")
            _database_create(arguments.database_url, fresh=arguments.fresh)
            os.environ["DATABASE_URL"] = arguments.database_url
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{Path(directory) / 'import.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        result = _run(count, arguments.seed)
        from django.db import connections

        connections.close_all()
    print(json.dumps(result))
    if arguments.smoke:
        lost = result["imported"] != count or result["submissions"] != count or result["refused"]
        if lost or result["second_run_imported"]:
            print("The smoke import lost, refused or repeated lines.", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
