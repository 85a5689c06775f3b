"""Running the background tasks a test has queued, with the worker that production runs
(`manage.py db_worker` of the database backend), in the test's own process and transaction."""

import io
import signal

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult


def run_queued_tasks() -> int:
    """Run every task waiting in the database, one after another, then return how many there were.
    The worker sets its own handlers for SIGINT and SIGTERM; the test run keeps its own."""
    waiting = DBTaskResult.objects.ready().count()
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command(
            "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval=0", verbosity=0, stdout=io.StringIO()
        )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    return waiting
