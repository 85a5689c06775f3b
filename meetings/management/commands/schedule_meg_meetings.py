"""`manage.py schedule_meg_meetings`: plan each area's coming MEG meetings from its schedule.

Idempotent: meetings already planned are kept, so it can run every day (from cron or a timer)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import Area
from meetings.services.schedule import meg_meetings_schedule


class Command(BaseCommand):
    help = "Plan each area's MEG meetings for the coming months from its schedule. Safe to run daily."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--months", type=int, default=6, help="How many months ahead (default 6).")

    def handle(self, *args: Any, **options: Any) -> None:
        months = options["months"]
        if not 1 <= months <= 24:
            raise CommandError("--months must be between 1 and 24.")
        areas = Area.objects.filter(meg_schedule__isnull=False).order_by("name")
        if not areas:
            self.stdout.write("No area has a MEG schedule yet: a system administrator sets one in the admin site.")
        for area in areas:
            meetings = meg_meetings_schedule(area=area, months=months)
            dates = ", ".join(f"{meeting.starts_at:%d %b %Y}" for meeting in meetings)
            self.stdout.write(f"{area.name}: {len(meetings)} MEG meetings planned ({dates}).")
