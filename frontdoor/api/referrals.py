"""Referrals by API (decision 0031): any professional refers a child, known or new; a screener of the
front door it was sent to matches it to a child, which records the contact it screens."""

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.requests import request_user
from children.models import Gender
from core.api_base import ERROR_DESCRIPTION, ERROR_RESPONSES, JsonApiView, StrictBooleanField, StrictSerializer
from core.request_context import access_context_from_request
from frontdoor.inputs import ReferralInput
from frontdoor.models import Referral
from frontdoor.selectors.referrals import referral_detail_read
from frontdoor.services.referrals import referral_make, referral_match
from frontdoor.warning_signs import WarningSign

CALL_999 = "The child is at immediate risk: if you have not already called the police on 999, call 999 now."


class ReferralCreateRequest(StrictSerializer):
    first_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    known_as = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    date_of_birth = serializers.DateField(required=False, allow_null=True, default=None)
    age_estimate = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, help_text="When the date of birth is not known."
    )
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, default=Gender.NOT_KNOWN)
    school = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    address = serializers.CharField(
        max_length=1000, required=False, allow_blank=True, default="", help_text="Address or postcode."
    )
    description = serializers.CharField(
        max_length=5000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Anything else that would identify the child: needed when no name is given.",
    )
    area_id = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The area where the child lives. Left out: your agency's area (required when your agency "
        "serves the whole partnership).",
    )
    concern = serializers.CharField(
        max_length=20000,
        error_messages={
            "required": "Enter your concern, in your own words.",
            "blank": "Enter your concern, in your own words.",
        },
    )
    immediate_risk = StrictBooleanField(help_text="True: call the police on 999 first, if you have not.")
    warning_signs = serializers.ListField(
        child=serializers.ChoiceField(choices=WarningSign.choices), required=False, default=list
    )
    other_children = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")

    def referral_input(self) -> ReferralInput:
        data = self.validated_data
        return ReferralInput(
            first_name=data["first_name"],
            last_name=data["last_name"],
            known_as=data["known_as"],
            date_of_birth=data["date_of_birth"],
            age_estimate=data["age_estimate"],
            gender=data["gender"],
            school=data["school"],
            address=data["address"],
            description=data["description"],
            area_id=data["area_id"],
            concern=data["concern"],
            immediate_risk=data["immediate_risk"],
            warning_signs=frozenset(WarningSign(sign) for sign in data["warning_signs"]),
            other_children=data["other_children"],
        )


class ReferralSerializer(serializers.ModelSerializer[Referral]):
    """A referral as its referrer wrote it: nothing about any child record."""

    front_door = serializers.CharField(source="front_door.name")
    matched = serializers.BooleanField(source="is_matched")
    first_action = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id",
            "reference",
            "first_action",
            "referred_at",
            "front_door",
            "first_name",
            "last_name",
            "known_as",
            "date_of_birth",
            "age_estimate",
            "gender",
            "school",
            "address",
            "description",
            "concern",
            "immediate_risk",
            "warning_signs",
            "other_children",
            "matched",
        ]

    def get_first_action(self, referral: Referral) -> str | None:
        return CALL_999 if referral.immediate_risk else None


class ReferralMatchRequest(StrictSerializer):
    child_id = serializers.UUIDField(
        allow_null=True, help_text="A child you can see; null for a new child made from the referral's details."
    )


class ReferralMatchSerializer(serializers.Serializer[Referral]):
    referral = ReferralSerializer(source="*")
    contact_id = serializers.IntegerField()
    contact_reference = serializers.CharField(source="contact.reference")
    child_id = serializers.UUIDField(source="contact.child_id")


REFERRAL_EXAMPLE: dict[str, Any] = {
    "first_name": "Kayleigh",
    "last_name": "Ormesby",
    "date_of_birth": "2011-04-03",
    "gender": "female",
    "school": "Northfield Academy",
    "concern": "Seen getting into a car with older men after school; new phone; staying out overnight.",
    "immediate_risk": False,
    "warning_signs": ["older_associates", "unexplained_possessions", "going_missing"],
}


class ReferralCreateApi(JsonApiView):
    @extend_schema(
        operation_id="referrals_create",
        summary="Refer a child to the front door (any professional)",
        description="About any child, known or new: the front door matches it to the child's record. The answer is "
        "what you wrote and the referral's reference, never anything about existing children. With "
        "`immediate_risk`, `first_action` says to call 999 now. " + ERROR_DESCRIPTION,
        request=ReferralCreateRequest,
        responses={201: ReferralSerializer, **ERROR_RESPONSES},
        examples=[OpenApiExample("A child the referrer knows by name", request_only=True, value=REFERRAL_EXAMPLE)],
    )
    def post(self, request: Request) -> Response:
        form = ReferralCreateRequest(data=request.data)
        form.is_valid(raise_exception=True)
        referral = referral_make(referrer=request_user(request), data=form.referral_input())
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)


class ReferralMatchApi(JsonApiView):
    @extend_schema(
        operation_id="referrals_match",
        summary="Match a referral to a child (screeners of its front door)",
        description="To a child you can see (`child_id`), or to a new child made from the referral (`child_id`: "
        "null). Records the contact, with the referrer as its reporter, so that it is screened as any contact. A "
        "referral is matched once: a second match, or a retried one, is refused (400) and makes nothing. "
        + ERROR_DESCRIPTION,
        request=ReferralMatchRequest,
        responses={201: ReferralMatchSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request, referral_id: int) -> Response:
        user = request_user(request)
        record = referral_detail_read(
            user=user, referral_id=referral_id, context=access_context_from_request(request, channel="api")
        )
        form = ReferralMatchRequest(data=request.data)
        form.is_valid(raise_exception=True)
        matched = referral_match(actor=user, referral_id=record.referral.pk, child_id=form.validated_data["child_id"])
        return Response(ReferralMatchSerializer(matched).data, status=status.HTTP_201_CREATED)
