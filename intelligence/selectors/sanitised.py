"""What partners see of police intelligence about a child: the sanitised view of each graded submission
that concerns the child (intelligence/sanitise.py decides what that view holds)."""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts.models import User
from children.access import child_visible_queryset
from children.models import Child
from intelligence.models import Grading, SubmissionStatus
from intelligence.sanitise import SanitisedView, sanitise_grading


def latest_gradings(*, submission_ids: Iterable[int]) -> dict[int, Grading]:
    """The latest grading of each submission that has one: it is the submission's grade."""
    latest: dict[int, Grading] = {}
    for grading in Grading.objects.filter(submission_id__in=list(submission_ids)).order_by(
        "submission_id", "-graded_at", "-id"
    ):
        latest.setdefault(grading.submission_id, grading)
    return latest


def sanitised_view_of(grading: Grading) -> SanitisedView:
    return sanitise_grading(grading, graded_on=timezone.localdate(grading.graded_at))


def child_intelligence_sanitised(*, user: User | AnonymousUser, child: Child) -> list[SanitisedView]:
    """The sanitised views of graded submissions about the child, newest first; nothing for a user who
    may not see the child. The child's page logs its own access event; this adds no other record."""
    if not child_visible_queryset(user).filter(pk=child.pk).exists():
        return []
    submission_ids = child.intelligence_links.filter(submission__status=SubmissionStatus.GRADED).values_list(
        "submission_id", flat=True
    )
    gradings = sorted(
        latest_gradings(submission_ids=submission_ids).values(),
        key=lambda grading: (grading.graded_at, grading.pk),
        reverse=True,
    )
    return [sanitised_view_of(grading) for grading in gradings]
