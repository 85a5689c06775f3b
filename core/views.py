from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.requests import StaffRequest
from accounts.selectors import user_membership_list
from children.selectors import child_allocated_list
from core.access_policy import Policy, access_policy
from core.request_context import access_context_from_request


@access_policy(Policy.PUBLIC)
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@access_policy(Policy.STAFF)
@require_GET
def home(request: StaffRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "core/home.html",
        {
            "memberships": user_membership_list(user=user),
            "children": child_allocated_list(user=user, context=access_context_from_request(request)),
        },
    )
