"""Running the background tasks a test has queued, with the worker that production runs
(`manage.py db_worker` of the database backend), in the test's own process and transaction."""

import io
import signal
from unittest import mock

from django.core.management import call_command
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult


def run_queued_tasks() -> int:
    """Run every task waiting in the database, one after another, then return how many there were.
    The worker sets its own handlers for SIGINT and SIGTERM; the test run keeps its own. Between tasks
    the worker closes connections it takes for stale, as a request does, and a connection inside the
    test's transaction looks stale (its autocommit is off): on PostgreSQL that would close the test's
    own connection, so here the worker keeps it."""
    waiting = DBTaskResult.objects.ready().count()
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        with mock.patch.object(db_worker, "close_old_connections", return_value=None):
            call_command(
                "db_worker",
                "--batch",
                "--no-reload",
                "--no-startup-delay",
                "--interval=0",
                verbosity=0,
                stdout=io.StringIO(),
            )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    return waiting
