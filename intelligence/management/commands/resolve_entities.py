"""`manage.py resolve_entities`: batch resolution with the current rules, then person linkage."""

import importlib
import inspect
import time
from typing import Any

from django.core.management.base import BaseCommand

from intelligence.services.resolution import entities_resolve_all


class Command(BaseCommand):
    help = (
        "Recompute every mention's exact key (vehicles, phones, online accounts, places) with the current "
        "rules, link every mention to its entity, and bring entities' descriptions up to date; then run "
        "person linkage (intelligence.services.linkage.people_link_all) when it is installed. Running it "
        "again changes nothing. Progress goes to standard error."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="Do not show progress.")

    def handle(self, *args: Any, **options: Any) -> None:
        last = {"shown": 0.0}

        def progress(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if options["quiet"] or (done < total and now - last["shown"] < 0.5):
                return
            last["shown"] = now
            width = 30
            filled = width * done // total if total else width
            end = "\n" if done >= total else "\r"
            self.stderr.write(f"{stage:<22} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending=end)
            self.stderr.flush()

        summary = entities_resolve_all(progress=progress)
        self.stdout.write(
            f"Exact keys: {summary.mentions} mentions; {summary.keys_changed} keys changed, "
            f"{summary.links_changed} links changed; entities {summary.entities_created} created, "
            f"{summary.entities_updated} updated, {summary.entities_removed} removed."
        )
        try:
            linkage = importlib.import_module("intelligence.services.linkage")
        except ImportError:
            self.stdout.write("Person linkage is not installed; people were not linked.")
            return
        people_link_all = getattr(linkage, "people_link_all", None)
        if people_link_all is None:
            self.stdout.write("Person linkage has no people_link_all; people were not linked.")
            return
        accepts_progress = "progress" in inspect.signature(people_link_all).parameters
        result = people_link_all(progress=progress) if accepts_progress else people_link_all()
        self.stdout.write(f"People linked: {result}" if result is not None else "People linked.")
