"""Who may use the REST API at all. (Settings name this class, so this module imports no DRF views:
the view base and the error shape are in core/api_base.py.)"""

from typing import Any

from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.request import Request


class IsVerifiedUser(BasePermission):
    """Signed in with both factors (session), or holding an API token issued by an administrator."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user or not user.is_authenticated or not user.is_active:
            return False
        if isinstance(request.successful_authenticator, SessionAuthentication):
            return bool(user.is_verified())
        return True
