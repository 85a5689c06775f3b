"""The front door API. Routing preview reads no child data, so it writes no access event."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.levels import RiskLevel
from children.api.fields import CaseStatusField, LearningDisabilityField
from core.access_policy import Policy
from frontdoor.routing import (
    MAX_AGE_YEARS,
    MIN_AGE_YEARS,
    Condition,
    DueBy,
    Flag,
    Owner,
    RoutingInputError,
    TaskCode,
    Team,
    route,
)
from frontdoor.routing_json import routing_decision_to_json, routing_input_from_json
from frontdoor.warning_signs import WarningSign

# Named lists, so that the OpenAPI schema gives each set of codes one name (settings.ENUM_NAME_OVERRIDES).
TASK_CODES = [code.value for code in TaskCode]
TASK_CONDITIONS = [condition.value for condition in Condition]


class RoutingPreviewRequestSchema(serializers.Serializer[None]):
    """Documents the request; routing_input_from_json validates it (one parser for the API and the command)."""

    case_status = CaseStatusField()
    placed_out_of_area = serializers.BooleanField(
        required=False,
        default=False,
        help_text="A child of ours placed out of area: adds liaise_with_host_authority to what the status routes "
        "(procedure 2.2). Not for a child from another authority living here.",
    )
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices)
    previous_risk_level = serializers.ChoiceField(choices=RiskLevel.choices, required=False, allow_null=True)
    age_years = serializers.IntegerField(
        min_value=MIN_AGE_YEARS, max_value=MAX_AGE_YEARS, help_text="Under 18: the procedure is for children."
    )
    learning_disability = LearningDisabilityField()
    immediate_risk = serializers.BooleanField()
    warning_signs = serializers.ListField(child=serializers.ChoiceField(choices=WarningSign.choices), required=False)


class RoutingTaskSchema(serializers.Serializer[None]):
    code = serializers.ChoiceField(choices=TASK_CODES)
    owner = serializers.ChoiceField(choices=[owner.value for owner in Owner])
    team = serializers.ChoiceField(choices=[team.value for team in Team], allow_null=True)
    due_hours = serializers.IntegerField(allow_null=True)
    due_by = serializers.ChoiceField(choices=[due.value for due in DueBy], allow_null=True)
    support_months = serializers.IntegerField(allow_null=True)
    condition = serializers.ChoiceField(choices=TASK_CONDITIONS, allow_null=True)
    reason = serializers.CharField()


class RoutingDecisionSchema(serializers.Serializer[None]):
    task_codes = serializers.ListField(child=serializers.ChoiceField(choices=TASK_CODES))
    tasks = RoutingTaskSchema(many=True)
    meg_agenda = serializers.BooleanField()
    meg_agenda_condition = serializers.ChoiceField(choices=TASK_CONDITIONS, allow_null=True)
    flags = serializers.ListField(child=serializers.ChoiceField(choices=[flag.value for flag in Flag]))
    reasons = serializers.ListField(child=serializers.CharField())


class RoutingErrorSchema(serializers.Serializer[None]):
    detail = serializers.CharField()


class RoutingPreviewApi(APIView):
    access_policy = Policy.API

    @extend_schema(
        operation_id="routing_preview",
        summary="The front door's routing decision for a screened contact, without recording anything",
        request=RoutingPreviewRequestSchema,
        responses={200: RoutingDecisionSchema, 400: RoutingErrorSchema},
        examples=[
            OpenApiExample(
                "New case at high risk",
                request_only=True,
                value={
                    "case_status": "new_case",
                    "risk_level": "high",
                    "age_years": 14,
                    "learning_disability": False,
                    "immediate_risk": False,
                    "warning_signs": ["going_missing", "older_associates", "unexplained_possessions"],
                },
            )
        ],
    )
    def post(self, request: Request) -> Response:
        try:
            facts = routing_input_from_json(request.data)
        except RoutingInputError as error:
            return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(routing_decision_to_json(route(facts)))
