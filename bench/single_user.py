"""One user at a time: every page, and the floor, requested in rounds.

Each round requests every page once, the floor (`/health/` with a signed-in session) among them, in
a new random order; the first rounds warm up (caches, connections, compiled templates) and are not
counted. So the floor is sampled all through the run, interleaved with the pages, and a slow moment
of a shared machine falls on the floor and the pages alike: each page's ratio is its median over the
floor's median from the same rounds.
"""

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from discover import Page
from stats import Summary, summarise


@dataclass(frozen=True)
class PageTiming:
    page: Page
    summary: Summary
    floor_ratio: float  # the page's median over the floor's median


@dataclass(frozen=True)
class SingleUser:
    floor: Summary
    pages: list[PageTiming]
    rounds: int
    warm_up: int


def measure(
    pages: Sequence[Page],
    floor: Page,
    timed: Callable[[Page], float],
    rounds: int,
    warm_up: int,
    seed: int = 2026,
    progress: Callable[[int], None] | None = None,
) -> SingleUser:
    """`timed(page)` requests the page once and returns its seconds (it raises on a wrong answer)."""
    order = [floor, *pages]
    seconds: dict[str, list[float]] = {page.name: [] for page in order}
    shuffle = random.Random(seed)
    for number in range(warm_up + rounds):
        shuffle.shuffle(order)
        for page in order:
            elapsed = timed(page)
            if number >= warm_up:
                seconds[page.name].append(elapsed)
        if progress is not None:
            progress(number + 1)
    floor_summary = summarise(seconds[floor.name])
    timings = []
    for page in pages:
        summary = summarise(seconds[page.name])
        timings.append(PageTiming(page, summary, summary.median_ms / floor_summary.median_ms))
    return SingleUser(floor=floor_summary, pages=timings, rounds=rounds, warm_up=warm_up)
