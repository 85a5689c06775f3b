"""The children API: the same gate and the same access log as the pages."""

import uuid
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from children.api.fields import LearningDisabilityField
from children.inputs.corrections import ChildDetailsInput
from children.inputs.placement import HOST_FIELDS, HOST_TEXT_MAX, HOST_WITHOUT_PLACEMENT
from children.models import Child, ChronologyEntry, Ethnicity, Gender, MissingEpisode, SpecialEducationalNeeds
from children.selectors import ChildRecord, child_detail_read, child_list_logged, child_list_queryset
from children.services.corrections import child_details_correct
from core.access_policy import Policy
from core.api_base import ERROR_DESCRIPTION, ERROR_RESPONSES, JsonApiView, StrictBooleanField, StrictSerializer
from core.request_context import access_context_from_request


class ChildSummarySerializer(serializers.ModelSerializer[Child]):
    holding_team = serializers.CharField(source="holding_team.name")
    responsible_authority = serializers.CharField(source="responsible_authority.name")

    class Meta:
        model = Child
        fields = [
            "id",
            "reference",
            "first_name",
            "last_name",
            "known_as",
            "date_of_birth",
            "case_status",
            "placed_out_of_area",
            "host_authority",
            "host_social_worker",
            "host_social_worker_contact",
            "holding_team",
            "responsible_authority",
        ]


class ChronologyEntrySerializer(serializers.ModelSerializer[ChronologyEntry]):
    recorded_by = serializers.CharField(source="recorded_by.display_name")
    source_agency = serializers.CharField(source="source_agency.name", allow_null=True, default=None)
    source_carer_id = serializers.IntegerField(allow_null=True)

    class Meta:
        model = ChronologyEntry
        fields = [
            "id",
            "occurred_at",
            "recorded_at",
            "recorded_by",
            "source",
            "source_kind",
            "source_carer_id",
            "source_agency",
            "source_detail",
            "kind",
            "summary",
        ]


class MissingEpisodeSerializer(serializers.ModelSerializer[MissingEpisode]):
    class Meta:
        model = MissingEpisode
        fields = [
            "started_at",
            "ended_at",
            "reported_by",
            "where_found",
            "return_interview_completed_at",
            "return_interview_summary",
        ]


class ChildDetailSerializer(ChildSummarySerializer):
    home_authority = serializers.CharField(source="home_authority.name")
    learning_disability = LearningDisabilityField()
    chronology = ChronologyEntrySerializer(many=True)
    missing_episodes = MissingEpisodeSerializer(many=True)

    class Meta(ChildSummarySerializer.Meta):
        fields = [
            *ChildSummarySerializer.Meta.fields,
            "gender",
            "ethnicity",
            "nhs_number",
            "home_authority",
            "looked_after",
            "learning_disability",
            "special_educational_needs",
            "school",
            "chronology",
            "missing_episodes",
        ]


class ChildListApi(APIView):
    access_policy = Policy.API

    @extend_schema(responses=ChildSummarySerializer(many=True), operation_id="children_list")
    def get(self, request: Request) -> Response:
        user = request_user(request)
        paginator = PageNumberPagination()
        queryset = child_list_queryset(user=user).order_by("last_name", "first_name", "id")
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        child_list_logged(
            user=user,
            children=page,
            context=access_context_from_request(request, channel="api"),
        )
        return paginator.get_paginated_response(ChildSummarySerializer(page, many=True).data)


class ChildCorrectionRequest(StrictSerializer):
    """Only the details given change; `reason` is required."""

    first_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    known_as = serializers.CharField(max_length=100, required=False, allow_blank=True)
    date_of_birth = serializers.DateField(required=False, allow_null=True, help_text="null: not known.")
    gender = serializers.ChoiceField(choices=Gender.choices, required=False)
    ethnicity = serializers.ChoiceField(choices=Ethnicity.choices, required=False)
    nhs_number = serializers.CharField(max_length=14, required=False, allow_blank=True, help_text="10 digits.")
    learning_disability = LearningDisabilityField(required=False)
    special_educational_needs = serializers.ChoiceField(choices=SpecialEducationalNeeds.choices, required=False)
    school = serializers.CharField(max_length=150, required=False, allow_blank=True)
    looked_after = StrictBooleanField(required=False)
    placed_out_of_area = StrictBooleanField(
        required=False,
        help_text="A child of ours placed out of area (procedure 2.2; the case-holding social worker liaises with "
        "the host authority). true needs a host authority, given here or already recorded; false removes the host "
        "details. Refused for a child from another authority living here.",
    )
    host_authority = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=HOST_TEXT_MAX,
        help_text="The host authority's name. Only with placed_out_of_area; left out: kept as recorded.",
    )
    host_social_worker = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=HOST_TEXT_MAX,
        help_text="The host authority's social worker. Only with placed_out_of_area; left out: kept as recorded.",
    )
    host_social_worker_contact = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=HOST_TEXT_MAX,
        help_text="Their phone number or email. Only with placed_out_of_area; left out: kept as recorded.",
    )
    reason = serializers.CharField(max_length=5000, help_text="Why the details are corrected.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        hosts = [name for name in HOST_FIELDS if name in attrs]
        if hosts and "placed_out_of_area" not in attrs:
            raise serializers.ValidationError({hosts[0]: HOST_WITHOUT_PLACEMENT})
        return attrs


def _detail_data(record: ChildRecord) -> dict[str, Any]:
    child = record.child
    # The serializer reads the lists the selector already loaded, not the database again.
    child._prefetched_objects_cache = {  # type: ignore[attr-defined]
        "chronology": record.chronology,
        "missing_episodes": record.missing_episodes,
    }
    data: dict[str, Any] = ChildDetailSerializer(child).data
    return data


class ChildDetailApi(JsonApiView):
    @extend_schema(responses=ChildDetailSerializer, operation_id="children_retrieve")
    def get(self, request: Request, child_id: uuid.UUID) -> Response:
        record = child_detail_read(
            user=request_user(request),
            child_id=child_id,
            context=access_context_from_request(request, channel="api"),
        )
        return Response(_detail_data(record))

    @extend_schema(
        operation_id="children_correct",
        summary="Correct the child's details, saying why",
        description="Those who work the child's case correct its details (403 for someone who may only see the "
        "child). Only the details given change; each change keeps what the detail was, who corrected it, when "
        "and why, and goes in the chronology. A duplicate NHS number is refused; a placement out of area is "
        "judged as the screening judges it (a host authority when placed). Returns the child. " + ERROR_DESCRIPTION,
        request=ChildCorrectionRequest,
        responses={200: ChildDetailSerializer, **ERROR_RESPONSES},
    )
    def patch(self, request: Request, child_id: uuid.UUID) -> Response:
        form = ChildCorrectionRequest(data=request.data)
        form.is_valid(raise_exception=True)
        given = dict(form.validated_data)
        reason = given.pop("reason")
        user = request_user(request)
        child_details_correct(actor=user, child_id=child_id, data=ChildDetailsInput(**given), reason=reason)
        record = child_detail_read(
            user=user, child_id=child_id, context=access_context_from_request(request, channel="api")
        )
        return Response(_detail_data(record))
