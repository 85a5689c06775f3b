"""Closing the contact of a young person of 18 or over without a screening, by API (decision 0039): the
same gate, access event and service as the page."""

from dataclasses import replace

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Agency
from accounts.requests import request_user
from core.api_base import ERROR_DESCRIPTION, ERROR_RESPONSES, JsonApiView, StrictSerializer
from core.request_context import access_context_from_request
from frontdoor.api.serializers import ContactDetailSerializer, contact_detail_data
from frontdoor.inputs import CLOSURE_NOTE_MAX, PASSED_TO_MAX, ContactClosureInput
from frontdoor.models import ContactClosureReason
from frontdoor.selectors.contacts import contact_detail_read
from frontdoor.services.contact_closure import MAY_NOT_CLOSE, contact_close

NOTE_MISSING = "Enter why the contact is closed, and what was agreed with whom."


class ContactClosureRequest(StrictSerializer):
    reason = serializers.ChoiceField(
        choices=ContactClosureReason.choices,
        help_text="What the front door has done with the concern: passed it to a service for adults, or no further "
        "action.",
        error_messages={"required": "Select what the front door has done with the concern."},
    )
    passed_to_agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="The partner agency it was passed to. Left out for no further action.",
    )
    passed_to_organisation = serializers.CharField(
        max_length=PASSED_TO_MAX,
        required=False,
        allow_blank=True,
        default="",
        help_text="Or the service it was passed to, when it is not a partner agency.",
    )
    note = serializers.CharField(
        max_length=CLOSURE_NOTE_MAX,
        help_text="Why the contact is closed, and what was agreed with whom.",
        error_messages={"required": NOTE_MISSING, "blank": NOTE_MISSING},
    )
    age_estimate = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        max_value=120,
        help_text="The young person's age as best you know it: required when the date of birth is not known, "
        "refused when it is known. Under 18 is refused: a child's contact is screened.",
    )

    def closure_input(self) -> ContactClosureInput:
        data = self.validated_data
        agency = data["passed_to_agency"]
        return ContactClosureInput(
            reason=data["reason"],
            note=data["note"],
            passed_to_agency_id=agency.pk if agency is not None else None,
            passed_to_organisation=data["passed_to_organisation"],
            age_estimate=data["age_estimate"],
        )


CLOSURE_EXAMPLE = {
    "reason": "adult_safeguarding",
    "passed_to_organisation": "Northfield Adult Social Care",
    "note": "She is 19. Passed to adult safeguarding by phone; they will contact her this week.",
}


class ContactClosureApi(JsonApiView):
    @extend_schema(
        operation_id="contacts_close",
        summary="Close the contact of a young person of 18 or over without a screening (front door screeners only)",
        description="The CSE procedure is for children under 18: the front door passes a young adult's concern to the "
        "service for adults, or takes no further action, and closes the contact, which then leaves the contacts to "
        "screen. Refused (400) for a contact about a child under 18 (by the date of birth, or by age_estimate when "
        "it is not known), and for a contact already screened or closed. Adds a line to the chronology. Returns "
        "the contact as GET /api/v1/contacts/{id}/ does, with its closure, and writes one access event. "
        + ERROR_DESCRIPTION,
        request=ContactClosureRequest,
        responses={200: ContactDetailSerializer, **ERROR_RESPONSES},
        examples=[OpenApiExample("Passed to adult safeguarding", request_only=True, value=CLOSURE_EXAMPLE)],
    )
    def post(self, request: Request, contact_id: int) -> Response:
        user = request_user(request)
        record = contact_detail_read(
            user=user, contact_id=contact_id, context=access_context_from_request(request, channel="api")
        )
        if not record.may_screen:
            raise exceptions.PermissionDenied(MAY_NOT_CLOSE)
        form = ContactClosureRequest(data=request.data)
        form.is_valid(raise_exception=True)
        closure = contact_close(actor=user, contact_id=record.contact.pk, data=form.closure_input())
        record.contact.closed_at = closure.closed_at
        return Response(contact_detail_data(replace(record, closure=closure)))
