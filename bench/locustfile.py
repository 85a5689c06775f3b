"""The simulated practitioners of `bench/pages.py`; run by it, not by hand (docs/performance.md).

It reads the plan that `bench/pages.py` wrote (BENCH_PLAN: the signed-in sessions, each role's pages
with their weights, the pace) and writes every request it made, with its time, to BENCH_SAMPLES.
Each simulated user takes the next role in turn (20 users over 12 roles: some roles have two users,
sharing one session) and requests its role's pages at random, in proportion to their weights.

- `PacedUser`: an open-loop arrival schedule per user. Requests are due at the times of a Poisson
  process with a mean gap of `pace_seconds` (2 s), drawn in advance and independent of how long the
  answers take: a slow answer does not push the next request back (locust's `between` would). A
  user still waits for its own answer, so a request due while the previous one is in flight goes
  as soon as it can, and is counted late (`late`, `max_lag_s`: when there are many, the load was
  closed loop after all).
- `SaturatingUser`: the same pages with no pause at all.
- `FloorUser`: `/health/` with the user's session, with no pause: the floor's requests per second.
"""

import itertools
import json
import os
import random
import time
from pathlib import Path
from typing import Any

from locust import constant, events, task
from locust.contrib.fasthttp import FastHttpUser

PLAN: dict[str, Any] = json.loads(Path(os.environ["BENCH_PLAN"]).read_text())
SAMPLES = Path(os.environ["BENCH_SAMPLES"])
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
LATE_SECONDS = 0.05
_roles = itertools.cycle(PLAN["roles"])
_samples: list[tuple[str, float, float, bool]] = []  # name, start (epoch s), milliseconds, failed
_schedule = {"due": 0, "late": 0, "max_lag_s": 0.0}
_run: dict[str, float] = {}


@events.test_start.add_listener
def _started(**_: Any) -> None:
    _run["started"] = time.time()


@events.test_stop.add_listener
def _stopped(**_: Any) -> None:
    _run["stopped"] = time.time()


@events.request.add_listener
def _record(name: str, start_time: float, response_time: float, exception: Any, **_: Any) -> None:
    _samples.append((name, start_time, response_time, exception is not None))


@events.quitting.add_listener
def _write(**_: Any) -> None:
    SAMPLES.write_text(json.dumps({"run": _run, "schedule": _schedule, "samples": _samples}))


class _RoleUser(FastHttpUser):
    abstract = True
    pages: list[dict[str, Any]]
    weights: list[int]

    def on_start(self) -> None:
        self.role = next(_roles)
        cookie = f"sessionid={PLAN['sessions'][self.role]}"
        self.headers = {**PROXY_HEADERS, "Cookie": cookie, "Accept": "text/html,application/json"}
        self.pages = [page for page in PLAN["pages"] if page["role"] == self.role]
        self.weights = [page["weight"] for page in self.pages]

    def fetch(self, path: str, name: str) -> None:
        with self.client.get(
            path, headers=self.headers, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"answered {response.status_code}")

    def fetch_one_page(self) -> None:
        page = random.choices(self.pages, weights=self.weights)[0]
        self.fetch(page["path"], f"{self.role}: {page['label']}")


def _gap() -> float:
    return random.expovariate(1 / PLAN["pace_seconds"])


class PacedUser(_RoleUser):
    next_due: float = 0.0

    def on_start(self) -> None:
        super().on_start()
        time.sleep(_gap())  # cooperative: locust runs each user in a gevent greenlet
        self.next_due = time.monotonic()  # the first request is due now

    def wait_time(self) -> float:
        self.next_due += _gap()
        delay = self.next_due - time.monotonic()
        _schedule["due"] += 1
        if delay < -LATE_SECONDS:
            _schedule["late"] += 1
            _schedule["max_lag_s"] = max(_schedule["max_lag_s"], -delay)
        return max(0.0, delay)

    @task
    def page(self) -> None:
        self.fetch_one_page()


class SaturatingUser(_RoleUser):
    wait_time = constant(0)

    @task
    def page(self) -> None:
        self.fetch_one_page()


class FloorUser(_RoleUser):
    wait_time = constant(0)

    @task
    def floor(self) -> None:
        self.fetch(PLAN["floor"], f"{self.role}: floor")
