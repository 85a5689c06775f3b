"""The plate search against a sequential scan of the same table.

The queries are the plate search's own: `intelligence_search` runs in this process (Django set up on
the same database) inside a transaction that is rolled back, its access event with it, and every
SELECT it sent to `intelligence_mention` is kept as executed. They then run again on a connection
of their own, first as the planner likes, then with index, index-only and bitmap scans switched off:
a sequential scan of the same table with the same predicates. Each time is the median of the runs
(all the queries of one search, one after another), after one run to warm the cache.
"""

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg

from stats import percentile

SEQUENTIAL = ("SET enable_indexscan = off", "SET enable_indexonlyscan = off", "SET enable_bitmapscan = off")
TABLE = "intelligence_mention"
# A query read in chunks runs in a server-side cursor: the query is what follows its DECLARE.
CURSOR = re.compile(r"^\s*DECLARE\s+\S+\s+[A-Z ]*?CURSOR\s+(WITH(OUT)?\s+HOLD\s+)?FOR\s+", re.IGNORECASE)


def search_queries(username: str, pattern: str) -> list[str]:
    """The SELECTs on the mentions that the plate search runs for `pattern`, as `username`."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from core.request_context import AccessContext
    from intelligence.models import EntityKind
    from intelligence.selectors.search import SearchQuery, intelligence_search

    user = User.objects.get(username=username)
    query = SearchQuery(text=pattern, kind=EntityKind.VEHICLE)
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        intelligence_search(user=user, query=query, context=AccessContext(channel="command", route="bench"))
        transaction.set_rollback(True)
    sql = [CURSOR.sub("", str(item["sql"])) for item in captured.captured_queries]
    return [text for text in sql if text.lstrip().upper().startswith("SELECT") and f'"{TABLE}"' in text]


def _scans(plan: dict[str, Any]) -> Iterator[str]:
    if "Scan" in plan["Node Type"] and plan.get("Relation Name") == TABLE:
        index = plan.get("Index Name")
        yield f"{plan['Node Type']} using {index}" if index else plan["Node Type"]
    for child in plan.get("Plans", []):
        yield from _scans(child)


def scans(connection: psycopg.Connection[Any], sql: str) -> list[str]:
    """How the plan reads the mentions table: 'Seq Scan', 'Index Scan using mention_kind_key'..."""
    row = connection.execute(f"EXPLAIN (FORMAT JSON) {sql}").fetchone()
    return list(_scans(row[0][0]["Plan"])) if row else []


@dataclass(frozen=True)
class QueryTiming:
    median_ms: float
    p95_ms: float
    scans: list[str]

    def as_json(self) -> dict[str, Any]:
        return {"median_ms": round(self.median_ms, 3), "p95_ms": round(self.p95_ms, 3), "scans": self.scans}


def time_queries(database_url: str, queries: Sequence[str], sequential: bool, repeat: int) -> QueryTiming:
    with psycopg.connect(database_url, autocommit=True) as connection:
        for setting in SEQUENTIAL if sequential else ():
            connection.execute(setting)
        plans = sorted({scan for sql in queries for scan in scans(connection, sql)})
        totals = []
        for number in range(repeat + 1):
            started = time.perf_counter()
            for sql in queries:
                connection.execute(sql).fetchall()
            if number:  # the first run warms the cache
                totals.append((time.perf_counter() - started) * 1000)
    return QueryTiming(percentile(totals, 0.5), percentile(totals, 0.95), plans)


@dataclass(frozen=True)
class PlateComparison:
    pattern: str
    api_median_ms: float
    api_p95_ms: float
    queries: int
    planned: QueryTiming
    sequential: QueryTiming

    @property
    def ratio(self) -> float:
        """How many times faster the search through the API is than a sequential scan."""
        return self.sequential.median_ms / self.api_median_ms

    def as_json(self) -> dict[str, Any]:
        return {
            "pattern": self.pattern,
            "api_median_ms": round(self.api_median_ms, 3),
            "api_p95_ms": round(self.api_p95_ms, 3),
            "queries": self.queries,
            "database_as_planned": self.planned.as_json(),
            "database_sequential_scan": self.sequential.as_json(),
            "sequential_scan_over_api_median": round(self.ratio, 2),
        }


def compare(
    database_url: str, username: str, pattern: str, api_median_ms: float, api_p95_ms: float, repeat: int
) -> PlateComparison:
    queries = search_queries(username, pattern)
    if not queries:
        raise RuntimeError(f"The plate search for {pattern!r} sent no query to {TABLE}")
    return PlateComparison(
        pattern=pattern,
        api_median_ms=api_median_ms,
        api_p95_ms=api_p95_ms,
        queries=len(queries),
        planned=time_queries(database_url, queries, sequential=False, repeat=repeat),
        sequential=time_queries(database_url, queries, sequential=True, repeat=repeat),
    )
