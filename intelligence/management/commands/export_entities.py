"""`manage.py export_entities --format json|csv`: every entity with the submissions that mention it."""

import csv
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from intelligence.selectors.entities import entities_export


class Command(BaseCommand):
    help = (
        "Print every resolved entity (id, kind, key, label, attributes) with the references of the "
        "submissions that mention it: --format json (the default) prints a JSON array, --format csv one "
        "row per entity with the references separated by spaces. Contains police intelligence: keep the "
        "output as OFFICIAL-SENSITIVE."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "csv"], default="json", help="json (default) or csv.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["format"] == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(["id", "kind", "key", "label", "references"])
            for entity in entities_export():
                references = " ".join(entity["references"])
                writer.writerow([entity["id"], entity["kind"], entity["key"], entity["label"], references])
            return
        self.stdout.write("[", ending="")
        for position, entity in enumerate(entities_export()):
            self.stdout.write(("," if position else "") + "\n  " + json.dumps(entity, ensure_ascii=False), ending="")
        self.stdout.write("\n]")
