"""The access gates for contacts and tasks. Both stand on the child gate: no child, no contact or task.

Anyone who may see the child may read the child's tasks; only the members of the task's team and the
person it is assigned to may act on them. Missing and forbidden get the same answer: not found.
"""

import uuid

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, OuterRef, Q, QuerySet, Subquery

from accounts.models import User
from accounts.standing import standing_of
from assessments.models import Assessment
from children.access import child_ids_visible, child_visible_ids
from children.models import CaseAllocation, Child
from core.refusals import not_found
from frontdoor.models import WAITING_TO_BE_SCREENED, Contact, Referral, Screening, Task, TaskStatus


def contact_visible_queryset(user: User | AnonymousUser) -> QuerySet[Contact]:
    return Contact.objects.filter(child__in=child_visible_ids(user))


def access_contact(user: User | AnonymousUser, contact_id: int) -> Contact:
    try:
        contact: Contact = (
            contact_visible_queryset(user)
            .select_related("child", "recorded_by", "reporter_agency", "screening_of")
            .get(pk=contact_id)
        )
    except (Contact.DoesNotExist, ValueError, TypeError) as missing:
        raise not_found(Contact, contact_id, "No contact found.") from missing
    return contact


def task_visible_queryset(user: User | AnonymousUser) -> QuerySet[Task]:
    """Every task of every child the user may see."""
    return Task.objects.filter(child__in=child_visible_ids(user))


def task_worklist_candidates(user: User | AnonymousUser) -> QuerySet[Task]:
    """The tasks that are the user's to do, their teams' and their own, BEFORE the child gate: whoever
    lists them must ask `child_ids_visible` about their children (frontdoor/selectors/tasks.py)."""
    if not user.is_authenticated:
        return Task.objects.none()
    return Task.objects.filter(Q(team_id__in=standing_of(user).team_ids) | Q(assigned_to=user))


def contact_screening_candidates() -> QuerySet[Contact]:
    """The contacts waiting to be screened, most urgent first, BEFORE the child gate: whoever lists
    them must ask `child_ids_visible` about their children (frontdoor/selectors/tasks.py).

    Immediate risk first (rule 1: its 999 call comes before anything else), then the contact whose
    open task falls due soonest, then the oldest (decision 0027). Sorted in the database, so that
    past the worklist's limit the most urgent are the ones shown. `soonest_due` is the due time of
    the contact's open task that falls due first, or None when it has none. A contact the front door
    closed without a screening, its young person being 18 or over, waits no more (decision 0039)."""
    soonest_due = Subquery(
        Task.objects.filter(contact=OuterRef("pk"), status=TaskStatus.OPEN, due_at__isnull=False)
        .order_by("due_at")
        .values("due_at")[:1]
    )
    return (
        Contact.objects.filter(WAITING_TO_BE_SCREENED)
        .annotate(soonest_due=soonest_due)
        .order_by(F("immediate_risk").desc(), F("soonest_due").asc(nulls_last=True), "received_at", "pk")
    )


def access_task(user: User | AnonymousUser, task_id: int) -> Task:
    try:
        task: Task = task_visible_queryset(user).select_related("child", "team").get(pk=task_id)
    except (Task.DoesNotExist, ValueError, TypeError) as missing:
        raise not_found(Task, task_id, "No task found.") from missing
    return task


def may_act_on_task(user: User, task: Task) -> bool:
    if task.assigned_to_id == user.pk:
        return True
    return task.team_id is not None and task.team_id in standing_of(user).team_ids


def access_screening(user: User | AnonymousUser, screening_id: int) -> Screening:
    try:
        screening: Screening = (
            Screening.objects.filter(contact__in=contact_visible_queryset(user))
            .select_related("contact", "child", "assessment__tool")
            .get(pk=screening_id)
        )
    except (Screening.DoesNotExist, ValueError, TypeError) as missing:
        raise not_found(Screening, screening_id, "No screening found.") from missing
    return screening


def may_make_referral(user: User | AnonymousUser) -> bool:
    """Whether the user may refer a child to the front door: any professional of a partner agency,
    which is anyone active who holds a role in a team (decision 0031); not an administrator alone."""
    standing = standing_of(user)
    return standing.user_id is not None and bool(standing.places)


def referral_visible_queryset(user: User | AnonymousUser) -> QuerySet[Referral]:
    """A referral is its referrer's, and its front door's (decision 0031): the referrer sees what they
    wrote, the front door's screeners see it to match it. It names no child record, so the child gate
    is not asked; once matched, the child is read through the gate."""
    standing = standing_of(user)
    if standing.user_id is None:
        return Referral.objects.none()
    return Referral.objects.filter(Q(referred_by_id=standing.user_id) | Q(front_door_id__in=standing.screener_team_ids))


def access_referral(user: User | AnonymousUser, referral_id: int) -> Referral:
    try:
        referral: Referral = (
            referral_visible_queryset(user)
            .select_related("front_door__agency__area", "referred_by", "referrer_agency", "contact", "matched_by")
            .get(pk=referral_id)
        )
    except (Referral.DoesNotExist, ValueError, TypeError) as missing:
        raise not_found(Referral, referral_id, "No referral found.") from missing
    return referral


def may_match_referral(user: User | AnonymousUser, referral: Referral) -> bool:
    """Match a referral to a child (decision 0031): a screener of the front door it was sent to."""
    return referral.front_door_id in standing_of(user).screener_team_ids


def referrals_to_match_candidates(user: User | AnonymousUser) -> QuerySet[Referral]:
    """The referrals waiting at the user's front doors, immediate risk first, then oldest."""
    team_ids = standing_of(user).screener_team_ids
    if not team_ids:
        return Referral.objects.none()
    return Referral.objects.filter(front_door_id__in=team_ids, contact__isnull=True).order_by(
        "-immediate_risk", "referred_at", "pk"
    )


def access_assessment(user: User | AnonymousUser, assessment_id: int) -> Assessment:
    try:
        assessment: Assessment = (
            Assessment.objects.filter(child__in=child_visible_ids(user))
            .select_related("child", "tool", "completed_by")
            .get(pk=assessment_id)
        )
    except (Assessment.DoesNotExist, ValueError, TypeError) as missing:
        raise not_found(Assessment, assessment_id, "No assessment found.") from missing
    return assessment


def may_screen(user: User | AnonymousUser, *, child_id: uuid.UUID) -> bool:
    """Screen a contact and confirm its level (decision 0018): a front door screener who may see the
    child. Only the front door screens (seed 003, section 2.2)."""
    return standing_of(user).is_screener and bool(child_ids_visible(user, [child_id]))


def may_review_assessment(user: User | AnonymousUser, *, child: Child) -> bool:
    """Review a child's risk assessment and confirm its level (decision 0018): those who work the
    case, not everyone who may see the child. A member, in a case role, of the team that holds the
    case or has a task for the child now; a front door screener of the agency that holds it; a worker
    allocated to the child. Not the MEG's business support, and not police intelligence, who see the
    child because of the agenda or a submission."""
    standing = standing_of(user)
    if standing.user_id is None:
        return False
    if child.holding_team_id in standing.case_team_ids:
        return True
    if child.holding_team is not None and child.holding_team.agency_id in standing.screener_agency_ids:
        return True
    if CaseAllocation.objects.filter(child=child, user_id=standing.user_id, ended_at__isnull=True).exists():
        return True
    return Task.objects.filter(child=child, team_id__in=standing.case_team_ids, status=TaskStatus.OPEN).exists()
