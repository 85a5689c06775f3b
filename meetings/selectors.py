"""Reads for meetings. The agenda names children: pages that show it must log the read."""

import datetime as dt
import uuid

from django.db.models import Exists, OuterRef, Subquery

from accounts.models import Area
from assessments.models import RiskLevelRecord
from children.models import Child
from frontdoor.models import Task, TaskStatus
from frontdoor.routing import TaskCode
from meetings.agenda import MEDIUM_OR_HIGH, AgendaEntry, ChildStanding, agenda_entries
from meetings.models import AgendaRemoval, Meeting, MeetingKind, MeetingStatus


def meg_next(*, area: Area, after: dt.datetime) -> Meeting | None:
    return (
        Meeting.objects.filter(kind=MeetingKind.MEG, area=area, status=MeetingStatus.PLANNED, starts_at__gte=after)
        .order_by("starts_at")
        .first()
    )


def _standings(area_ids: list[int]) -> list[ChildStanding]:
    """The agenda facts of each medium or high risk child of these areas, in one query."""
    levels = RiskLevelRecord.objects.filter(child=OuterRef("pk")).order_by("-decided_at", "-id")
    rows = (
        Child.objects.filter(responsible_authority__in=area_ids)
        .annotate(
            current_level=Subquery(levels.values("level")[:1]),
            reached_at=Subquery(levels.filter(level__in=MEDIUM_OR_HIGH).values("decided_at")[:1]),
            removed_at=Subquery(
                AgendaRemoval.objects.filter(child=OuterRef("pk")).order_by("-decided_at").values("decided_at")[:1]
            ),
            referral_open=Exists(
                Task.objects.filter(
                    child=OuterRef("pk"),
                    code=TaskCode.REFER_TO_MEG,
                    status__in=[TaskStatus.OPEN, TaskStatus.WAITING],
                )
            ),
        )
        .filter(current_level__in=MEDIUM_OR_HIGH)
        .order_by("last_name", "first_name", "id")
        .values("id", "current_level", "reached_at", "removed_at", "referral_open")
    )
    return [
        ChildStanding(
            child_id=row["id"],
            level=row["current_level"],
            reached_medium_or_high_at=row["reached_at"],
            removed_at=row["removed_at"],
            referral_open=row["referral_open"],
        )
        for row in rows
    ]


def meg_agenda_entries(*, area: Area) -> list[AgendaEntry]:
    """Every child of the area whose current level is medium or high and who has not been taken off."""
    return agenda_entries(_standings([area.pk]))


def meg_agenda_child_ids(*, area_ids: list[int]) -> list[uuid.UUID]:
    """The ids of the children on these areas' MEG agendas, for the child gate."""
    return [entry.child_id for entry in agenda_entries(_standings(area_ids))]
