"""How submissions, entities and the network look in the API, and how a submission is sent."""

from typing import Any

from rest_framework import serializers

from core.api_base import OffsetDateTimeField, StrictBooleanField, StrictSerializer
from intelligence.inputs import (
    LocationInput,
    OnlineAccountInput,
    PersonInput,
    SubmissionInput,
    VehicleInput,
)
from intelligence.models import Entity, Knowledge, LocationKind, Mention, Submission


class OnlineAccountRequest(StrictSerializer):
    platform = serializers.CharField(max_length=60)
    handle = serializers.CharField(max_length=120)


class PersonRequest(StrictSerializer):
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    nickname = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    age_estimate = serializers.IntegerField(min_value=5, max_value=100, required=False, allow_null=True, default=None)
    gender = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    phones = serializers.ListField(child=serializers.CharField(max_length=40), required=False, default=list)
    online_accounts = OnlineAccountRequest(many=True, required=False, default=list)


class VehicleRequest(StrictSerializer):
    registration = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default="", help_text="Full or partial: ? one, * several."
    )
    make = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    model = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    colour = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    marks = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class LocationRequest(StrictSerializer):
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=LocationKind.choices, required=False, allow_blank=True, default="")


class SubmissionRequest(StrictSerializer):
    narrative = serializers.CharField(max_length=20_000, allow_blank=True, help_text="What was seen or heard.")
    knowledge = serializers.ChoiceField(choices=Knowledge.choices, default=Knowledge.NOT_SAID)
    knowledge_detail = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    occurred_from = OffsetDateTimeField(required=False, allow_null=True, default=None)
    occurred_to = OffsetDateTimeField(required=False, allow_null=True, default=None)
    occurred_text = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    urgent = StrictBooleanField(required=False, default=False)
    children = serializers.ListField(child=serializers.UUIDField(), required=False, default=list)
    children_text = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    persons = PersonRequest(many=True, required=False, default=list)
    vehicles = VehicleRequest(many=True, required=False, default=list)
    locations = LocationRequest(many=True, required=False, default=list)
    phones = serializers.ListField(child=serializers.CharField(max_length=40), required=False, default=list)
    online_accounts = OnlineAccountRequest(many=True, required=False, default=list)

    def to_input(self) -> SubmissionInput:
        data: dict[str, Any] = dict(self.validated_data)

        def accounts(items: list[dict[str, str]]) -> list[OnlineAccountInput]:
            return [OnlineAccountInput(**item) for item in items]

        return SubmissionInput(
            source="professional",
            narrative=data["narrative"],
            knowledge=data["knowledge"],
            knowledge_detail=data["knowledge_detail"],
            occurred_from=data["occurred_from"],
            occurred_to=data["occurred_to"],
            occurred_text=data["occurred_text"],
            urgent=data["urgent"],
            children=data["children"],
            children_text=data["children_text"],
            persons=[
                PersonInput(**{**person, "online_accounts": accounts(person["online_accounts"])})
                for person in data["persons"]
            ],
            vehicles=[VehicleInput(**vehicle) for vehicle in data["vehicles"]],
            locations=[LocationInput(**location) for location in data["locations"]],
            phones=data["phones"],
            online_accounts=accounts(data["online_accounts"]),
        )


class MentionSerializer(serializers.ModelSerializer[Mention]):
    entity_id = serializers.IntegerField(allow_null=True)

    class Meta:
        model = Mention
        fields = ["kind", "attributes", "key", "partial", "entity_id"]


class SubmissionSerializer(serializers.ModelSerializer[Submission]):
    agency = serializers.CharField(source="agency.name", allow_null=True, default=None)
    mentions = MentionSerializer(many=True)
    children = serializers.SerializerMethodField()

    class Meta:
        model = Submission
        fields = [
            "id",
            "reference",
            "source",
            "status",
            "urgent",
            "received_at",
            "agency",
            "narrative",
            "knowledge",
            "occurred_from",
            "occurred_to",
            "occurred_text",
            "children",
            "children_text",
            "mentions",
        ]

    def get_children(self, submission: Submission) -> list[str]:
        return [str(link.child_id) for link in submission.children.all()]


class EntitySerializer(serializers.ModelSerializer[Entity]):
    submissions = serializers.SerializerMethodField()

    class Meta:
        model = Entity
        fields = ["id", "kind", "key", "label", "attributes", "submissions"]

    def get_submissions(self, entity: Entity) -> list[str]:
        """The references of the submissions that mention it."""
        return sorted({mention.submission.reference for mention in entity.mentions.all()})
