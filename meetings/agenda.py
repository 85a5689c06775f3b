"""Who is on the MEG agenda (DESIGN.md rule 9: oversight of ALL medium and high risk cases). Pure.

A child is on the agenda when their current confirmed level is medium or high, unless the MEG
recorded a decision to take them off after they last reached that level. Reaching medium or high
again, by any route (a new contact, a review, a child moving in), puts them back. A child is new
on the agenda while a referral to the MEG is still open for them.
"""

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

MEDIUM_OR_HIGH = frozenset({"medium", "high"})


@dataclass(frozen=True, kw_only=True)
class ChildStanding:
    child_id: uuid.UUID
    level: str | None  # the current confirmed level
    reached_medium_or_high_at: dt.datetime | None  # the latest time a medium or high level was confirmed
    removed_at: dt.datetime | None  # the latest recorded decision to take the child off the agenda
    referral_open: bool


@dataclass(frozen=True)
class AgendaEntry:
    child_id: uuid.UUID
    level: str
    new: bool


def on_agenda(standing: ChildStanding) -> bool:
    if standing.level not in MEDIUM_OR_HIGH:
        return False
    if standing.removed_at is None or standing.reached_medium_or_high_at is None:
        return True
    return standing.reached_medium_or_high_at > standing.removed_at


def agenda_entries(standings: Iterable[ChildStanding]) -> list[AgendaEntry]:
    return [
        AgendaEntry(child_id=standing.child_id, level=str(standing.level), new=standing.referral_open)
        for standing in standings
        if on_agenda(standing)
    ]
