"""`manage.py send_reminders`: email the owners of tasks that are due soon or overdue, and the case holders
of children whose risk assessment review is due within 7 days or past. Safe to run often."""

from typing import Any

from django.core.management.base import BaseCommand

from frontdoor.services.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Email the owners of tasks that are due within 4 hours or overdue, and the case holders of risk "
        "assessment reviews due within 7 days or overdue; each reminder is sent once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        run = reminders_send()
        self.stdout.write(
            f"Sent {run.total_sent} reminder(s): {run.sent} for tasks, {run.reviews_sent} for risk assessment reviews."
        )
        if run.skipped_no_recipient:
            self.stderr.write(f"{run.skipped_no_recipient} task(s) have no one with an email address to remind.")
        if run.reviews_skipped_no_recipient:
            self.stderr.write(
                f"{run.reviews_skipped_no_recipient} review(s) due have no one with an email address to remind."
            )
