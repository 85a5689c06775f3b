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

The agenda and the routing agree on when the child joins the MEG (decision 0034). A referral to the MEG
that waits for a finding holds the child back, whatever their level, until the finding releases it: "If
a Strategy or multi agency meeting determines the level of risk is medium or high ... All medium and
high risk cases should be referred to the ... Missing and Exploited Group" (seed 003, 2.2), and open to
Social Care the social worker's own assessment decides (decision 0028). So a new case screened medium or
high joins when the meeting determines the level, not when the front door screens it. A child already
on the agenda before that screening stays: their medium or high level, confirmed before the screening
started and not taken off since, keeps them on while the new referral waits.
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
    # The latest referral to the MEG still waiting for a finding, from the start of the screening that
    # raised it (None: none waits); and the child's standing just before then: the level then current,
    # the latest time a medium or high level was confirmed before it, the latest decision to take the
    # child off before it.
    referral_waiting_since: dt.datetime | None = None
    level_before_waiting: str | None = None
    reached_before_waiting_at: dt.datetime | None = None
    removed_before_waiting_at: dt.datetime | None = None


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


def on_agenda_before_waiting(standing: ChildStanding) -> bool:
    """On the agenda by level just before the waiting referral was raised."""
    if standing.level_before_waiting not in MEDIUM_OR_HIGH or standing.reached_before_waiting_at is None:
        return False
    removed = standing.removed_before_waiting_at
    return removed is None or standing.reached_before_waiting_at > removed


def held_back_by_waiting_referral(standing: ChildStanding) -> bool:
    """A referral to the MEG waits for a finding (the meeting's level, the social worker's assessment), and
    the child was not on the agenda before it was raised: the child joins when the finding releases it."""
    return standing.referral_waiting_since is not None and not on_agenda_before_waiting(standing)


def on_agenda(standing: ChildStanding) -> bool:
    if held_back_by_waiting_referral(standing):
        return False
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
