"""Meetings and their agendas by API: the same gates and the same access log as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.requests import request_user
from assessments.levels import RiskLevel
from core.api_base import ERROR_DESCRIPTION, ERROR_RESPONSES, READ_ERROR_RESPONSES, JsonApiView, StrictSerializer
from core.request_context import access_context_from_request
from meetings.api.serializers import AgendaSerializer, MeetingSerializer
from meetings.models import Meeting
from meetings.selectors.agenda import meeting_agenda_read, meeting_list_read
from meetings.services.records import meeting_outcome_record


class MeetingListApi(JsonApiView):
    @extend_schema(
        operation_id="meetings_list",
        summary="The meetings you may see: your areas' MEGs, and meetings about children you work with",
        description="Soonest first, at most 200. Writes one access event naming the children that strategy and "
        "multi-agency meetings are about (none when there are none).",
        responses={200: MeetingSerializer(many=True), **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request) -> Response:
        meetings = meeting_list_read(
            user=request_user(request), context=access_context_from_request(request, channel="api")
        )
        prefetched = Meeting.objects.filter(pk__in=[m.pk for m in meetings]).prefetch_related(
            "participants__agency", "participants__user"
        )
        by_id = {meeting.pk: meeting for meeting in prefetched.select_related("area", "chair")}
        return Response(MeetingSerializer([by_id[m.pk] for m in meetings], many=True).data)


class MeetingDetailApi(JsonApiView):
    @extend_schema(
        operation_id="meetings_retrieve",
        summary="A meeting: kind, date, chair, who was invited and came, status",
        description="Writes one access event for the children on its agenda.",
        responses={200: MeetingSerializer, **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request, meeting_id: int) -> Response:
        read = meeting_agenda_read(
            user=request_user(request),
            meeting_id=meeting_id,
            context=access_context_from_request(request, channel="api"),
        )
        return Response(MeetingSerializer(read.meeting).data)


class MeetingAgendaApi(JsonApiView):
    @extend_schema(
        operation_id="meetings_agenda_items",
        summary="A meeting's agenda items: its children with their level, and its contextual items",
        description="For a planned MEG, every medium and high risk child of the area not taken off by a recorded "
        "decision, worked out at the moment of the request; once the meeting is held, the agenda as it was then. "
        "Writes one access event naming every child on it.",
        responses={200: AgendaSerializer, **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request, meeting_id: int) -> Response:
        read = meeting_agenda_read(
            user=request_user(request),
            meeting_id=meeting_id,
            context=access_context_from_request(request, channel="api"),
        )
        children = [
            {
                "child_id": entry.child_id,
                "reference": read.children[entry.child_id].reference,
                "name": read.children[entry.child_id].full_name,
                "level": entry.level,
                "new": entry.new,
            }
            for entry in read.agenda.children
        ]
        agenda = {
            "meeting_id": read.meeting.pk,
            "frozen": read.agenda.frozen,
            "children": children,
            "contextual_items": read.agenda.contextual_items,
        }
        return Response(AgendaSerializer(agenda).data)


class MeetingOutcomeRequest(StrictSerializer):
    level = serializers.ChoiceField(choices=RiskLevel.choices, help_text="The level of risk the meeting determined.")
    outcome = serializers.CharField(max_length=5000, help_text="What the meeting decided.")


class MeetingOutcomeApi(JsonApiView):
    @extend_schema(
        operation_id="meetings_outcome",
        summary="Record a strategy or multi-agency meeting's outcome and the level of risk it determined",
        description="Those who run the meeting (decision 0016), once, after it is recorded as held. The level "
        "becomes the child's, with the meeting as its source: medium or high releases the referrals that waited "
        "for it; low cancels them, routes the case as low and starts the step-down when the level fell. Writes "
        "one access event for the meeting's child. " + ERROR_DESCRIPTION,
        request=MeetingOutcomeRequest,
        responses={200: MeetingSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, meeting_id: int) -> Response:
        read = meeting_agenda_read(
            user=request_user(request),
            meeting_id=meeting_id,
            context=access_context_from_request(request, channel="api"),
        )
        form = MeetingOutcomeRequest(data=request.data)
        form.is_valid(raise_exception=True)
        meeting = meeting_outcome_record(
            meeting=read.meeting,
            level=RiskLevel(form.validated_data["level"]),
            outcome=form.validated_data["outcome"],
            by=request_user(request),
        )
        return Response(MeetingSerializer(Meeting.objects.get(pk=meeting.pk)).data)
