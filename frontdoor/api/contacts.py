"""Contacts by API: list, record, read. The same gates and the same access log as the pages."""

import datetime as dt
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Agency
from accounts.requests import request_user
from children.access import child_visible_queryset
from children.api.fields import LearningDisabilityField
from children.learning_disability import LearningDisability
from children.models import Gender
from children.selectors import child_list_logged
from children.services import NewChild
from core.api_base import (
    ERROR_DESCRIPTION,
    ERROR_RESPONSES,
    READ_ERROR_RESPONSES,
    JsonApiView,
    OffsetDateTimeField,
    StrictBooleanField,
    StrictSerializer,
)
from core.request_context import access_context_from_request
from frontdoor.access import contact_visible_queryset
from frontdoor.api.base import screener_team
from frontdoor.api.serializers import ContactDetailSerializer, ContactSummarySerializer, contact_detail_data
from frontdoor.concern_codes import GroomingModel, GroomingStage, Setting, VulnerabilityFactor
from frontdoor.models import Involvement, ReporterRelationship
from frontdoor.selectors.contacts import contact_detail_read
from frontdoor.services.contacts import ContactDetails, LinkedChildDetails, contact_create
from frontdoor.warning_signs import WarningSign

ONE_CHILD = "Give either child_id (a child already recorded) or new_child (a child not yet recorded), not both."
NO_SUCH_CHILD = "No child you can see has this id."


def _visible_child_check(serializer: serializers.Serializer[Any], value: Any) -> Any:
    user = serializer.context["user"]
    if value is not None and not child_visible_queryset(user).filter(pk=value).exists():
        raise serializers.ValidationError(NO_SUCH_CHILD)
    return value


def _one_child(data: dict[str, Any]) -> None:
    if (data.get("child_id") is None) == (data.get("new_child") is None):
        raise serializers.ValidationError({"child_id": [ONE_CHILD], "new_child": [ONE_CHILD]})


def _name_errors(which: str) -> dict[str, Any]:
    message = f"Enter the child's {which} name, or 'Unknown'."
    return {"required": message, "blank": message, "null": message}


class NewChildRequest(StrictSerializer):
    first_name = serializers.CharField(max_length=100, help_text="Or 'Unknown'.", error_messages=_name_errors("first"))
    last_name = serializers.CharField(max_length=100, help_text="Or 'Unknown'.", error_messages=_name_errors("last"))
    known_as = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    date_of_birth = serializers.DateField(required=False, allow_null=True, default=None)
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, default=Gender.NOT_KNOWN)
    learning_disability = LearningDisabilityField(required=False, default=LearningDisability.NOT_KNOWN)
    school = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")

    def validate_date_of_birth(self, value: dt.date | None) -> dt.date | None:
        if value is not None and value > timezone.localdate():
            raise serializers.ValidationError("The date of birth must be today or in the past.")
        return value


class LinkedChildRequest(StrictSerializer):
    child_id = serializers.UUIDField(required=False, allow_null=True, default=None)
    new_child = NewChildRequest(required=False, allow_null=True, default=None)
    involvement = serializers.ChoiceField(choices=Involvement.choices)
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)

    def validate_child_id(self, value: Any) -> Any:
        return _visible_child_check(self, value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        _one_child(attrs)
        return attrs


class ContactCreateRequest(StrictSerializer):
    child_id = serializers.UUIDField(required=False, allow_null=True, default=None, help_text="A child you can see.")
    new_child = NewChildRequest(required=False, allow_null=True, default=None)
    received_at = OffsetDateTimeField(help_text="When the front door received the concern, with its UTC offset.")
    reporter_relationship = serializers.ChoiceField(choices=ReporterRelationship.choices)
    reporter_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    reporter_role = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    reporter_agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.all(), required=False, allow_null=True, default=None, help_text="A partner agency."
    )
    reporter_organisation = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    reporter_phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    reporter_email = serializers.EmailField(required=False, allow_blank=True, default="")
    concern = serializers.CharField(
        max_length=20000,
        help_text="The concern in the reporter's own words.",
        error_messages={
            "required": "Enter the concern, in the reporter's words.",
            "blank": "Enter the concern, in the reporter's words.",
        },
    )
    immediate_risk = StrictBooleanField(help_text="True puts contact_police_999 first (procedure 2.2).")
    warning_signs = serializers.ListField(
        child=serializers.ChoiceField(choices=WarningSign.choices), required=False, default=list
    )
    vulnerability_factors = serializers.ListField(
        child=serializers.ChoiceField(choices=VulnerabilityFactor.choices), required=False, default=list
    )
    grooming_models = serializers.ListField(
        child=serializers.ChoiceField(choices=GroomingModel.choices), required=False, default=list
    )
    grooming_stage = serializers.ChoiceField(
        choices=[stage.value for stage in GroomingStage if stage.value],
        required=False,
        allow_null=True,
        default=None,
        help_text="Null or left out: not known.",
    )
    setting = serializers.ChoiceField(choices=Setting.choices, required=False, default=Setting.NOT_KNOWN)
    platforms = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, default=list, help_text="As written."
    )
    linked_children = LinkedChildRequest(
        many=True,
        required=False,
        default=list,
        help_text="Other children who may be involved, as victims or perpetrators (rule 2).",
    )

    def validate_child_id(self, value: Any) -> Any:
        return _visible_child_check(self, value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        _one_child(attrs)
        return attrs


def _new_child(data: dict[str, Any] | None) -> NewChild | None:
    if data is None:
        return None
    return NewChild(
        first_name=data["first_name"],
        last_name=data["last_name"],
        known_as=data["known_as"],
        date_of_birth=data["date_of_birth"],
        gender=data["gender"],
        learning_disability=data["learning_disability"],
        school=data["school"],
    )


def _contact_details(data: dict[str, Any]) -> ContactDetails:
    return ContactDetails(
        received_at=data["received_at"],
        reporter_relationship=ReporterRelationship(data["reporter_relationship"]),
        reporter_name=data["reporter_name"],
        reporter_role=data["reporter_role"],
        reporter_agency=data["reporter_agency"],
        reporter_organisation=data["reporter_organisation"],
        reporter_phone=data["reporter_phone"],
        reporter_email=data["reporter_email"],
        concern=data["concern"],
        immediate_risk=data["immediate_risk"],
        warning_signs=frozenset(WarningSign(sign) for sign in data["warning_signs"]),
        vulnerability_factors=frozenset(VulnerabilityFactor(factor) for factor in data["vulnerability_factors"]),
        grooming_models=frozenset(GroomingModel(model) for model in data["grooming_models"]),
        grooming_stage=GroomingStage(data["grooming_stage"] or GroomingStage.NOT_KNOWN),
        setting=Setting(data["setting"]),
        platforms=tuple(data["platforms"]),
    )


def _linked_child(data: dict[str, Any]) -> LinkedChildDetails:
    return LinkedChildDetails(
        involvement=Involvement(data["involvement"]),
        existing_child_id=data["child_id"],
        new_child=_new_child(data["new_child"]),
        notes=data["notes"],
    )


CONTACT_EXAMPLE = {
    "new_child": {
        "first_name": "Kayleigh",
        "last_name": "Ormesby",
        "date_of_birth": "2011-04-03",
        "gender": "female",
        "learning_disability": False,
    },
    "received_at": "2025-03-01T14:30:00+00:00",
    "reporter_relationship": "professional",
    "reporter_name": "A. Teacher",
    "reporter_organisation": "Northfield Academy",
    "concern": "Seen getting into a car with older men after school; new phone; staying out overnight.",
    "immediate_risk": False,
    "warning_signs": ["older_associates", "unexplained_possessions", "going_missing"],
    "setting": "both",
    "platforms": ["Snapchat"],
    "linked_children": [
        {"new_child": {"first_name": "Jade", "last_name": "Unknown"}, "involvement": "possible_victim"},
    ],
}


class ContactListApi(JsonApiView):
    pagination_class = PageNumberPagination  # read by the schema, so that it documents the page envelope

    @extend_schema(
        operation_id="contacts_list",
        summary="Contacts about children you may see, newest first",
        description="Writes one access event naming every child on the page.",
        responses={200: ContactSummarySerializer(many=True), **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request) -> Response:
        user = request_user(request)
        paginator = self.pagination_class()
        queryset = (
            contact_visible_queryset(user)
            .select_related("child", "recorded_by", "screening")
            .order_by("-received_at", "-id")
        )
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        child_list_logged(
            user=user,
            children=list({contact.child_id: contact.child for contact in page}.values()),
            context=access_context_from_request(request, channel="api"),
        )
        return paginator.get_paginated_response(ContactSummarySerializer(page, many=True).data)

    @extend_schema(
        operation_id="contacts_create",
        summary="Record a contact (front door screeners only)",
        description="About a child already recorded (`child_id`) or a new child (`new_child`), with any other "
        "children who may be involved. All or nothing: any problem saves no contact, no child and no chronology "
        "entry. Returns the contact as GET /api/v1/contacts/{id}/ does, and writes one access event for it. "
        + ERROR_DESCRIPTION,
        request=ContactCreateRequest,
        responses={201: ContactDetailSerializer, **ERROR_RESPONSES},
        examples=[OpenApiExample("A new child, with a linked child", request_only=True, value=CONTACT_EXAMPLE)],
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        screener_team(user)
        form = ContactCreateRequest(data=request.data, context={"user": user})
        form.is_valid(raise_exception=True)
        data = form.validated_data
        contact = contact_create(
            recorded_by=user,
            details=_contact_details(data),
            child_id=data["child_id"],
            new_child=_new_child(data["new_child"]),
            linked_children=[_linked_child(linked) for linked in data["linked_children"]],
        )
        record = contact_detail_read(
            user=user, contact_id=contact.pk, context=access_context_from_request(request, channel="api")
        )
        return Response(contact_detail_data(record), status=status.HTTP_201_CREATED)


class ContactDetailApi(JsonApiView):
    @extend_schema(
        operation_id="contacts_retrieve",
        summary="A contact, with its linked children, its screening and its tasks",
        description="Writes one access event naming the child and every linked child.",
        responses={200: ContactDetailSerializer, **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request, contact_id: int) -> Response:
        record = contact_detail_read(
            user=request_user(request),
            contact_id=contact_id,
            context=access_context_from_request(request, channel="api"),
        )
        return Response(contact_detail_data(record))
