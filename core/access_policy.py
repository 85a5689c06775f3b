"""Every route declares who may reach it; a route that declares nothing is refused.

Views declare a policy with @access_policy(Policy.X) or a class attribute `access_policy`.
Third-party route groups are declared here by URL namespace. The middleware enforces the
route-level policy; object-level checks (may this user see this child?) are the gates in
each app's access module.
"""

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django_otp import devices_for_user


class Policy(StrEnum):
    PUBLIC = "public"  # anyone, without an account
    SIGNING_IN = "signing_in"  # password given, second factor may still be pending
    STAFF = "staff"  # signed in with both factors; the view checks each record
    SYSTEM_ADMIN = "system_admin"  # signed in with both factors and a system administrator
    API = "api"  # Django REST framework authenticates and checks (core.api.IsVerifiedUser)


# Route groups whose views are not ours to decorate.
NAMESPACE_POLICIES: dict[str, Policy] = {"admin": Policy.SYSTEM_ADMIN}

ViewT = TypeVar("ViewT", bound=Callable[..., Any])


def access_policy(policy: Policy) -> Callable[[ViewT], ViewT]:
    def declare(view: ViewT) -> ViewT:
        view.access_policy = policy  # type: ignore[attr-defined]
        return view

    return declare


def policy_of(callback: Callable[..., Any], namespaces: Iterable[str]) -> Policy | None:
    policy = getattr(callback, "access_policy", None)
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if policy is None and view_class is not None:
        policy = getattr(view_class, "access_policy", None)
    if policy is None:
        for namespace in namespaces:
            policy = NAMESPACE_POLICIES.get(namespace, policy)
    return Policy(policy) if policy is not None else None


def second_factor_url(user: Any, next_url: str) -> str:
    """Where a user who has given their password goes next: enter a code, or set up an app first."""
    name = "accounts:verify" if any(devices_for_user(user, confirmed=True)) else "accounts:setup_second_factor"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


class AccessPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            # Pages for signed-in staff may hold case content: no browser or proxy keeps a copy.
            patch_cache_control(response, no_store=True, private=True)
        return response

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        policy = policy_of(view_func, match.namespaces if match else [])
        if policy is None:
            # Fail closed: a route nobody thought about is a route nobody may use.
            raise PermissionDenied("This route has no access policy.")
        if policy in (Policy.PUBLIC, Policy.API):
            return None
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if policy == Policy.SIGNING_IN:
            return None
        if not user.is_verified():
            return HttpResponseRedirect(second_factor_url(user, request.get_full_path()))
        if policy == Policy.SYSTEM_ADMIN and not user.is_superuser:
            raise PermissionDenied("System administrators only.")
        return None
