"""Reads of a child's missing episodes. Each one asks the child gate and writes one access event naming
the child, in the same transaction as the read."""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q

from accounts.models import User
from audit.models import AccessAction
from audit.services import access_event_record
from children.access import access_child, access_missing_episode, may_write_to_child
from children.models import Child, MissingEpisode
from core.request_context import AccessContext

CHILD_PAGE_EPISODES = 5  # the newest episodes the child's page shows; the rest are counted


@dataclass(frozen=True)
class MissingEpisodes:
    child: Child
    episodes: list[MissingEpisode]
    may_record: bool


@dataclass(frozen=True)
class MissingPanel:
    """What the child's page shows of missing from home: the newest episodes and how many there are."""

    episodes: list[MissingEpisode]
    total: int
    still_missing: int
    interviews_outstanding: int
    may_record: bool

    @property
    def more(self) -> int:
        return self.total - len(self.episodes)


@dataclass(frozen=True)
class EpisodeRead:
    child: Child
    episode: MissingEpisode
    may_record: bool


def _log(*, user: User, action: AccessAction, child: Child, context: AccessContext) -> None:
    access_event_record(user=user, action=action, object_type="child", object_ids=[child.id], context=context)


def missing_episode_list(*, user: User, child_id: uuid.UUID | str, context: AccessContext) -> MissingEpisodes:
    """Every missing episode of a child the user may see, newest first."""
    with transaction.atomic():
        child = access_child(user, child_id)
        episodes = list(child.missing_episodes.select_related("recorded_by").order_by("-started_at", "-id"))
        _log(user=user, action=AccessAction.LIST, child=child, context=context)
    return MissingEpisodes(child=child, episodes=episodes, may_record=may_write_to_child(user, child))


def missing_episode_read(*, user: User, episode_id: int, context: AccessContext) -> EpisodeRead:
    """One episode and its child, for the pages that record its return and its interview."""
    with transaction.atomic():
        episode = access_missing_episode(user, episode_id)
        child = episode.child
        _log(user=user, action=AccessAction.VIEW, child=child, context=context)
    return EpisodeRead(child=child, episode=episode, may_record=may_write_to_child(user, child))


def child_missing_panel(*, child: Child, user: User) -> MissingPanel:
    """For the child's page, which has asked the gate and logged the read (child_detail_read): the
    newest episodes, with the counts over all of them."""
    counts = child.missing_episodes.aggregate(
        total=Count("id"),
        still_missing=Count("id", filter=Q(ended_at__isnull=True)),
        interviews_outstanding=Count(
            "id", filter=Q(ended_at__isnull=False, return_interview_completed_at__isnull=True)
        ),
    )
    return MissingPanel(
        episodes=list(child.missing_episodes.order_by("-started_at", "-id")[:CHILD_PAGE_EPISODES]),
        total=counts["total"],
        still_missing=counts["still_missing"],
        interviews_outstanding=counts["interviews_outstanding"],
        may_record=may_write_to_child(user, child),
    )
