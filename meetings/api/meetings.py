"""Meetings and their agendas by API: the same gates and the same access log as the pages."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.requests import request_user
from assessments.levels import RiskLevel
from core.api_base import ERROR_DESCRIPTION, ERROR_RESPONSES, READ_ERROR_RESPONSES, JsonApiView, StrictSerializer
from core.request_context import access_context_from_request
from meetings.api.serializers import AgendaSerializer, MeetingSerializer
from meetings.inputs import MeetingListFilters, MeetingWhen
from meetings.models import Meeting, MeetingKind
from meetings.selectors.agenda import meeting_agenda_read
from meetings.selectors.meeting_list import meeting_list_filtered_read
from meetings.services.records import meeting_outcome_record

API_PAGE = 200  # meetings an answer holds; ask for the next page for more


class MeetingListQuery(serializers.Serializer[Any]):
    """The list's filters, the same as the page's (`MeetingListFilters`); each one left out means any."""

    when = serializers.ChoiceField(
        choices=[when.value for when in MeetingWhen],
        required=False,
        help_text="today: starting today, before or after its hour, held or not; upcoming: starting on a later day; "
        "past: started on an earlier day, newest first. Left out: every meeting, soonest first.",
    )
    kind = serializers.ChoiceField(choices=MeetingKind.choices, required=False, help_text="The kind of meeting.")
    held = serializers.BooleanField(
        required=False, default=None, allow_null=True, help_text="true: held (or minutes approved); false: planned."
    )
    minutes_approved = serializers.BooleanField(
        required=False,
        default=None,
        allow_null=True,
        help_text="true: the chair approved a version of the minutes; false: not yet.",
    )
    page = serializers.IntegerField(
        required=False, default=1, min_value=1, help_text=f"Which page of {API_PAGE} meetings, from 1 (default 1)."
    )

    def to_filters(self) -> MeetingListFilters:
        data = self.validated_data
        return MeetingListFilters(
            when=MeetingWhen(data["when"]) if data.get("when") else None,
            kind=data.get("kind") or None,
            held=data.get("held"),
            minutes_approved=data.get("minutes_approved"),
        )


class MeetingListApi(JsonApiView):
    @extend_schema(
        operation_id="meetings_list",
        summary="The meetings you may see: your areas' MEGs, and meetings about children you work with",
        description=f"Filtered by when (today, upcoming, past), kind, held and minutes approved; soonest first (the "
        f"past newest first), {API_PAGE} a page: a page past the last is an empty array, so read pages until one is "
        "empty. Writes one access event naming the children that the page's strategy and multi-agency meetings are "
        "about (none when there are none).",
        parameters=[MeetingListQuery],
        responses={200: MeetingSerializer(many=True), 400: ERROR_RESPONSES[400], **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request) -> Response:
        query = MeetingListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        read = meeting_list_filtered_read(
            user=request_user(request),
            context=access_context_from_request(request, channel="api"),
            filters=query.to_filters(),
            page=query.validated_data["page"],
            per_page=API_PAGE,
        )
        meetings = [row.meeting for row in read.listed]
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
        "For the MEG's business support and chairs, and for those invited to it until the area's next MEG is held "
        "(decision 0035). Writes one access event naming every child on it.",
        responses={200: AgendaSerializer, **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request, meeting_id: int) -> Response:
        read = meeting_agenda_read(
            user=request_user(request),
            meeting_id=meeting_id,
            context=access_context_from_request(request, channel="api"),
            invited_read=True,
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
