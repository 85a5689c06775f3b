"""Writes for the MEG's schedule: the meetings it produces."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Area
from meetings.models import Meeting, MeetingKind, MegSchedule
from meetings.schedule import MonthlyRule, meeting_dates


@transaction.atomic
def meg_meetings_schedule(*, area: Area, months: int, today: dt.date | None = None) -> list[Meeting]:
    """The area's MEG meetings for the coming months, from its schedule; existing ones are kept."""
    schedule = MegSchedule.objects.filter(area=area).first()
    if schedule is None:
        raise ValidationError(f"{area} has no MEG schedule: set the week, day and time it meets first.")
    rule = MonthlyRule(week=schedule.week, weekday=schedule.weekday)
    meetings = []
    for day in meeting_dates(rule=rule, on_or_after=today or timezone.localdate(), count=months):
        starts_at = timezone.make_aware(dt.datetime.combine(day, schedule.starts_at))
        meeting, _ = Meeting.objects.get_or_create(
            kind=MeetingKind.MEG, area=area, starts_at=starts_at, defaults={"location": schedule.location}
        )
        meetings.append(meeting)
    return meetings
