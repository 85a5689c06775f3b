"""The children the missing-episodes prompt puts in front of the front door (decision 0033)."""

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, QuerySet

from accounts.models import User
from children.access import child_ids_visible
from children.models import Child, MissingEpisode
from frontdoor.missing_prompt import MissingRule, prompt_reason
from frontdoor.models import WAITING_TO_BE_SCREENED, Contact


def missing_rule_current() -> MissingRule:
    """The rule as the partnership has set it (settings MISSING_PROMPT_EPISODES and MISSING_PROMPT_DAYS)."""
    return MissingRule(episodes=settings.MISSING_PROMPT_EPISODES, days=settings.MISSING_PROMPT_DAYS)


@dataclass(frozen=True)
class MissingPrompt:
    child: Child
    episodes: int
    latest: dt.datetime
    reason: str


def missing_prompt_candidates(*, rule: MissingRule, now: dt.datetime) -> QuerySet[Any, Any]:
    """(child_id, episodes, latest) for every child the rule holds for, BEFORE the child gate, most
    episodes first: one query, which reads the window's episodes from index missing_episode_start_child
    and keeps the children with no confirmed level (Child.risk_level), no contact waiting to be
    screened (a child already on the front door's list needs no prompt) and no contact the front door
    closed because the young person is 18 or over (the procedure is for children: decision 0039)."""
    waiting = Contact.objects.filter(WAITING_TO_BE_SCREENED, child_id=OuterRef("child_id"))
    adult = Contact.objects.filter(child_id=OuterRef("child_id"), closed_at__isnull=False)
    return (
        MissingEpisode.objects.filter(started_at__gte=rule.window_start(now), started_at__lte=now)
        .filter(child__risk_level="")
        .exclude(Exists(waiting))
        .exclude(Exists(adult))
        .values("child_id")
        .annotate(episodes=Count("id"), latest=Max("started_at"))
        .filter(episodes__gte=rule.episodes)
        .order_by("-episodes", "-latest", "child_id")
    )


def missing_prompt_rows(*, user: User, now: dt.datetime) -> list[tuple[uuid.UUID, int, dt.datetime]]:
    """The prompts the user may see, as (child_id, episodes, latest), most urgent first: the child gate
    is asked about the few children the rule found, never about every child the screener may see."""
    rows = [
        (row["child_id"], row["episodes"], row["latest"])
        for row in missing_prompt_candidates(rule=missing_rule_current(), now=now)
    ]
    visible = child_ids_visible(user, (child_id for child_id, _, _ in rows))
    return [row for row in rows if row[0] in visible]


def missing_prompts_read(
    *, rows: list[tuple[uuid.UUID, int, dt.datetime]], rule: MissingRule | None = None
) -> list[MissingPrompt]:
    """The prompts for these rows, with their children (one query) and their reasons in words. The
    caller logs the children it shows (the worklist's one access event)."""
    rule = rule or missing_rule_current()
    children = Child.objects.only("id", "reference", "first_name", "last_name").in_bulk([row[0] for row in rows])
    return [
        MissingPrompt(
            child=children[child_id],
            episodes=episodes,
            latest=latest,
            reason=prompt_reason(rule=rule, episodes=episodes, latest=latest),
        )
        for child_id, episodes, latest in rows
    ]
