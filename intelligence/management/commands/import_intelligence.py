"""`manage.py import_intelligence FILE.jsonl`: import submissions, one JSON object per line."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from intelligence.importing import submissions_import


class Command(BaseCommand):
    help = (
        "Import submissions from a JSON Lines file (or - for standard input), one submission per line, "
        "with the fields reference, received_at, source (professional or community), agency (by name), "
        "narrative, persons (name, nickname, age_estimate, gender, description, phones, online_accounts), "
        "vehicles (registration, make, model, colour), locations (name, address, postcode, kind) and "
        'children (CSE Hub references). An online account is {"platform": ..., "handle": ...} or the '
        'string "platform:handle". The reference is the idempotency key: a line whose reference is '
        "already stored is skipped, so importing a file twice changes nothing. Every bad line is reported "
        "by number and reason and the rest are imported; the command then exits with status 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The .jsonl file, or - to read standard input.")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            stream = sys.stdin if name == "-" else Path(name).open(encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Cannot read {name}: {error.strerror}.") from None
        try:
            report = submissions_import(lines=stream)
        except UnicodeDecodeError:
            raise CommandError(f"{name} is not UTF-8 text.") from None
        finally:
            if stream is not sys.stdin:
                stream.close()
        for number, problems in report.refused:
            for problem in problems:
                self.stderr.write(f"Line {number}: {problem}")
        self.stdout.write(
            f"Imported {report.imported}, already imported {report.already_imported}, refused {len(report.refused)}."
        )
        if report.refused:
            lines = ", ".join(str(number) for number, _ in report.refused)
            raise CommandError(f"{len(report.refused)} lines were not imported (lines {lines}); see above.")
