from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts.standing import standing_of


def menu(request: HttpRequest) -> dict[str, Any]:
    """What the menu offers, from the same standing the pages' gates ask: a link is shown exactly
    when its pages would open. Lazy: asked only when the menu is drawn."""
    return {
        "is_meg_member": SimpleLazyObject(lambda: standing_of(request.user).is_meg_member),
        "is_intelligence_officer": SimpleLazyObject(lambda: standing_of(request.user).is_intelligence_officer),
    }
