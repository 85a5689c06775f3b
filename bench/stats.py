"""Summaries of response times: median and p95 in milliseconds."""

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


def percentile(values: Sequence[float], fraction: float) -> float:
    """Linear interpolation between the two nearest ranks (numpy's default, 'linear')."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Summary:
    count: int
    median_ms: float
    p95_ms: float
    max_ms: float

    def as_json(self) -> dict[str, Any]:
        return {key: round(value, 3) if isinstance(value, float) else value for key, value in asdict(self).items()}


def summarise(seconds: Sequence[float]) -> Summary:
    milliseconds = [value * 1000 for value in seconds]
    return Summary(
        count=len(milliseconds),
        median_ms=percentile(milliseconds, 0.5),
        p95_ms=percentile(milliseconds, 0.95),
        max_ms=max(milliseconds, default=math.nan),
    )
