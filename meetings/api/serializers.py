"""How meetings, agenda items, plans and actions look in the API."""

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from meetings.actions_due import is_overdue
from meetings.models import Action, ActionUpdate, ContextualItem, Meeting, MeetingParticipant, Plan


class ParticipantSerializer(serializers.ModelSerializer[MeetingParticipant]):
    agency = serializers.CharField(source="agency.name")
    person = serializers.SerializerMethodField()

    class Meta:
        model = MeetingParticipant
        fields = ["agency", "person", "attendance"]

    def get_person(self, participant: MeetingParticipant) -> str:
        return participant.user.display_name if participant.user else participant.name


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    area = serializers.CharField(source="area.name")
    child_id = serializers.UUIDField(
        allow_null=True, help_text="The child a strategy or multi-agency meeting is about."
    )
    chair = serializers.SerializerMethodField()
    participants = ParticipantSerializer(many=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "kind",
            "area",
            "child_id",
            "starts_at",
            "location",
            "chair",
            "status",
            "held_at",
            "outcome_level",
            "outcome",
            "outcome_recorded_at",
            "handling_instructions",
            "participants",
        ]

    def get_chair(self, meeting: Meeting) -> str | None:
        return meeting.chair.display_name if meeting.chair else None


class AgendaChildSerializer(serializers.Serializer[Any]):
    child_id = serializers.UUIDField()
    reference = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField(help_text="The current confirmed level; for a held meeting, the level then.")
    new = serializers.BooleanField(help_text="A new referral to the MEG.")


class ContextualItemSerializer(serializers.ModelSerializer[ContextualItem]):
    class Meta:
        model = ContextualItem
        fields = ["id", "kind", "title", "description"]


class AgendaSerializer(serializers.Serializer[Any]):
    meeting_id = serializers.IntegerField()
    frozen = serializers.BooleanField(
        help_text="False while the meeting is planned (worked out afresh at every read); true once held."
    )
    children = AgendaChildSerializer(many=True)
    contextual_items = ContextualItemSerializer(many=True)


class ActionUpdateSerializer(serializers.ModelSerializer[ActionUpdate]):
    recorded_by = serializers.CharField(source="recorded_by.display_name")

    class Meta:
        model = ActionUpdate
        fields = ["note", "status", "recorded_at", "recorded_by"]


class ActionSerializer(serializers.ModelSerializer[Action]):
    plan_id = serializers.IntegerField()
    meeting_id = serializers.IntegerField(allow_null=True, help_text="The meeting that agreed it.")
    owning_agency = serializers.CharField(source="owning_agency.name")
    owner = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    updates = ActionUpdateSerializer(many=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "plan_id",
            "meeting_id",
            "description",
            "tactic",
            "owning_agency",
            "owner",
            "due_on",
            "status",
            "overdue",
            "created_at",
            "completed_at",
            "updates",
        ]

    def get_owner(self, action: Action) -> str | None:
        return action.owner.display_name if action.owner else None

    def get_overdue(self, action: Action) -> bool:
        return is_overdue(status=action.status, due_on=action.due_on, today=timezone.localdate())


class PlanSerializer(serializers.ModelSerializer[Plan]):
    child_id = serializers.UUIDField(allow_null=True, help_text="The child of a safeguarding plan.")
    contextual_item_id = serializers.IntegerField(
        allow_null=True, help_text="The place, person, vehicle or peer group of a disruption plan."
    )
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = ["id", "kind", "child_id", "contextual_item_id", "summary", "created_at", "actions"]

    @extend_schema_field(ActionSerializer(many=True))
    def get_actions(self, plan: Plan) -> Any:
        """Only the actions the reader may see: their own agency's, or all of them for the MEG."""
        return ActionSerializer(self.context["actions"], many=True).data
