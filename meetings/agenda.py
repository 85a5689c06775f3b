"""Who is on the MEG agenda (DESIGN.md rule 9: oversight of ALL medium and high risk cases). Pure.

A child is on the agenda when their current confirmed level is medium or high, unless the MEG
recorded a decision to take them off after they last reached that level. Reaching medium or high
again, by any route (a new contact, a review, a child moving in), puts them back.

A child is new on the agenda when they were newly referred to this meeting: a referral to the MEG
was raised (and not cancelled) since the area's previous meeting was held. It stays new after the
social worker completes the referral task: the MEG has not discussed the child yet (procedure
correction 6, decision 0026).

A referral to the MEG also puts a child on the agenda, whatever their level (seed 003, 2.2: for a
child from another authority living here, "a referral should be made to the ... Missing and
Exploited Group (MEG)", at any level; decision 0026). The referral counts from when it was made
(the task fell due) while it is still to do, and once done for as long as no level was confirmed
after it; a decision to take the child off at or after it takes them off, as for a level.
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
    # The latest referral to the MEG raised and not cancelled (waiting for a finding, to do or done), from
    # when it was raised or released: whether the child is newly referred to a meeting.
    last_referral_at: dt.datetime | None = None
    # The latest referral to the MEG that was made (to do or done, not waiting for a finding nor
    # cancelled), from when it fell due; whether a made referral is still to do; the latest level.
    referred_at: dt.datetime | None = None
    referral_to_do: bool = False
    level_confirmed_at: dt.datetime | None = None


@dataclass(frozen=True)
class AgendaEntry:
    child_id: uuid.UUID
    level: str
    new: bool


def on_agenda_by_level(standing: ChildStanding) -> bool:
    if standing.level not in MEDIUM_OR_HIGH:
        return False
    if standing.removed_at is None or standing.reached_medium_or_high_at is None:
        return True
    return standing.reached_medium_or_high_at > standing.removed_at


def on_agenda_by_referral(standing: ChildStanding) -> bool:
    referred = standing.referred_at
    if referred is None:
        return False
    if standing.removed_at is not None and standing.removed_at >= referred:
        return False
    if standing.referral_to_do:
        return True
    return standing.level_confirmed_at is None or standing.level_confirmed_at <= referred


def on_agenda(standing: ChildStanding) -> bool:
    return on_agenda_by_level(standing) or on_agenda_by_referral(standing)


def newly_referred(standing: ChildStanding, *, since: dt.datetime | None) -> bool:
    """Referred to the MEG since `since`, when the previous meeting was held (None: no meeting was held
    before, so any referral is new)."""
    referred = standing.last_referral_at
    return referred is not None and (since is None or referred > since)


def agenda_entries(standings: Iterable[ChildStanding], *, since: dt.datetime | None = None) -> list[AgendaEntry]:
    """The children on the agenda of a meeting whose previous meeting was held at `since`."""
    return [
        AgendaEntry(child_id=standing.child_id, level=standing.level or "", new=newly_referred(standing, since=since))
        for standing in standings
        if on_agenda(standing)
    ]
