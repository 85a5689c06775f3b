import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Area
from meetings.models import Meeting, MegSchedule


def run(*args: str) -> str:
    out = StringIO()
    call_command("schedule_meg_meetings", *args, stdout=out)
    return out.getvalue()


def test_the_command_plans_each_scheduled_areas_meetings_once(partnership):
    assert "No area has a MEG schedule yet" in run()
    area = Area.objects.get(code__iexact="nfd")
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10))
    assert f"{area.name}: 3 MEG meetings planned" in run("--months", "3")
    run("--months", "3")
    assert Meeting.objects.filter(area=area).count() == 3
    assert all(meeting.starts_at.weekday() == 1 for meeting in Meeting.objects.all())


def test_the_command_refuses_an_unreasonable_horizon(db):
    with pytest.raises(CommandError, match="between 1 and 24"):
        run("--months", "0")
