"""`manage.py seed_demo`: build the synthetic demo partnership and print how to sign in."""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.generator import DEMO_PASSWORD, DemoAccount, demo_accounts, demo_partnership_exists
from demo.generator.everything import demo_generate

REFUSAL = (
    "seed_demo refuses to run because DEBUG is off. It creates accounts with a published password "
    "and prints their second-factor secrets, which must never exist on a live service. "
    "Run it only on a development machine, with DEBUG=true."
)


class Command(BaseCommand):
    help = "Create the synthetic demo partnership (fictional areas, agencies, staff and children). Idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="Random seed; the same seed gives the same data.")
        parser.add_argument(
            "--children-per-area", type=int, default=150, help="Children in each of the two areas (default 150)."
        )
        parser.add_argument(
            "--without-front-door",
            action="store_true",
            help="Leave out the front door's contacts and screenings (benchmarks need only the partnership).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(REFUSAL)
        if options["children_per_area"] < 0:
            raise CommandError("--children-per-area cannot be negative.")
        if demo_partnership_exists():
            self.stdout.write("The demo partnership already exists; nothing was created.")
        else:
            self._generate(
                seed=options["seed"],
                children_per_area=options["children_per_area"],
                front_door=not options["without_front_door"],
            )
        self._accounts_print(demo_accounts())

    def _generate(self, *, seed: int, children_per_area: int, front_door: bool) -> None:
        self.stdout.write(f"Creating the demo partnership (seed {seed}, {children_per_area:,} children per area)...")
        started = time.monotonic()
        result = demo_generate(seed=seed, children_per_area=children_per_area, front_door=front_door, out=self.stdout)
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{count:,} {name}" for name, count in result.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Created {summary} in {elapsed:.1f} s."))

    def _accounts_print(self, accounts: list[DemoAccount]) -> None:
        out = self.stdout
        out.write("")
        out.write("Demo accounts (synthetic; for demonstration only):")
        out.write(
            _table(["Username", "Role", "Team", "Agency"], [[a.username, a.role, a.team, a.agency] for a in accounts])
        )
        out.write("")
        out.write(f"Every demo account has the same password: {DEMO_PASSWORD}")
        out.write("")
        out.write("Second factor: each account has an authenticator app (TOTP) already set up.")
        out.write("Either type its secret key into an authenticator app (time-based, 6 digits, 30 seconds):")
        secrets = {a.username: a.totp_secret for a in accounts}
        out.write(_table(["Username", "Authenticator secret key (base32)"], [[u, s] for u, s in secrets.items()]))
        out.write("")
        out.write("or print the current code for an account with:")
        out.write("    python manage.py demo_totp USERNAME      (for example: python manage.py demo_totp screener.nfd)")
        out.write("")
        out.write("'admin' is a system administrator with no case role: by design it sees no child's record.")


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=False)]
    lines = [headers, ["-" * width for width in widths], *rows]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in lines
    )
