"""Screening by API: the case status and the risk assessment, then the decision that routes the case.

Each request reads its record through the selector (the gate and one access event), then calls the
service that writes; a refusal anywhere rolls the whole request back, the access event with it.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.requests import request_user
from assessments.levels import RiskLevel
from assessments.selectors import assessment_tool_active, tool_definition_of
from assessments.tool_definition import ToolDefinition
from children.api.fields import CaseStatusField
from children.case_status import CaseStatus
from children.inputs.placement import HOST_FIELDS, HOST_TEXT_MAX, HOST_WITHOUT_PLACEMENT, PlacementInput
from core.api_base import ERROR_DESCRIPTION, ERROR_RESPONSES, READ_ERROR_RESPONSES, JsonApiView, StrictSerializer
from core.request_context import access_context_from_request
from frontdoor.api.base import screener_team
from frontdoor.api.serializers import AssessmentSerializer, ScreeningDecisionSerializer, ScreeningSerializer
from frontdoor.models import Screening
from frontdoor.routing import MAX_AGE_YEARS, OVER_AGE_EXPLANATION
from frontdoor.routing_json import routing_decision_to_json
from frontdoor.selectors.contacts import contact_detail_read
from frontdoor.selectors.screenings import (
    ScreeningRecord,
    assessment_detail_read,
    assessment_domain_answers,
    screening_detail_read,
)
from frontdoor.services.screening import screening_answers_save, screening_decide, screening_start


class ScreeningAnswersRequest(StrictSerializer):
    case_status = CaseStatusField(error_messages={"required": "Select the case status (procedure 2.2)."})
    placed_out_of_area = serializers.BooleanField(
        required=False,
        help_text="A child of ours placed out of area (procedure 2.2): the case-holding social worker liaises with "
        "the host authority, as well as everything the case status routes. Left out: keep the current answer (at "
        "the start, the child's record); with it, the host fields below replace the current ones.",
    )
    host_authority = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=HOST_TEXT_MAX,
        help_text="The host authority's name: required when placed_out_of_area is true.",
    )
    host_social_worker = serializers.CharField(
        required=False, allow_blank=True, max_length=HOST_TEXT_MAX, help_text="The host authority's social worker."
    )
    host_social_worker_contact = serializers.CharField(
        required=False, allow_blank=True, max_length=HOST_TEXT_MAX, help_text="Their phone number or email."
    )
    selected_indicators = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Codes of the tool's indicators. Left out: keep the current selection (at the start, the "
        "contact's warning signs and vulnerability factors that the tool lists).",
    )
    domain_notes = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=5000),
        required=False,
        help_text="Notes by domain code. Left out: keep the current notes.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        hosts = [name for name in HOST_FIELDS if name in attrs]
        if hosts and "placed_out_of_area" not in attrs:
            raise serializers.ValidationError({hosts[0]: HOST_WITHOUT_PLACEMENT})
        return attrs

    def placement(self) -> PlacementInput | None:
        """The answer about a placement out of area; None when the request leaves it out."""
        data = self.validated_data
        if "placed_out_of_area" not in data:
            return None
        return PlacementInput(
            placed_out_of_area=data["placed_out_of_area"], **{name: data.get(name, "") for name in HOST_FIELDS}
        )

    def _tool(self) -> ToolDefinition:
        tool = self.context["tool"]
        assert isinstance(tool, ToolDefinition)
        return tool

    def validate_selected_indicators(self, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - set(self._tool().indicators))
        if unknown:
            raise serializers.ValidationError(
                f"{', '.join(unknown)}: not an indicator of {self._tool().title} {self._tool().version}."
            )
        return value

    def validate_domain_notes(self, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - {domain.code for domain in self._tool().domains})
        if unknown:
            raise serializers.ValidationError(
                f"{', '.join(unknown)}: not a domain of {self._tool().title} {self._tool().version}."
            )
        return value


class ScreeningDecisionRequest(StrictSerializer):
    confirmed_level = serializers.ChoiceField(
        choices=RiskLevel.choices,
        help_text="The level that routes the case.",
        error_messages={"required": "Select the level of risk you confirm."},
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=5000,
        help_text="Required when the confirmed level differs from the tool's suggestion.",
    )
    review_due_on = serializers.DateField(
        help_text="When the assessment is next reviewed: today or later.",
        error_messages={"required": "Enter the review date."},
    )
    age_estimate = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        max_value=MAX_AGE_YEARS,
        error_messages={"max_value": OVER_AGE_EXPLANATION},
        help_text="The child's age as best you know it, under 18: required when the date of birth is unknown, "
        "refused when it is known.",
    )

    def validate_age_estimate(self, value: int | None) -> int | None:
        if value is not None and self.context["date_of_birth_known"]:
            raise serializers.ValidationError("The child's date of birth is known: leave age_estimate out.")
        return value

    def validate_review_due_on(self, value: dt.date) -> dt.date:
        if value < timezone.localdate():
            raise serializers.ValidationError("The review date must be today or in the future.")
        return value


def _screening_record(screening: Screening) -> ScreeningRecord:
    """The screening as screening_detail_read shows it, for a screening this request has just saved."""
    tool = tool_definition_of(screening.assessment.tool)
    return ScreeningRecord(
        screening=screening,
        tool=tool,
        domains=assessment_domain_answers(assessment=screening.assessment, tool=tool),
        tasks=list(screening.tasks.select_related("child", "team", "assigned_to").order_by("id")),
    )


ANSWERS_EXAMPLE = {
    "case_status": "new_case",
    "selected_indicators": ["going_missing", "older_associates", "unexplained_possessions"],
    "domain_notes": {"rewards": "New phone; says a friend gave it to them."},
}


class ContactScreeningApi(JsonApiView):
    @extend_schema(
        operation_id="contacts_screening_save",
        summary="Start (or continue) the screening of a contact and save its answers (front door screeners only)",
        description="Sets the case status and the risk assessment tool's answers, and returns the screening with "
        "the tool's suggested level and its reasons. Writes one access event. A screening that has been decided "
        "cannot change: a new concern needs a new contact. " + ERROR_DESCRIPTION,
        request=ScreeningAnswersRequest,
        responses={200: ScreeningSerializer, **ERROR_RESPONSES},
        examples=[OpenApiExample("Answers", request_only=True, value=ANSWERS_EXAMPLE)],
    )
    def post(self, request: Request, contact_id: int) -> Response:
        user = request_user(request)
        screener_team(user)
        record = contact_detail_read(
            user=user, contact_id=contact_id, context=access_context_from_request(request, channel="api")
        )
        existing = record.screening
        tool = existing.assessment.tool if existing is not None else assessment_tool_active()
        form = ScreeningAnswersRequest(data=request.data, context={"tool": tool_definition_of(tool)})
        form.is_valid(raise_exception=True)
        data: dict[str, Any] = form.validated_data
        with transaction.atomic():
            screening = existing or screening_start(contact=record.contact, by=user)
            assessment = screening.assessment
            screening = screening_answers_save(
                screening=screening,
                case_status=CaseStatus(data["case_status"]),
                selected=frozenset(data.get("selected_indicators", assessment.selected_indicators)),
                domain_notes=data.get("domain_notes", assessment.domain_notes),
                by=user,
                placement=form.placement(),
            )
        return Response(ScreeningSerializer(_screening_record(screening)).data)


DECISION_EXAMPLE = {
    "confirmed_level": "high",
    "reason": "Older men and a car: the school has seen it twice.",
    "review_due_on": "2025-06-01",
}


class ScreeningDecisionApi(JsonApiView):
    @extend_schema(
        operation_id="screenings_decide",
        summary="Confirm the level and route the case (front door screeners only)",
        description="Completes the assessment with the confirmed level (a reason is required when it differs "
        "from the tool's suggestion), routes the case along its process map and puts the tasks on the teams' "
        "worklists. Returns the routing decision in the shape of POST /api/v1/routing/preview, with the ids of "
        "the tasks created. Writes one access event. " + ERROR_DESCRIPTION,
        request=ScreeningDecisionRequest,
        responses={200: ScreeningDecisionSerializer, **ERROR_RESPONSES},
        examples=[OpenApiExample("Confirming above the suggestion", request_only=True, value=DECISION_EXAMPLE)],
    )
    def post(self, request: Request, screening_id: int) -> Response:
        user = request_user(request)
        screener_team(user)
        record = screening_detail_read(
            user=user, screening_id=screening_id, context=access_context_from_request(request, channel="api")
        )
        screening = record.screening
        form = ScreeningDecisionRequest(
            data=request.data, context={"date_of_birth_known": screening.child.date_of_birth is not None}
        )
        form.is_valid(raise_exception=True)
        data: dict[str, Any] = form.validated_data
        decision = screening_decide(
            screening=screening,
            by=user,
            confirmed_level=RiskLevel(data["confirmed_level"]),
            reason=data["reason"],
            review_due_on=data["review_due_on"],
            age_estimate=data["age_estimate"],
        )
        task_ids = list(screening.tasks.order_by("id").values_list("id", flat=True))
        return Response({**routing_decision_to_json(decision), "screening_id": screening.pk, "task_ids": task_ids})


class ScreeningDetailApi(JsonApiView):
    @extend_schema(
        operation_id="screenings_retrieve",
        summary="A screening: case status, assessment domain by domain, suggestion and confirmation, decision",
        description="Writes one access event.",
        responses={200: ScreeningSerializer, **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request, screening_id: int) -> Response:
        record = screening_detail_read(
            user=request_user(request),
            screening_id=screening_id,
            context=access_context_from_request(request, channel="api"),
        )
        return Response(ScreeningSerializer(record).data)


class AssessmentDetailApi(JsonApiView):
    @extend_schema(
        operation_id="assessments_retrieve",
        summary="A risk assessment: the tool version, every domain, the suggestion and its reasons, the confirmation",
        description="Writes one access event.",
        responses={200: AssessmentSerializer, **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request, assessment_id: int) -> Response:
        record = assessment_detail_read(
            user=request_user(request),
            assessment_id=assessment_id,
            context=access_context_from_request(request, channel="api"),
        )
        return Response(AssessmentSerializer(record).data)
