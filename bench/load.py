"""Many users at once: locust, headless, on loopback, bounded in time (bench/locustfile.py)."""

import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from discover import Page
from stats import Summary, summarise

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
GRACE_SECONDS = 60  # past the run's own duration, before the bench stops locust itself


@dataclass(frozen=True)
class LoadRun:
    users: int
    seconds: float
    requests: int
    failures: int
    overall: Summary
    by_page: dict[str, Summary]  # "role: label"
    by_label: dict[str, Summary]  # the same kind of page across roles
    failures_by_page: dict[str, int]
    schedule: dict[str, float]  # the paced run's due and late requests

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "users": self.users,
            "seconds": round(self.seconds, 1),
            "requests": self.requests,
            "requests_per_second": round(self.requests_per_second, 2),
            "failures": self.failures,
            "failures_by_page": self.failures_by_page,
            "overall": self.overall.as_json(),
            "by_label": {name: summary.as_json() for name, summary in sorted(self.by_label.items())},
            "by_page": {name: summary.as_json() for name, summary in sorted(self.by_page.items())},
            "schedule": self.schedule,
        }


def write_plan(path: Path, sessions: Mapping[str, str], pages: Sequence[Page], floor: str, pace: float) -> None:
    plan = {
        "roles": list(sessions),
        "sessions": dict(sessions),
        "pages": [page.as_json() for page in pages],
        "floor": floor,
        "pace_seconds": pace,
    }
    path.write_text(json.dumps(plan))


def _summaries(samples: Sequence[Sequence[Any]], key: Any) -> dict[str, Summary]:
    grouped: dict[str, list[float]] = defaultdict(list)
    for sample in samples:
        grouped[key(sample[0])].append(sample[2] / 1000)
    return {name: summarise(seconds) for name, seconds in grouped.items()}


def _parse(path: Path, users: int) -> LoadRun:
    data = json.loads(path.read_text())
    samples = data["samples"]
    run = data["run"]
    failures: dict[str, int] = defaultdict(int)
    for name, _start, _ms, failed in samples:
        if failed:
            failures[name] += 1
    return LoadRun(
        users=users,
        seconds=run.get("stopped", 0.0) - run.get("started", 0.0),
        requests=len(samples),
        failures=sum(failures.values()),
        overall=summarise([sample[2] / 1000 for sample in samples]),
        by_page=_summaries(samples, lambda name: name),
        by_label=_summaries(samples, lambda name: name.split(": ", 1)[-1]),
        failures_by_page=dict(failures),
        schedule=data["schedule"],
    )


def run_locust(host: str, plan: Path, user_class: str, users: int, seconds: int) -> LoadRun:
    """One headless locust run of `users` users of `user_class` for `seconds`; no web UI, no port
    opened, the target on loopback only."""
    if urlsplit(host).hostname != "127.0.0.1":
        raise ValueError(f"locust targets loopback only, not {host}")
    with tempfile.TemporaryDirectory(prefix="cse-hub-locust-") as folder:
        samples = Path(folder) / "samples.json"
        command = [
            str(BIN / "locust"),
            "--locustfile",
            str(HERE / "locustfile.py"),
            "--headless",
            "--web-host",
            "127.0.0.1",
            "--host",
            host,
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "10",
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
            user_class,
        ]
        env = {**os.environ, "BENCH_PLAN": str(plan), "BENCH_SAMPLES": str(samples)}
        log = Path(folder) / "locust.log"
        with log.open("w") as output:
            finished = subprocess.run(
                command, env=env, timeout=seconds + GRACE_SECONDS, stdout=output, stderr=subprocess.STDOUT
            )
        if finished.returncode != 0 or not samples.exists():
            tail = "\n".join(log.read_text().splitlines()[-30:])
            raise RuntimeError(f"locust ({user_class}) stopped with exit code {finished.returncode}:\n{tail}")
        return _parse(samples, users)
