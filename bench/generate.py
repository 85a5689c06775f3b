"""Build a county's volume of records on PostgreSQL, for the benchmarks.

    DEBUG=true .venv/bin/python bench/generate.py --scale large \
        --database-url postgres://postgres@127.0.0.1:5432/cse_hub_large

`small` is 10,000 children, `large` 100,000, with what comes with them (demo/generator/county.py).
The database is created and migrated when it does not exist. Each step commits with its row in
`bench_generation_step`, so a run that is interrupted carries on where it stopped when run again.
"""

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

ROOT = Path(__file__).resolve().parents[1]
SCALES = {"small": 10_000, "large": 100_000}


def _database_create(url: str, *, fresh: bool) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True, help="A PostgreSQL database; created if missing.")
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--fresh", action="store_true", help="Drop the database first and build it anew.")
    arguments = parser.parse_args()
    if not arguments.database_url.startswith("postgres"):
        parser.error("The county is built on PostgreSQL (it writes the access log with COPY).")
    _database_create(arguments.database_url, fresh=arguments.fresh)
    os.environ["DATABASE_URL"] = arguments.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from demo.generator.county import county_generate

    if not settings.DEBUG:
        parser.error("Run it with DEBUG=true: the county's accounts share the demo's published password.")
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    county_generate(children=SCALES[arguments.scale], seed=arguments.seed, out=sys.stdout)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Done in {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
