"""Closing a child's case by API: the same service and checks as the page."""

import uuid

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.requests import request_user
from children.access import access_child
from children.models import Child
from children.selectors import child_summary_read
from children.services.closure import child_case_close
from core.api_base import ERROR_DESCRIPTION, ERROR_RESPONSES, JsonApiView, StrictSerializer
from core.request_context import access_context_from_request


class CaseCloseRequest(StrictSerializer):
    reason = serializers.CharField(max_length=5000, allow_blank=True, help_text="Why the case is being closed.")


class CaseClosedSerializer(serializers.ModelSerializer[Child]):
    closed_by = serializers.CharField(source="closed_by.display_name")

    class Meta:
        model = Child
        fields = ["id", "reference", "case_status", "closed_at", "closed_by", "closure_reason"]


class ChildClosureApi(JsonApiView):
    @extend_schema(
        operation_id="children_close",
        summary="Close a child's case (a team manager of the team that holds it)",
        description="403 for anyone else who may see the child. Refused (400, each reason in non_field_errors) "
        "while a task is still to do or a contact waits to be screened, while the risk is medium or high, while "
        "the child is missing, and, for a child under 13 or with a learning disability, until the front door has "
        "screened a contact and a strategy or multi-agency meeting has been held since the newest one (rule 7). "
        "Adds a line to the child's chronology. " + ERROR_DESCRIPTION,
        request=CaseCloseRequest,
        responses={200: CaseClosedSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, child_id: uuid.UUID) -> Response:
        access_child(request_user(request), child_id)  # a child out of sight is missing, whatever the body
        form = CaseCloseRequest(data=request.data)
        form.is_valid(raise_exception=True)
        user = request_user(request)
        child_case_close(actor=user, child_id=child_id, reason=form.validated_data["reason"])
        child = child_summary_read(
            user=user, child_id=child_id, context=access_context_from_request(request, channel="api")
        )
        return Response(CaseClosedSerializer(child).data)
