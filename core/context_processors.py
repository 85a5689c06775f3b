from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def _is_meg_member(request: HttpRequest) -> bool:
    from accounts.models import Membership, Role

    user = request.user
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, role__in=[Role.MEG_CHAIR, Role.MEG_BUSINESS_SUPPORT]).exists()


def _is_intelligence_officer(request: HttpRequest) -> bool:
    from intelligence.access import is_intelligence_officer

    return is_intelligence_officer(request.user)


def service(request: HttpRequest) -> dict[str, Any]:
    return {
        "partnership_name": settings.PARTNERSHIP_NAME,
        "service_name": settings.SERVICE_NAME,
        # Lazy: the menu asks only when it is drawn.
        "is_meg_member": SimpleLazyObject(lambda: _is_meg_member(request)),
        "is_intelligence_officer": SimpleLazyObject(lambda: _is_intelligence_officer(request)),
    }
