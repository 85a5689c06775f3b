"""`manage.py demo_totp USERNAME`: the current authenticator code of a demo account."""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

REFUSAL = (
    "demo_totp refuses to run because DEBUG is off. Printing a second-factor code defeats the "
    "second factor; it is only for demo accounts on a development machine, with DEBUG=true."
)


class Command(BaseCommand):
    help = "Print the current 6-digit authenticator (TOTP) code of a user's confirmed device. Development only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The account, for example screener.nfd")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(REFUSAL)
        username: str = options["username"]
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called {username!r}. Run seed_demo to list the demo accounts.")
        device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()
        if device is None:
            raise CommandError(f"{username!r} has no confirmed authenticator app, so there is no code to show.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
        remaining = device.step - int(time.time() - device.t0) % device.step
        self.stdout.write(f"{code:0{device.digits}d}")
        self.stderr.write(f"Code for {username}; valid for about {remaining} more seconds.")
