from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts.standing import standing_of


def menu(request: HttpRequest) -> dict[str, Any]:
    """What the menu offers, from the same standing the pages' gates ask: a link is shown exactly
    when its pages would open, and to the roles that work from it (decision 0036). Lazy: asked only
    when the menu is drawn."""
    return {
        "is_meg_member": SimpleLazyObject(lambda: standing_of(request.user).is_meg_member),
        "is_intelligence_officer": SimpleLazyObject(lambda: standing_of(request.user).is_intelligence_officer),
        # A professional of a partner agency may refer a child; an administrator alone may not (decision 0031).
        "is_professional": SimpleLazyObject(lambda: bool(standing_of(request.user).places)),
        # The team caseload is found only for a team manager (decision 0030).
        "manages_a_team": SimpleLazyObject(lambda: bool(standing_of(request.user).managed_team_ids)),
        # The meetings list opens for every member of staff, but holds only the MEGs of MEG members and
        # the strategy and multi-agency meetings about children one sees through a case role.
        "works_with_meetings": SimpleLazyObject(
            lambda: standing_of(request.user).is_meg_member or bool(standing_of(request.user).case_team_ids)
        ),
    }
