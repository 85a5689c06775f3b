"""Intelligence by API: record a submission, read one, read an entity and the network around it. The same
gates and the same access log as the pages."""

from typing import Any

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.requests import request_user
from accounts.standing import agency_of
from children.access import child_visible_queryset
from core.api_base import ERROR_DESCRIPTION, ERROR_RESPONSES, READ_ERROR_RESPONSES, JsonApiView
from core.request_context import access_context_from_request
from intelligence.access import access_entity, require_intelligence_officer
from intelligence.api.serializers import EntitySerializer, SubmissionRequest, SubmissionSerializer
from intelligence.models import EntityKind, Mention
from intelligence.selectors.network import entity_neighbourhood_read
from intelligence.selectors.queue import submission_created_read, submission_detail_read
from intelligence.selectors.search import ALL, PER_KIND_LIMIT, SearchQuery, intelligence_search, search_problem
from intelligence.services.submissions import submission_record
from intelligence.views.network import network_json


class SubmissionCreateApi(JsonApiView):
    @extend_schema(
        operation_id="intelligence_submissions_create",
        summary="Share information with the police (the information sharing form)",
        description="Anyone signed in may share information, however small (rule 10); it reaches the police "
        "intelligence queue at once, urgent ones first. Children must be ones you may see. " + ERROR_DESCRIPTION,
        request=SubmissionRequest,
        responses={201: SubmissionSerializer, **ERROR_RESPONSES},
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        form = SubmissionRequest(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.to_input()
        visible = set(child_visible_queryset(user).filter(pk__in=data.children).values_list("pk", flat=True))
        if visible != set(data.children):
            raise serializers.ValidationError({"children": ["No child you may see has one of these ids."]})
        submission, _ = submission_record(data=data, by=user, agency=agency_of(user))
        submission = submission_created_read(
            user=user, submission=submission, context=access_context_from_request(request, channel="api")
        )
        return Response(SubmissionSerializer(submission).data, status=201)


class SubmissionDetailApi(JsonApiView):
    @extend_schema(
        operation_id="intelligence_submissions_retrieve",
        summary="A submission: police intelligence see every one; a submitter sees their own",
        description="Writes one access event for the children it concerns.",
        responses={200: SubmissionSerializer, **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request, submission_id: int) -> Response:
        submission = submission_detail_read(
            user=request_user(request),
            submission_id=submission_id,
            context=access_context_from_request(request, channel="api"),
        )
        return Response(SubmissionSerializer(submission).data)


class EntityDetailApi(JsonApiView):
    @extend_schema(
        operation_id="intelligence_entities_retrieve",
        summary="A resolved person, vehicle, place, phone or online account, with the submissions that mention it",
        description="Police intelligence only.",
        responses={200: EntitySerializer, **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request, entity_id: int) -> Response:
        entity = access_entity(request_user(request), entity_id)
        mentions = Prefetch("mentions", queryset=Mention.objects.select_related("submission"))
        entity = type(entity).objects.prefetch_related(mentions).get(pk=entity.pk)
        return Response(EntitySerializer(entity).data)


class NetworkEntityApi(JsonApiView):
    @extend_schema(
        operation_id="intelligence_network_entity",
        summary="The network within two links of an entity: nodes, and links with their source references",
        description="Police intelligence only. Writes one access event for the children in it.",
        responses={200: dict, **READ_ERROR_RESPONSES},
    )
    def get(self, request: Request, entity_id: int) -> Response:
        near = entity_neighbourhood_read(
            user=request_user(request), entity_id=entity_id, context=access_context_from_request(request, channel="api")
        )
        return Response(network_json(near.network, near.key))


class SearchResultSerializer(serializers.Serializer[Any]):
    mention_id = serializers.IntegerField(source="mention.pk")
    kind = serializers.CharField(source="mention.kind")
    summary = serializers.CharField(help_text="The mention as reported, in one line.")
    match = serializers.CharField(help_text="Why the search found it.")
    submission_id = serializers.IntegerField(source="mention.submission_id")
    submission_reference = serializers.CharField(source="mention.submission.reference")
    received_at = serializers.DateTimeField(source="mention.submission.received_at")
    shared_by = serializers.CharField(source="source", help_text="The sharing agency, or 'Community report'.")
    grading = serializers.CharField(help_text="The latest 3x5x2 grade, like '2B P'; empty when not graded.")
    entity_id = serializers.IntegerField(source="mention.entity_id", allow_null=True)


class SearchKindSerializer(serializers.Serializer[Any]):  # reads KindFound
    kind = serializers.CharField()
    total = serializers.IntegerField(help_text="Every mention of this kind that matches, however old.")
    shown = serializers.IntegerField(
        help_text=f"Those in `results`: at most {PER_KIND_LIMIT} for each way of matching, the closest and then "
        "the newest."
    )


class SearchResponseSerializer(serializers.Serializer[Any]):  # reads SearchResult
    results = SearchResultSerializer(source="rows", many=True)
    kinds = SearchKindSerializer(many=True, help_text="Each kind searched, with how many match and are shown.")
    total = serializers.IntegerField(help_text="Every mention that matches.")
    complete = serializers.BooleanField(help_text="False when some kind has more matches than `results` holds.")


class SearchApi(JsonApiView):
    @extend_schema(
        operation_id="intelligence_search",
        summary="Search mentions: partial registrations (? one character, * several), names, phones, places",
        description="Police intelligence only. `kind` is one of vehicle, person, phone, location, online_account "
        "or all (default); `lookalikes=true` also matches 0/O, 1/I, 2/Z, 5/S and 8/B. Writes one access "
        "event (a search) naming the submissions found. Every matching mention is counted, however old; "
        f"`results` holds at most {PER_KIND_LIMIT} of each kind for each way of matching, and `complete` says "
        "whether that is all of them. " + ERROR_DESCRIPTION,
        parameters=[
            OpenApiParameter("q", str, required=True),
            OpenApiParameter("kind", str),
            OpenApiParameter("lookalikes", bool),
        ],
        responses={200: SearchResponseSerializer, **ERROR_RESPONSES},
    )
    def get(self, request: Request) -> Response:
        user = request_user(request)
        require_intelligence_officer(user)
        kind = request.query_params.get("kind", ALL)
        lookalikes = request.query_params.get("lookalikes", "false")
        errors: dict[str, list[str]] = {}
        if kind != ALL and kind not in EntityKind.values:
            errors["kind"] = [f"Must be one of: all, {', '.join(EntityKind.values)}."]
        if lookalikes not in ("true", "false"):
            errors["lookalikes"] = ["Must be true or false."]
        if errors:
            raise serializers.ValidationError(errors)
        query = SearchQuery(text=request.query_params.get("q", ""), kind=kind, lookalikes=lookalikes == "true")
        problem = search_problem(query)
        if problem:
            raise serializers.ValidationError({"q": [problem]})
        result = intelligence_search(
            user=user, query=query, context=access_context_from_request(request, channel="api")
        )
        return Response(SearchResponseSerializer(result).data)
