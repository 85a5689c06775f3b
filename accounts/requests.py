"""Request types whose `user` is a signed-in `User`, for views whose access policy guarantees one.

Django types `request.user` as "a user or an anonymous user". Routes with Policy.STAFF or
Policy.SYSTEM_ADMIN are reached only by a signed-in, verified, active user (inactive users are never
signed in: the authentication backend refuses them), and routes with Policy.SIGNING_IN only by a
signed-in user whose second factor may still be pending: the AccessPolicyMiddleware in
core/access_policy.py enforces this before the view runs. So such a view may type its request as
below and use `request.user` as a `User`. tests/test_request_types.py checks that each view so typed
has a policy that guarantees it.

These classes only narrow a type: at run time the view still receives Django's own request.
"""

from django.http import HttpRequest
from rest_framework.request import Request

from accounts.models import User


class StaffRequest(HttpRequest):
    """A request to a Policy.STAFF or Policy.SYSTEM_ADMIN route: signed in with both factors."""

    user: User


class SigningInRequest(HttpRequest):
    """A request to a Policy.SIGNING_IN route: signed in with a password, the second factor maybe pending."""

    user: User


def request_user(request: Request) -> User:
    """The user of an API request: the API's permission (core.api.IsVerifiedUser) has let only a
    signed-in, verified user through."""
    user = request.user
    assert isinstance(user, User)
    return user
