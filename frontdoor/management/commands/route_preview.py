"""`manage.py route_preview`: one JSON object on standard input, the routing decision on standard output."""

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from frontdoor.routing import RoutingInputError, route
from frontdoor.routing_json import routing_decision_to_json, routing_input_from_json


class Command(BaseCommand):
    help = (
        "Preview the front door's routing decision. Reads one JSON object on standard input with "
        "case_status, risk_level, previous_risk_level (optional), age_years, "
        'learning_disability (true, false or "not_known"), immediate_risk and warning_signs; prints the decision '
        "as JSON."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        text = sys.stdin.read()
        if not text.strip():
            raise CommandError("no input: pipe one JSON object into route_preview")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(f"the input is not valid JSON: {error}") from error
        try:
            decision = route(routing_input_from_json(data))
        except RoutingInputError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(routing_decision_to_json(decision), indent=2))
