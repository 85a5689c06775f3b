"""Where a page's time goes: its queries, slowest first, with PostgreSQL's plans.

    DEBUG=true .venv/bin/python bench/explain.py --database-url postgres://... \
        --user megchair --path /children/<id>/ [--repeat 5] [--plans 3]

The page is requested in this process through Django's test client, signed in as the user with both
factors (as the test suite signs in), `--repeat` times; the last request's queries are listed by time,
and the `--plans` slowest are run again under `EXPLAIN (ANALYZE, BUFFERS)`. It writes what the page
writes (an access event for a read of a child), so run it on a database made for benchmarks. The
figures are for finding the cost, not for quoting: the benchmarks in bench/pages.py are those.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--user", required=True, help="The username to sign in as.")
    parser.add_argument("--path", required=True, help="The page, e.g. /meetings/12/agenda/.")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--plans", type=int, default=3, help="How many of the slowest queries to explain.")
    parser.add_argument("--profile", action="store_true", help="Also profile the last request's Python.")
    parser.add_argument(
        "--sort", choices=["tottime", "cumulative"], default="tottime", help="How the profile is ordered."
    )
    arguments = parser.parse_args()
    os.environ["DATABASE_URL"] = arguments.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    user = User.objects.get(username=arguments.user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        parser.error(f"{arguments.user} has no confirmed authenticator app")
    client = Client(HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    times = []
    for _ in range(arguments.repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(arguments.path)
            times.append((time.perf_counter() - started) * 1000)
    if arguments.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(client.get, arguments.path)
        pstats.Stats(profiler).sort_stats(arguments.sort).print_stats(40)
    print(
        f"{arguments.path} as {arguments.user}: status {response.status_code}, median {statistics.median(times):.1f} ms"
    )
    queries = sorted(captured.captured_queries, key=lambda query: -float(query["time"]))
    total = sum(float(query["time"]) for query in queries) * 1000
    print(f"{len(queries)} queries, {total:.1f} ms in the database")
    for query in queries[:15]:
        print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:220]}")
    with connection.cursor() as cursor:
        for query in queries[: arguments.plans]:
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
            print("\n" + query["sql"][:1000])
            print("\n".join(row[0][:300] for row in cursor.fetchall()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
