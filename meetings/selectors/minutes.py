"""Reads for minutes. Minutes name children: the pages read them through the `_read` selectors at the
end, which gate the meeting and log the children listed in the same transaction."""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.http import Http404

from accounts.models import User
from audit.models import AccessAction
from audit.services import access_event_record
from core.request_context import AccessContext
from meetings.access import (
    MeetingAccess,
    access_meeting,
    access_meeting_to_read,
    may_write_minutes,
    reads_as_invited_only,
)
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


def _children_listed(*, user: User, context: AccessContext, child_ids: list[uuid.UUID]) -> None:
    if child_ids:
        access_event_record(
            user=user, action=AccessAction.LIST, object_type="child", object_ids=child_ids, context=context
        )


@dataclass(frozen=True)
class MeetingMinutesRead:
    meeting: Meeting
    shown: MinutesRead | None  # the latest approved version, when there is one
    versions: list[Minutes]
    draft: Minutes | None
    invited_only: bool = False  # the reader reads it only because they are invited to it (decision 0035)


def meeting_minutes_read(*, user: User, meeting_id: int, context: AccessContext) -> MeetingMinutesRead:
    """A meeting's latest approved minutes, its versions and its draft, logging the children listed; for
    those who see the meeting and those invited to it (decision 0035: approved versions only, as for
    everyone who does not write them)."""
    with transaction.atomic():
        meeting = access_meeting_to_read(user, meeting_id)
        approved = minutes_latest_approved(meeting=meeting)
        shown = minutes_read(minutes=approved) if approved is not None else None
        _children_listed(user=user, context=context, child_ids=shown.child_ids if shown else [])
    return MeetingMinutesRead(
        meeting=meeting,
        shown=shown,
        versions=minutes_versions(meeting=meeting),
        draft=minutes_draft(meeting=meeting),
        invited_only=reads_as_invited_only(user, meeting),
    )


@dataclass(frozen=True)
class MinutesVersionRead:
    meeting: Meeting
    shown: MinutesRead
    latest: Minutes | None  # the latest approved version


def minutes_version_detail_read(
    *, user: User, meeting_id: int, version: int, context: AccessContext
) -> MinutesVersionRead:
    """One version of a meeting's minutes, for those who see the meeting and those invited to it
    (decision 0035); a draft only for those who write and approve it (404 for everyone else, who read
    approved versions only)."""
    with transaction.atomic():
        meeting = access_meeting_to_read(user, meeting_id)
        shown = minutes_version_read(meeting=meeting, version=version)
        if shown is None or (not shown.minutes.approved and not may_write_minutes(user, meeting)):
            raise Http404("No minutes found.")
        _children_listed(user=user, context=context, child_ids=shown.child_ids)
    return MinutesVersionRead(meeting=meeting, shown=shown, latest=minutes_latest_approved(meeting=meeting))


@dataclass(frozen=True)
class MinutesEditRead:
    meeting: Meeting
    current: MinutesDraftRead


def minutes_edit_read(*, user: User, meeting_id: int, context: AccessContext) -> MinutesEditRead:
    """What the minutes form shows, for those who write the minutes only (403 for anyone else)."""
    with transaction.atomic():
        meeting = access_meeting(user, meeting_id, to=MeetingAccess.WRITE_MINUTES)
        current = minutes_draft_read(meeting=meeting)
        _children_listed(user=user, context=context, child_ids=current.child_ids)
    return MinutesEditRead(meeting=meeting, current=current)


@dataclass(frozen=True)
class MinutesApprovalRead:
    meeting: Meeting
    draft: Minutes | None
    shown: MinutesRead | None  # the draft, when there is one


def minutes_approval_read(*, user: User, meeting_id: int, context: AccessContext) -> MinutesApprovalRead:
    """The draft the chair approves, for the chair only (403 for anyone else)."""
    with transaction.atomic():
        meeting = access_meeting(user, meeting_id, to=MeetingAccess.APPROVE_MINUTES)
        draft = minutes_draft(meeting=meeting)
        shown = minutes_read(minutes=draft) if draft is not None else None
        _children_listed(user=user, context=context, child_ids=shown.child_ids if shown else [])
    return MinutesApprovalRead(meeting=meeting, draft=draft, shown=shown)
