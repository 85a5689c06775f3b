"""`manage.py send_reminders`: email the owners of tasks that are due soon or overdue. Safe to run often."""

from typing import Any

from django.core.management.base import BaseCommand

from frontdoor.services.reminders import reminders_send


class Command(BaseCommand):
    help = "Email the owners of tasks that are due within 4 hours or overdue; each reminder is sent once."

    def handle(self, *args: Any, **options: Any) -> None:
        run = reminders_send()
        self.stdout.write(f"Sent {run.sent} reminder(s).")
        if run.skipped_no_recipient:
            self.stderr.write(f"{run.skipped_no_recipient} task(s) have no one with an email address to remind.")
