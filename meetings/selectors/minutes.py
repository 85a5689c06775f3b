"""Reads for minutes. Minutes name children: a page that shows them must log the read."""

import uuid
from dataclasses import dataclass

from meetings.models import AgendaItem, Meeting, MinuteItem, Minutes


@dataclass(frozen=True)
class AgendaRow:
    """An agenda item as the minutes show it: a child (with their level when the meeting was held) or
    a place, person, vehicle or peer group."""

    item: AgendaItem
    title: str
    discussion: str = ""
    decisions: str = ""


def _title(item: AgendaItem) -> str:
    if item.child is not None:
        level = f", {item.level} risk" if item.level else ""
        return f"{item.child.full_name} ({item.child.reference}){level}"
    return str(item.contextual_item)


def _child_ids(rows: list[AgendaRow]) -> list[uuid.UUID]:
    return [row.item.child_id for row in rows if row.item.child_id is not None]


def minutes_versions(*, meeting: Meeting) -> list[Minutes]:
    return list(meeting.minutes.select_related("created_by", "approved_by").order_by("version"))


def minutes_latest_approved(*, meeting: Meeting) -> Minutes | None:
    approved: Minutes | None = (
        meeting.minutes.filter(approved_at__isnull=False).select_related("approved_by").order_by("-version").first()
    )
    return approved


def minutes_draft(*, meeting: Meeting) -> Minutes | None:
    """The version being written, if the latest is not approved yet."""
    latest: Minutes | None = meeting.minutes.select_related("created_by").order_by("-version").first()
    return latest if latest is not None and not latest.approved else None


@dataclass(frozen=True)
class MinutesRead:
    minutes: Minutes
    rows: list[AgendaRow]

    @property
    def child_ids(self) -> list[uuid.UUID]:
        return _child_ids(self.rows)


def minutes_read(*, minutes: Minutes) -> MinutesRead:
    items: list[MinuteItem] = list(
        minutes.items.select_related("agenda_item__child", "agenda_item__contextual_item").order_by(
            "agenda_item__position"
        )
    )
    return MinutesRead(
        minutes=minutes,
        rows=[
            AgendaRow(
                item=item.agenda_item,
                title=_title(item.agenda_item),
                discussion=item.discussion,
                decisions=item.decisions,
            )
            for item in items
        ],
    )


def minutes_version_read(*, meeting: Meeting, version: int) -> MinutesRead | None:
    minutes: Minutes | None = (
        meeting.minutes.select_related("created_by", "approved_by").filter(version=version).first()
    )
    return minutes_read(minutes=minutes) if minutes is not None else None


@dataclass(frozen=True)
class MinutesDraftRead:
    """What the minutes form shows: every frozen agenda item, with the draft's text where there is one."""

    draft: Minutes | None
    locked: Minutes | None  # the latest version, when it is approved: nothing can be written until a correction
    rows: list[AgendaRow]

    @property
    def child_ids(self) -> list[uuid.UUID]:
        return _child_ids(self.rows)


def minutes_draft_read(*, meeting: Meeting) -> MinutesDraftRead:
    latest: Minutes | None = meeting.minutes.order_by("-version").first()
    texts: dict[int, tuple[str, str]] = {}
    if latest is not None:
        texts = {
            agenda_item_id: (discussion, decisions)
            for agenda_item_id, discussion, decisions in latest.items.values_list(
                "agenda_item_id", "discussion", "decisions"
            )
        }
    items = meeting.agenda_items.select_related("child", "contextual_item").order_by("position")
    return MinutesDraftRead(
        draft=latest if latest is not None and not latest.approved else None,
        locked=latest if latest is not None and latest.approved else None,
        rows=[
            AgendaRow(
                item=item,
                title=_title(item),
                discussion=texts.get(item.pk, ("", ""))[0],
                decisions=texts.get(item.pk, ("", ""))[1],
            )
            for item in items
        ],
    )
