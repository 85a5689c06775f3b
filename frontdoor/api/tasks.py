"""Tasks by API: the worklist, one task, completing and cancelling. The same gates and access log as the pages."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.requests import request_user
from assessments.levels import RiskLevel
from core.api_base import (
    ERROR_DESCRIPTION,
    ERROR_RESPONSES,
    READ_ERROR_RESPONSES,
    JsonApiView,
    StrictBooleanField,
    StrictSerializer,
)
from core.request_context import access_context_from_request
from frontdoor.api.serializers import TaskChangesSerializer, TaskSerializer, WorklistSerializer
from frontdoor.forms import TaskCompleteForm
from frontdoor.models import Task, TaskStatus
from frontdoor.selectors.tasks import task_detail_read, task_worklist
from frontdoor.services.tasks import task_cancel, task_complete
from frontdoor.task_release import MeetingDecision, Outcome

# What completing each task asks (the task page asks the same); any other answer is refused, not stored.
OUTCOME_QUESTIONS: dict[str, tuple[str, ...]] = TaskCompleteForm.QUESTIONS


class OutcomeRequest(StrictSerializer):
    new_concerns = StrictBooleanField(
        required=False, allow_null=True, help_text="Complete the risk assessment: did it identify new concerns?"
    )
    meeting = serializers.ChoiceField(
        choices=[decision.value for decision in MeetingDecision],
        required=False,
        allow_null=True,
        help_text="Decide on a meeting: which meeting, or neither.",
    )
    confirmed_level = serializers.ChoiceField(
        choices=RiskLevel.choices,
        required=False,
        allow_null=True,
        help_text="Decide on a meeting: the level of risk it confirmed.",
    )
    stepped_down = StrictBooleanField(
        required=False,
        allow_null=True,
        help_text="Step down: true if stepped down to Early Help, false if Early Help works alongside.",
    )


class TaskCompleteRequest(StrictSerializer):
    outcome = OutcomeRequest(
        required=False, help_text="What the procedure needs to know from this task (see the task's outcome_required)."
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    designated_cse_worker_id = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text="Refer to the Designated CSE worker: whom to allocate, where the child's area has several "
        "(decision 0030). Left out when it has one.",
    )

    def validate_outcome(self, value: dict[str, Any]) -> dict[str, Any]:
        task = self.context["task"]
        assert isinstance(task, Task)
        asked = OUTCOME_QUESTIONS.get(task.code, ())
        answered = {name for name, answer in value.items() if answer is not None}
        unasked = sorted(answered - set(asked))
        if unasked:
            raise serializers.ValidationError(
                {name: [f"Completing '{task.title}' does not ask this."] for name in unasked}
            )
        return value


class TaskCancelRequest(StrictSerializer):
    reason = serializers.CharField(
        max_length=5000,
        error_messages={"required": "Enter why the task is not needed.", "blank": "Enter why the task is not needed."},
    )


def _outcome(data: dict[str, Any]) -> Outcome:
    return Outcome(
        new_concerns=data.get("new_concerns"),
        meeting=MeetingDecision(data["meeting"]) if data.get("meeting") else None,
        confirmed_level=RiskLevel(data["confirmed_level"]) if data.get("confirmed_level") else None,
        stepped_down=data.get("stepped_down"),
    )


def _waiting_on(task: Task) -> list[int]:
    """The tasks that wait for a finding in the same screening: completing this task may settle them."""
    if task.screening_id is None:
        return []
    waiting = Task.objects.filter(child=task.child_id, screening=task.screening_id, status=TaskStatus.WAITING)
    return list(waiting.exclude(pk=task.pk).values_list("pk", flat=True))


def _settled(task_ids: list[int], status: TaskStatus) -> list[Task]:
    settled = Task.objects.filter(pk__in=task_ids, status=status)
    return list(settled.select_related("child", "team", "assigned_to", "completed_by").order_by("id"))


class TaskListApi(JsonApiView):
    @extend_schema(
        operation_id="tasks_worklist",
        summary="Your worklist: overdue, open and waiting tasks (and, for screeners, contacts to screen)",
        description="Writes one access event naming every child shown (none when the worklist is empty). "
        + ERROR_DESCRIPTION,
        parameters=[
            OpenApiParameter("team", OpenApiTypes.INT, description="One of your teams; left out, all of them.")
        ],
        responses={200: WorklistSerializer, **ERROR_RESPONSES},
    )
    def get(self, request: Request) -> Response:
        user = request_user(request)
        team = request.query_params.get("team")
        team_id = None
        if team is not None:
            if not team.isdigit() or not user.teams.filter(pk=int(team)).exists():
                raise serializers.ValidationError({"team": ["Give the id of one of your teams, or leave team out."]})
            team_id = int(team)
        context = access_context_from_request(request, channel="api")
        worklist = task_worklist(user=user, context=context, team_id=team_id)
        return Response(WorklistSerializer(worklist).data)


class TaskDetailApi(JsonApiView):
    @extend_schema(
        operation_id="tasks_retrieve",
        summary="A task about a child you may see",
        description="Writes one access event.",
        responses={200: TaskSerializer, **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request, task_id: int) -> Response:
        task = task_detail_read(
            user=request_user(request), task_id=task_id, context=access_context_from_request(request, channel="api")
        )
        return Response(TaskSerializer(task).data)


class TaskCompleteApi(JsonApiView):
    @extend_schema(
        operation_id="tasks_complete",
        summary="Complete a task, recording its outcome",
        description="Records the outcome the procedure needs from the task (its `outcome_required`), and releases "
        "or cancels the tasks that waited for that finding. Returns the task and the tasks it released or "
        "cancelled. Writes one access event. " + ERROR_DESCRIPTION,
        request=TaskCompleteRequest,
        responses={200: TaskChangesSerializer, **ERROR_RESPONSES},
        examples=[
            OpenApiExample(
                "The meeting decision",
                request_only=True,
                value={"outcome": {"meeting": "multi_agency_meeting", "confirmed_level": "high"}, "note": ""},
            )
        ],
    )
    def post(self, request: Request, task_id: int) -> Response:
        user = request_user(request)
        task = task_detail_read(user=user, task_id=task_id, context=access_context_from_request(request, channel="api"))
        form = TaskCompleteRequest(data=request.data, context={"task": task})
        form.is_valid(raise_exception=True)
        waiting = _waiting_on(task)
        done = task_complete(
            task=task,
            by=user,
            outcome=_outcome(form.validated_data.get("outcome", {})),
            note=form.validated_data["note"],
            designated_cse_worker_id=form.validated_data.get("designated_cse_worker_id"),
        )
        changes = {
            "task": done,
            "released": _settled(waiting, TaskStatus.OPEN),
            "cancelled": _settled(waiting, TaskStatus.CANCELLED),
        }
        return Response(TaskChangesSerializer(changes).data)


class TaskCancelApi(JsonApiView):
    @extend_schema(
        operation_id="tasks_cancel",
        summary="Cancel a task that is not needed, saying why",
        description="Contacting the police about immediate risk cannot be cancelled, and a concern about a child "
        "under 13 or with a learning disability is closed only by the front door (procedure 2.2, note). "
        "Writes one access event. " + ERROR_DESCRIPTION,
        request=TaskCancelRequest,
        responses={200: TaskSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, task_id: int) -> Response:
        user = request_user(request)
        task = task_detail_read(user=user, task_id=task_id, context=access_context_from_request(request, channel="api"))
        form = TaskCancelRequest(data=request.data)
        form.is_valid(raise_exception=True)
        return Response(TaskSerializer(task_cancel(task=task, by=user, reason=form.validated_data["reason"])).data)
