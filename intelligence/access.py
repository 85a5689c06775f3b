"""The access gates for intelligence: the one place that decides who sees which submission, entity,
search and network.

- Police intelligence officers and analysts (Role.POLICE_INTELLIGENCE) see every submission, its
  grading and its source, the reporter's identity when one was given, every entity, and search and
  the network.
- The professional who submitted a form sees that submission (what they wrote, its status), never
  the police's grading notes or anyone else's submissions.
- Partners who may see a child see the sanitised summary of graded submissions about that child, as
  the handling code allows (intelligence/sanitise.py), and nothing else: not the source, not the
  narrative, not the reporter.
- Everyone else, including partnership analysts and system administrators, sees none of it.

A record that does not exist and a record the user may not see get the same answer: not found.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from accounts.standing import standing_of
from core.refusals import not_found
from intelligence.models import Entity, Submission


def is_intelligence_officer(user: User | AnonymousUser) -> bool:
    return standing_of(user).is_intelligence_officer


def submission_visible_queryset(user: User | AnonymousUser) -> QuerySet[Submission]:
    if not user.is_authenticated or not user.is_active:
        return Submission.objects.none()
    if is_intelligence_officer(user):
        return Submission.objects.all()
    return Submission.objects.filter(submitted_by=user)


def access_submission(user: User | AnonymousUser, submission_id: int) -> Submission:
    try:
        submission: Submission = (
            submission_visible_queryset(user).select_related("agency", "area", "submitted_by").get(pk=submission_id)
        )
    except (Submission.DoesNotExist, ValueError, TypeError) as missing:
        raise not_found(Submission, submission_id, "No submission found.") from missing
    return submission


def access_submission_as_officer(user: User | AnonymousUser, submission_id: int) -> Submission:
    """For grading, the reporter's identity, and the full record: police intelligence only."""
    if not is_intelligence_officer(user):
        raise not_found(Submission, submission_id, "No submission found.")
    return access_submission(user, submission_id)


def entity_visible_queryset(user: User | AnonymousUser) -> QuerySet[Entity]:
    return Entity.objects.all() if is_intelligence_officer(user) else Entity.objects.none()


def access_entity(user: User | AnonymousUser, entity_id: int) -> Entity:
    try:
        entity: Entity = entity_visible_queryset(user).get(pk=entity_id)
    except (Entity.DoesNotExist, ValueError, TypeError) as missing:
        raise not_found(Entity, entity_id, "No entity found.") from missing
    return entity


def require_intelligence_officer(user: User | AnonymousUser) -> None:
    """Search, the network, resolution review and exports: police intelligence only; 404 for others,
    so that the pages do not reveal themselves."""
    if not is_intelligence_officer(user):
        raise Http404("Not found.")
