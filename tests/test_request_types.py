"""A view that types its request as StaffRequest or SigningInRequest trusts `request.user` to be a signed-in
User. Only the access policy makes that true, so every such view must sit behind a policy that does."""

import inspect
import typing
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from accounts.requests import SigningInRequest, StaffRequest
from core.access_policy import Policy
from tests.routes import Route, all_routes

# What each request type promises, and the policies that keep the promise.
POLICIES_FOR = {
    StaffRequest: {Policy.STAFF, Policy.SYSTEM_ADMIN},
    SigningInRequest: {Policy.SIGNING_IN, Policy.STAFF, Policy.SYSTEM_ADMIN},
}


def _handlers(callback: Callable[..., Any]) -> list[Callable[..., Any]]:
    """The functions that receive the request: the view function, or a class-based view's methods."""
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is None:
        return [inspect.unwrap(callback)]
    names = ["dispatch", *getattr(view_class, "http_method_names", [])]
    return [inspect.unwrap(getattr(view_class, name)) for name in names if callable(getattr(view_class, name, None))]


def request_types(route: Route) -> set[type[HttpRequest]]:
    """The narrowed request types the route's view annotates any parameter with."""
    found: set[type[HttpRequest]] = set()
    for handler in _handlers(route.callback):
        for name, hint in typing.get_type_hints(handler).items():
            if name == "return":
                continue
            found |= {kind for kind in POLICIES_FOR if isinstance(hint, type) and issubclass(hint, kind)}
    return found


def test_narrowed_requests_are_found():
    """The walk sees the annotations, so the check below is not passing for want of looking."""
    typed = {route.name: request_types(route) for route in all_routes()}
    assert typed["hub:child"] == {StaffRequest}
    assert typed["accounts:setup_second_factor"] == {SigningInRequest}
    assert typed["core:health"] == set()
    assert typed["api:children-list"] == set()


def test_a_narrowed_request_only_behind_a_policy_that_guarantees_its_user():
    wrong = [
        f"{route.pattern} ({route.name}): {kind.__name__} needs one of "
        f"{sorted(policy.value for policy in POLICIES_FOR[kind])}, but the policy is {route.policy}"
        for route in all_routes()
        for kind in request_types(route)
        if route.policy not in POLICIES_FOR[kind]
    ]
    assert not wrong, "\n".join(wrong)
