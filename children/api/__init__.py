"""The children API: the same gate and the same access log as the pages."""

import uuid

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from children.api.fields import LearningDisabilityField
from children.models import Child, ChronologyEntry, MissingEpisode
from children.selectors import child_detail_read, child_list_logged, child_list_queryset
from core.access_policy import Policy
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


class ChildDetailApi(APIView):
    access_policy = Policy.API

    @extend_schema(responses=ChildDetailSerializer, operation_id="children_retrieve")
    def get(self, request: Request, child_id: uuid.UUID) -> Response:
        record = child_detail_read(
            user=request_user(request),
            child_id=child_id,
            context=access_context_from_request(request, channel="api"),
        )
        child = record.child
        # The serializer reads the lists the selector already loaded, not the database again.
        child._prefetched_objects_cache = {  # type: ignore[attr-defined]
            "chronology": record.chronology,
            "missing_episodes": record.missing_episodes,
        }
        return Response(ChildDetailSerializer(child).data)
