"""Missing episodes by API: the same inputs, services, gate and access log as the pages."""

import uuid
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.requests import request_user
from children.access import access_child, access_missing_episode
from children.inputs.missing import MissingEpisodeInput, MissingEpisodeReturnInput, ReturnInterviewInput
from children.models import MissingEpisode
from children.selectors.missing import missing_episode_list, missing_episode_read
from children.services.missing import (
    REPORTER_KINDS,
    missing_episode_record,
    missing_episode_return_record,
    return_interview_record,
)
from core.api_base import (
    ERROR_DESCRIPTION,
    ERROR_RESPONSES,
    READ_ERROR_RESPONSES,
    JsonApiView,
    OffsetDateTimeField,
    StrictSerializer,
)
from core.request_context import AccessContext, access_context_from_request

WHO_RECORDS = (
    "Only the team that holds the child's case and the workers allocated to the child record (403 for anyone "
    "else who may see the child; 404 for whoever may not)."
)


def _context(request: Request) -> AccessContext:
    return access_context_from_request(request, channel="api")


class MissingEpisodeDetailSerializer(serializers.ModelSerializer[MissingEpisode]):
    recorded_by = serializers.CharField(source="recorded_by.display_name")

    class Meta:
        model = MissingEpisode
        fields = [
            "id",
            "started_at",
            "ended_at",
            "reported_by_kind",
            "reported_by",
            "where_found",
            "return_interview_completed_at",
            "return_interview_by",
            "return_interview_summary",
            "recorded_at",
            "recorded_by",
        ]


class MissingEpisodeRequest(StrictSerializer):
    started_at = OffsetDateTimeField(help_text="When the child went missing; not in the future.")
    reported_by_kind = serializers.ChoiceField(
        choices=[(kind.value, kind.label) for kind in REPORTER_KINDS], help_text="Who reported the child missing."
    )
    reported_by = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True, help_text="Their name or role."
    )
    ended_at = OffsetDateTimeField(
        required=False, allow_null=True, default=None, help_text="When the child came back, if they have."
    )
    where_found = serializers.CharField(
        max_length=300, required=False, default="", allow_blank=True, help_text="Needed with ended_at."
    )


class MissingEpisodeReturnRequest(StrictSerializer):
    ended_at = OffsetDateTimeField(help_text="When the child came back; after they went missing, not in the future.")
    where_found = serializers.CharField(max_length=300, allow_blank=True)


class ReturnInterviewRequest(StrictSerializer):
    completed_at = OffsetDateTimeField(help_text="When the interview was held; after the child came back.")
    interviewed_by = serializers.CharField(max_length=200, allow_blank=True, help_text="Name and organisation.")
    summary = serializers.CharField(max_length=10_000, allow_blank=True)


def _episode_response(request: Request, episode_id: int, *, status: int = 200) -> Response:
    read = missing_episode_read(user=request_user(request), episode_id=episode_id, context=_context(request))
    return Response(MissingEpisodeDetailSerializer(read.episode).data, status=status)


def _valid(serializer_class: type[StrictSerializer], request: Request) -> dict[str, Any]:
    form = serializer_class(data=request.data)
    form.is_valid(raise_exception=True)
    return dict(form.validated_data)


class ChildMissingEpisodesApi(JsonApiView):
    @extend_schema(
        operation_id="children_missing_episodes_list",
        summary="A child's missing episodes, most recent first",
        description="Writes one access event naming the child.",
        responses={200: MissingEpisodeDetailSerializer(many=True), **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request, child_id: uuid.UUID) -> Response:
        listed = missing_episode_list(user=request_user(request), child_id=child_id, context=_context(request))
        return Response(MissingEpisodeDetailSerializer(listed.episodes, many=True).data)

    @extend_schema(
        operation_id="children_missing_episodes_create",
        summary="Record a missing episode",
        description=f"{WHO_RECORDS} A child is missing once at a time: while an episode is open, record its "
        "return first. Adds a line to the child's chronology. " + ERROR_DESCRIPTION,
        request=MissingEpisodeRequest,
        responses={201: MissingEpisodeDetailSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, child_id: uuid.UUID) -> Response:
        access_child(request_user(request), child_id)  # a child out of sight is missing, whatever the body
        data = _valid(MissingEpisodeRequest, request)
        episode = missing_episode_record(
            actor=request_user(request), child_id=child_id, data=MissingEpisodeInput(**data)
        )
        return _episode_response(request, episode.pk, status=201)


class MissingEpisodeReturnApi(JsonApiView):
    @extend_schema(
        operation_id="missing_episodes_return",
        summary="Record that the child came back: when, and where they were found",
        description=f"{WHO_RECORDS} Once per episode. Adds a line to the child's chronology. " + ERROR_DESCRIPTION,
        request=MissingEpisodeReturnRequest,
        responses={200: MissingEpisodeDetailSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, episode_id: int) -> Response:
        access_missing_episode(request_user(request), episode_id)  # a record out of sight is missing, whatever the body
        data = _valid(MissingEpisodeReturnRequest, request)
        missing_episode_return_record(
            actor=request_user(request), episode_id=episode_id, data=MissingEpisodeReturnInput(**data)
        )
        return _episode_response(request, episode_id)


class ReturnInterviewApi(JsonApiView):
    @extend_schema(
        operation_id="missing_episodes_return_interview",
        summary="Record the return home interview of an episode that has ended",
        description=f"{WHO_RECORDS} Refused (400) while the child is still missing, and when one is already "
        "recorded. Adds a line to the child's chronology. " + ERROR_DESCRIPTION,
        request=ReturnInterviewRequest,
        responses={200: MissingEpisodeDetailSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, episode_id: int) -> Response:
        access_missing_episode(request_user(request), episode_id)  # a record out of sight is missing, whatever the body
        data = _valid(ReturnInterviewRequest, request)
        return_interview_record(actor=request_user(request), episode_id=episode_id, data=ReturnInterviewInput(**data))
        return _episode_response(request, episode_id)
