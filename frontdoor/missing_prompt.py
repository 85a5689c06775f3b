"""The front door's missing-episodes prompt: a transparent rule, never a score (decision 0033).

A child who has gone missing again and again, and whose risk has never been assessed, is put in front
of the front door with the reason in words ("5 missing episodes in the last 90 days, the latest on 2
March; no risk assessment"). The rule is a count over a window, configurable in settings
(MISSING_PROMPT_EPISODES, MISSING_PROMPT_DAYS) and always shown as a sentence; it predicts nothing
and decides nothing: a screener accepts the prompt and screens the child as for any contact.

Pure: no database, no clock; the caller gives the moment and the episodes.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import formats, timezone


class MissingRuleError(ValueError):
    """A threshold that cannot be a rule: the message names the setting."""


@dataclass(frozen=True)
class MissingRule:
    episodes: int  # at least this many missing episodes...
    days: int  # ...starting within this many days

    def __post_init__(self) -> None:
        if isinstance(self.episodes, bool) or not isinstance(self.episodes, int) or self.episodes < 1:
            raise MissingRuleError(
                f"MISSING_PROMPT_EPISODES must be a whole number of 1 or more, not {self.episodes!r}"
            )
        if isinstance(self.days, bool) or not isinstance(self.days, int) or self.days < 1:
            raise MissingRuleError(f"MISSING_PROMPT_DAYS must be a whole number of 1 or more, not {self.days!r}")

    def window_start(self, now: dt.datetime) -> dt.datetime:
        """The earliest start of an episode that counts."""
        return now - dt.timedelta(days=self.days)

    def in_words(self) -> str:
        """The rule as the page shows it."""
        episodes = f"{self.episodes} or more missing episodes" if self.episodes > 1 else "a missing episode"
        return f"{episodes} in {self.days} days, and no risk assessment"

    def holds(self, *, episode_starts: Iterable[dt.datetime], now: dt.datetime, assessed: bool) -> bool:
        if assessed:
            return False
        start = self.window_start(now)
        return sum(1 for started in episode_starts if start <= started <= now) >= self.episodes


def _day(moment: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y")


def prompt_reason(*, rule: MissingRule, episodes: int, latest: dt.datetime) -> str:
    """Why the child is on the list, in words: the count, the window, the latest, and the missing assessment."""
    counted = f"{episodes} missing episode{'s' if episodes != 1 else ''}"
    return (
        f"{counted} in the last {rule.days} days, the latest starting {_day(latest)}, and no risk assessment. "
        f"The rule: {rule.in_words()}."
    )
