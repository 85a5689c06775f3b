"""What stands in the way of closing a child's case (decision 0024).

The child record's own reasons are here; the reasons that rest on higher apps' records (open tasks and
contacts waiting at the front door; rule 7's multi-agency route through the front door and a meeting)
live in those apps' `closure.py` and are named by path, as the child gate names its grants
(decision 0017), so that this app never imports them.
"""

from collections.abc import Callable
from functools import cache

from django.utils import timezone
from django.utils.module_loading import import_string

from accounts.models import User
from children.models import Child

# A check names what stops the case closing now, in sentences; an empty list when nothing does.
ClosureCheck = Callable[[Child], list[str]]

CLOSURE_CHECKS = (
    "children.closure.child_record_refusals",  # closed already; medium or high risk; missing now
    "frontdoor.closure.front_door_refusals",  # tasks still to do; contacts waiting to be screened
    "meetings.closure.rule_7_refusals",  # under 13 or a learning disability: the multi-agency route
)

# What closing the case settles in higher apps' records, in the closing transaction: named by path too.
ClosureEffect = Callable[[Child, User], None]

CLOSURE_EFFECTS = (
    "frontdoor.closure.front_door_case_closed",  # the standing referral back to the front door
)

# The levels of risk (assessments.levels) at which the MEG oversees the case (rule 9).
MEG_LEVELS = {"medium": "medium", "high": "high"}


def child_record_refusals(child: Child) -> list[str]:
    refusals = []
    if child.closed_at is not None:
        refusals.append(f"The case was already closed on {timezone.localtime(child.closed_at):%d %B %Y}")
    if child.risk_level in MEG_LEVELS:
        refusals.append(
            f"{child.first_name}'s level of risk is {MEG_LEVELS[child.risk_level]}: a case at medium or high risk "
            "stays open under the MEG's oversight. Review the risk assessment first; when the risk falls to low "
            "the case is stepped down to Early Help (rule 6)"
        )
    if child.missing_episodes.filter(ended_at__isnull=True).exists():
        refusals.append(f"{child.first_name} is recorded as missing now: record their return first")
    return refusals


@cache
def closure_checks() -> tuple[ClosureCheck, ...]:
    return tuple(import_string(path) for path in CLOSURE_CHECKS)


@cache
def closure_effects() -> tuple[ClosureEffect, ...]:
    return tuple(import_string(path) for path in CLOSURE_EFFECTS)


def closure_refusals(child: Child) -> list[str]:
    """Every reason the case cannot close now, from every check."""
    return [refusal for check in closure_checks() for refusal in check(child)]
