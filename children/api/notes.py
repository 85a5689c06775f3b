"""Case notes by API: the same service, write gate and errors as the page."""

import uuid

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.requests import request_user
from children.access import access_child
from children.api import ChronologyEntrySerializer
from children.inputs.notes import CaseNoteInput
from children.models import NoteSource
from children.services.notes import case_note_record
from core.api_base import ERROR_DESCRIPTION, ERROR_RESPONSES, JsonApiView, OffsetDateTimeField, StrictSerializer


class CaseNoteRequest(StrictSerializer):
    occurred_at = OffsetDateTimeField(help_text="When it happened (not in the future), with its offset from UTC.")
    # DRF's metaclass takes declared fields off the class, so this field does not shadow Field.source.
    source = serializers.ChoiceField(  # type: ignore[assignment]
        choices=NoteSource.choices, help_text="Who gave the information."
    )
    carer_id = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Source parent_or_carer: the child's recorded carer."
    )
    agency_id = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Source professional: the professional's agency."
    )
    source_detail = serializers.CharField(
        max_length=150,
        required=False,
        allow_blank=True,
        default="",
        help_text="More about the source: required for a professional (name and role) and for someone else (who).",
    )
    summary = serializers.CharField(max_length=10000, help_text="What the recorder was told or saw.")


class CaseNoteCreateApi(JsonApiView):
    @extend_schema(
        operation_id="children_notes_create",
        summary="Write a case note into the child's chronology",
        description="Those who work the child's case write notes (403 for someone who may only see the child). "
        "The note keeps who recorded it, when, and from what source (rule 13), and cannot be changed afterwards. "
        + ERROR_DESCRIPTION,
        request=CaseNoteRequest,
        responses={201: ChronologyEntrySerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, child_id: uuid.UUID) -> Response:
        access_child(request_user(request), child_id)  # a child out of sight is missing, whatever the body
        form = CaseNoteRequest(data=request.data)
        form.is_valid(raise_exception=True)
        entry = case_note_record(
            actor=request_user(request), child_id=child_id, data=CaseNoteInput(**form.validated_data)
        )
        return Response(ChronologyEntrySerializer(entry).data, status=status.HTTP_201_CREATED)
