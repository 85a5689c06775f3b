"""The routing decision as JSON, shared by `manage.py route_preview` and the API.

Parsing is strict: a field the procedure does not know, a missing field or a value of the wrong
type is refused with a message naming the field, so that a script's typo never routes a child
on a default.
"""

from typing import Any

from children.case_status import FORMER_PLACED_OUT_OF_AREA, CaseStatus
from children.learning_disability import LearningDisability
from frontdoor.routing import RoutingDecision, RoutingInput, RoutingInputError

REQUIRED_FIELDS = ("case_status", "risk_level", "age_years", "learning_disability", "immediate_risk")
OPTIONAL_FIELDS = ("previous_risk_level", "warning_signs", "placed_out_of_area")


def routing_input_from_json(data: Any) -> RoutingInput:
    if not isinstance(data, dict):
        raise RoutingInputError('the input must be one JSON object, like {"case_status": "new_case", ...}')
    unknown = sorted(set(data) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise RoutingInputError(f"unknown field(s): {', '.join(unknown)}")
    missing = [name for name in REQUIRED_FIELDS if name not in data]
    if missing:
        raise RoutingInputError(f"missing field(s): {', '.join(missing)}")
    signs = data.get("warning_signs", [])
    if signs is None:
        signs = []
    if not isinstance(signs, list) or not all(isinstance(sign, str) for sign in signs):
        raise RoutingInputError("warning_signs must be a list of warning sign codes")
    case_status, placed = data["case_status"], data.get("placed_out_of_area", False)
    if case_status == FORMER_PLACED_OUT_OF_AREA:
        # route_preview and the routing preview are interfaces that stay stable (DESIGN.md): the former
        # fifth status still reads, as the data migration read it, as a case open to social care with
        # the duty to liaise with the host authority (procedure correction 5, decision 0034).
        if data.get("placed_out_of_area", True) is not True:
            raise RoutingInputError(
                'case_status "placed_out_of_area" says the child is placed out of area; placed_out_of_area '
                "cannot be false with it"
            )
        case_status, placed = CaseStatus.OPEN_SOCIAL_CARE.value, True
    # RoutingInput checks each code and turns it into its enum.
    return RoutingInput(
        case_status=case_status,
        risk_level=data["risk_level"],
        previous_risk_level=data.get("previous_risk_level"),
        age_years=data["age_years"],
        learning_disability=data["learning_disability"],
        immediate_risk=data["immediate_risk"],
        warning_signs=signs,
        placed_out_of_area=placed,
    )


def learning_disability_json(value: LearningDisability | bool | str) -> bool | str:
    """How the JSON says it: true, false, or "not_known"."""
    if value == LearningDisability.NOT_KNOWN:
        return LearningDisability.NOT_KNOWN.value
    return value is True or value == LearningDisability.YES


def routing_decision_to_json(decision: RoutingDecision) -> dict[str, Any]:
    return {
        "task_codes": [str(code) for code in decision.task_codes],
        "tasks": [
            {
                "code": str(task.code),
                "owner": str(task.owner),
                "team": str(task.team) if task.team else None,
                "due_hours": task.due_hours,
                "due_by": str(task.due_by) if task.due_by else None,
                "support_months": task.support_months,
                "condition": str(task.condition) if task.condition else None,
                "reason": task.reason,
            }
            for task in decision.tasks
        ],
        "meg_agenda": decision.meg_agenda,
        "meg_agenda_condition": str(decision.meg_agenda_condition) if decision.meg_agenda_condition else None,
        "flags": sorted(str(flag) for flag in decision.flags),
        "reasons": list(decision.reasons),
    }
