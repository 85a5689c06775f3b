"""Plans and actions by API: every agency sees and updates its own actions, through the same gates
and the same access log as the pages."""

from typing import Any

from django.db.models import prefetch_related_objects
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Agency, User
from accounts.requests import request_user
from core.api_base import ERROR_DESCRIPTION, ERROR_RESPONSES, READ_ERROR_RESPONSES, JsonApiView, StrictSerializer
from core.request_context import AccessContext, access_context_from_request
from meetings.access import access_plan
from meetings.api.serializers import ActionSerializer, PlanSerializer
from meetings.models import Action, ActionStatus, Meeting, Tactic
from meetings.selectors.plans import (
    action_created_read,
    action_record_read,
    agency_open_actions,
    agency_overdue_actions,
    plan_actions_by_agency,
)
from meetings.services.plans import action_create, action_update_record

API_PAGE = 300  # actions an answer holds; ask for the next page for more


def _context(request: Request) -> AccessContext:
    return access_context_from_request(request, channel="api")


def _action_read(request: Request, action_id: int) -> Action:
    return action_record_read(user=request_user(request), action_id=action_id, context=_context(request))


class ActionListApi(JsonApiView):
    @extend_schema(
        operation_id="actions_list",
        summary="Your agency's open MEG actions, overdue first",
        description="Writes one access event naming the children of the safeguarding plans listed.",
        parameters=[
            OpenApiParameter("overdue", bool, description="true: only the overdue ones, yours first."),
            OpenApiParameter("page", int, description=f"Which page of {API_PAGE} actions, from 1 (default 1)."),
        ],
        responses={200: ActionSerializer(many=True), **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request) -> Response:
        overdue = request.query_params.get("overdue", "false")
        if overdue not in ("true", "false"):
            raise serializers.ValidationError({"overdue": ["Must be true or false."]})
        page = request.query_params.get("page", "1")
        if not page.isdigit() or int(page) < 1:
            raise serializers.ValidationError({"page": ["Must be a whole number from 1."]})
        read = agency_overdue_actions if overdue == "true" else agency_open_actions
        listed = read(user=request_user(request), context=_context(request), page=int(page), per_page=API_PAGE)
        actions = [row.action for row in listed]
        prefetch_related_objects(actions, "updates__recorded_by")
        return Response(ActionSerializer(actions, many=True).data)


class ActionDetailApi(JsonApiView):
    @extend_schema(
        operation_id="actions_retrieve",
        summary="One action with its update history",
        description="Your agency's actions; MEG business support and chairs see every action of their areas. "
        "Writes one access event when the action belongs to a child's safeguarding plan.",
        responses={200: ActionSerializer, **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request, action_id: int) -> Response:
        return Response(ActionSerializer(_action_read(request, action_id)).data)


class ActionUpdateRequest(StrictSerializer):
    note = serializers.CharField(max_length=5000, allow_blank=True, help_text="What has been done.")
    status = serializers.ChoiceField(choices=ActionStatus.choices, help_text="The action's status after this update.")


class ActionUpdateApi(JsonApiView):
    @extend_schema(
        operation_id="actions_update",
        summary="Add an update to one of your agency's actions",
        description="Only the owning agency updates an action (403 for anyone else who may see it); a done or "
        "cancelled action cannot be updated. Returns the action with its history. " + ERROR_DESCRIPTION,
        request=ActionUpdateRequest,
        responses={200: ActionSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, action_id: int) -> Response:
        action = _action_read(request, action_id)
        form = ActionUpdateRequest(data=request.data)
        form.is_valid(raise_exception=True)
        action_update_record(action=action, by=request_user(request), **form.validated_data)
        return Response(ActionSerializer(Action.objects.get(pk=action.pk)).data)


class PlanDetailApi(JsonApiView):
    @extend_schema(
        operation_id="plans_retrieve",
        summary="A safeguarding or disruption plan, with the actions you may see",
        description="MEG business support and chairs see every action; anyone else who may see the plan's child "
        "sees their own agency's actions. Writes one access event for a safeguarding plan.",
        responses={200: PlanSerializer, **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request, plan_id: int) -> Response:
        user = request_user(request)
        plan = access_plan(user, plan_id)
        groups = plan_actions_by_agency(plan=plan, user=user, context=_context(request))
        actions = [row.action for group in groups for row in group.rows]
        return Response(PlanSerializer(plan, context={"actions": actions}).data)


class ActionCreateRequest(StrictSerializer):
    description = serializers.CharField(max_length=5000, allow_blank=True)
    tactic = serializers.ChoiceField(choices=Tactic.choices)
    owning_agency_id = serializers.IntegerField()
    owner_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    due_on = serializers.DateField()
    meeting_id = serializers.IntegerField(required=False, allow_null=True, default=None)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, list[str]] = {}
        agency = Agency.objects.filter(pk=data["owning_agency_id"]).first()
        if agency is None:
            errors["owning_agency_id"] = ["No agency has this id."]
        owner = None
        if data["owner_id"] is not None:
            owner = User.objects.filter(pk=data["owner_id"], is_active=True).first()
            if owner is None:
                errors["owner_id"] = ["No active user has this id."]
        meeting = None
        if data["meeting_id"] is not None:
            meeting = Meeting.objects.filter(pk=data["meeting_id"]).first()
            if meeting is None:
                errors["meeting_id"] = ["No meeting has this id."]
        if errors:
            raise serializers.ValidationError(errors)
        return {**data, "owning_agency": agency, "owner": owner, "meeting": meeting}


class PlanActionCreateApi(JsonApiView):
    @extend_schema(
        operation_id="plans_actions_create",
        summary="Agree a new action under a plan (MEG business support and chairs)",
        description="The owner, when named, must work for the owning agency; the due date cannot be in the past; "
        "disruption plans take disruption tactics. " + ERROR_DESCRIPTION,
        request=ActionCreateRequest,
        responses={201: ActionSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, plan_id: int) -> Response:
        user = request_user(request)
        plan = access_plan(user, plan_id)
        form = ActionCreateRequest(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        action = action_create(
            plan=plan,
            by=user,
            description=data["description"],
            tactic=data["tactic"],
            owning_agency=data["owning_agency"],
            owner=data["owner"],
            due_on=data["due_on"],
            meeting=data["meeting"],
        )
        action = action_created_read(user=user, plan=plan, action=action, context=_context(request))
        return Response(ActionSerializer(action).data, status=201)
