"""Allocations by API (decision 0030): the same gate, the same access log and the same services as the page."""

import uuid

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.requests import request_user
from children.access import ALLOCATABLE_ROLES
from children.models import CaseAllocation
from children.selectors.allocations import allocation_detail_read, child_allocations_read
from children.services.allocations import allocation_end, allocation_start
from core.api_base import ERROR_DESCRIPTION, ERROR_RESPONSES, READ_ERROR_RESPONSES, JsonApiView, StrictSerializer
from core.request_context import access_context_from_request


class AllocationSerializer(serializers.ModelSerializer[CaseAllocation]):
    user = serializers.CharField(source="user.display_name")
    allocated_by = serializers.CharField(source="allocated_by.display_name", allow_null=True, default=None)
    ended_by = serializers.CharField(source="ended_by.display_name", allow_null=True, default=None)

    class Meta:
        model = CaseAllocation
        fields = [
            "id",
            "child",
            "user_id",
            "user",
            "role",
            "started_at",
            "allocated_by",
            "ended_at",
            "ended_by",
            "end_reason",
        ]


class ChildAllocationsSerializer(serializers.Serializer[object]):
    current = AllocationSerializer(many=True)
    past = AllocationSerializer(many=True)


class AllocationStartRequest(StrictSerializer):
    user_id = serializers.IntegerField(min_value=1, help_text="The worker to allocate.")
    role = serializers.ChoiceField(choices=[role.value for role in ALLOCATABLE_ROLES])


class AllocationEndRequest(StrictSerializer):
    reason = serializers.CharField(
        max_length=2000,
        error_messages={"required": "Enter why the allocation ends.", "blank": "Enter why the allocation ends."},
    )


class ChildAllocationsApi(JsonApiView):
    @extend_schema(
        operation_id="children_allocations_list",
        summary="Who is allocated to a child now, and who was before",
        description="Writes one access event.",
        responses={200: ChildAllocationsSerializer, **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request, child_id: uuid.UUID) -> Response:
        record = child_allocations_read(
            user=request_user(request), child_id=child_id, context=access_context_from_request(request, channel="api")
        )
        return Response(ChildAllocationsSerializer({"current": record.current, "past": record.past}).data)

    @extend_schema(
        operation_id="children_allocations_create",
        summary="Allocate a worker to a child's case",
        description="A team manager of the team that holds the case, or the worker's own team manager, allocates. "
        "A new case-holding social worker ends the current one's allocation. " + ERROR_DESCRIPTION,
        request=AllocationStartRequest,
        responses={201: AllocationSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, child_id: uuid.UUID) -> Response:
        form = AllocationStartRequest(data=request.data)
        form.is_valid(raise_exception=True)
        allocation = allocation_start(
            actor=request_user(request),
            child_id=child_id,
            user_id=form.validated_data["user_id"],
            role=form.validated_data["role"],
        )
        return Response(AllocationSerializer(allocation).data, status=status.HTTP_201_CREATED)


class AllocationEndApi(JsonApiView):
    @extend_schema(
        operation_id="allocations_end",
        summary="End an allocation, saying why",
        description="The same managers who may allocate. Writes one access event. " + ERROR_DESCRIPTION,
        request=AllocationEndRequest,
        responses={200: AllocationSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, allocation_id: int) -> Response:
        user = request_user(request)
        allocation = allocation_detail_read(
            user=user, allocation_id=allocation_id, context=access_context_from_request(request, channel="api")
        )
        form = AllocationEndRequest(data=request.data)
        form.is_valid(raise_exception=True)
        ended = allocation_end(actor=user, allocation_id=allocation.pk, reason=form.validated_data["reason"])
        return Response(AllocationSerializer(ended).data)
