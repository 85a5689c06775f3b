"""What a request for meetings carries, as plain values: the list page's filter form and the API's
query parameters both build one of these and hand it to `meeting_list_filtered_read`."""

from dataclasses import dataclass
from enum import StrEnum


class MeetingWhen(StrEnum):
    """Which part of the calendar a list of meetings shows (decision 0026). The three do not overlap:
    a meeting is on exactly one of them, by the partnership's local day it starts on."""

    TODAY = "today"  # starts today, before or after its hour, held or not
    UPCOMING = "upcoming"  # starts on a later day
    PAST = "past"  # started on an earlier day


@dataclass(frozen=True, kw_only=True)
class MeetingListFilters:
    """None means "any": no filter on that."""

    when: MeetingWhen | None = None  # None: every meeting, soonest first (the API's list without `when`)
    kind: str | None = None  # a MeetingKind value
    held: bool | None = None  # held (or minutes approved) rather than still planned
    minutes_approved: bool | None = None  # a version of the minutes was approved by the chair
