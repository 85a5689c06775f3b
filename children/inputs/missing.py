"""A missing episode, its return, and the return home interview, as the page and the API give them."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class MissingEpisodeInput:
    started_at: dt.datetime
    reported_by_kind: str  # a ReporterKind, but not NOT_RECORDED
    reported_by: str = ""  # the reporter's name or role, like "Mother, Ann Example" or "PC 1234"
    ended_at: dt.datetime | None = None  # when the child has already come back
    where_found: str = ""


@dataclass(frozen=True, kw_only=True)
class MissingEpisodeReturnInput:
    ended_at: dt.datetime
    where_found: str


@dataclass(frozen=True, kw_only=True)
class ReturnInterviewInput:
    completed_at: dt.datetime
    interviewed_by: str  # who held it: name and organisation
    summary: str
