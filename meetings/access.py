"""The access gates for meetings and what hangs off them: the one place that decides who sees what.

- MEG meetings, their agendas, contextual items, plans and minutes: MEG business support for their
  own area, MEG chairs for every area (accounts/standing.py `meg_area_ids`).
- Strategy and multi-agency meetings: whoever may see the child the meeting is about; run by its chair
  and by children's social care (`may_run_meeting`, decision 0016; in SQL, `child_meetings_run_queryset`,
  which the worklist's meetings to record read: decision 0040).
- Actions: every agency sees and updates its own actions only (issue 4); MEG business support and
  chairs see every action of their areas' plans, because they run the meetings that agree and review
  them, but only the owning agency updates one.
- A safeguarding plan is also visible to whoever may see its child.
- Those named as invited to a MEG (decision 0035) read its agenda, the plans of the children and places
  on it with every agency's actions, and its approved minutes, until the area's next MEG is held
  (meetings/invited.py): `access_meeting_to_read`. They change none of it, and the MEG's other pages
  (its record, letters, pack, voice, contextual items) stay its business support's and chairs'.
- Police intelligence officers link what intelligence knows to the MEG's open contextual items, in every
  area: they see each item's kind, title and area to choose it, never its children or plans.

A record that does not exist and a record the user may not see get the same answer: not found.
"""

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Agency, AgencyKind, Role, TeamKind, User
from accounts.standing import standing_of
from children.access import child_ids_visible, child_visible_ids
from children.models import Child
from core.refusals import not_found, refused
from frontdoor.models import Task
from meetings.invited import invitations_of, invited_contextual_item_ids
from meetings.models import (
    Action,
    ContextualItem,
    ContextualItemEntity,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Plan,
    PlanKind,
)


def _meg_area_ids(user: User | AnonymousUser) -> frozenset[int]:
    return standing_of(user).meg_area_ids


def is_meg_chair(user: User | AnonymousUser) -> bool:
    return standing_of(user).is_meg_chair


def is_police_meg_chair(user: User | AnonymousUser) -> bool:
    """Whether the user may chair a MEG: "chaired by a police safeguarding lead" (seed 003, 2.4; rule 9),
    so a MEG chair whose role is held in a police team (decision 0026)."""
    places = [place for place in standing_of(user).places if place.role == Role.MEG_CHAIR]
    if not places:
        return False
    police = Agency.objects.filter(kind=AgencyKind.POLICE, pk__in=[place.agency_id for place in places])
    return police.exists()


def agency_ids_of(user: User | AnonymousUser) -> frozenset[int]:
    """The agencies the user works for: whose actions they see and update."""
    return standing_of(user).agency_ids


def meg_areas_of(user: User) -> list[int]:
    """The areas whose MEG the user works with; refuses everyone else (the MEG pages are theirs)."""
    areas = _meg_area_ids(user)
    if not areas:
        raise PermissionDenied("MEG meetings are for the MEG chair and business support officers.")
    return sorted(areas)


def meeting_visible_queryset(user: User | AnonymousUser) -> QuerySet[Meeting]:
    if not user.is_authenticated or not user.is_active:
        return Meeting.objects.none()
    visible = Q(kind=MeetingKind.MEG, area_id__in=_meg_area_ids(user))
    visible |= ~Q(kind=MeetingKind.MEG) & Q(child__in=child_visible_ids(user))
    return Meeting.objects.filter(visible)


def meg_invited_to(user: User | AnonymousUser) -> QuerySet[Meeting]:
    """The MEGs the user is named as invited to, for an agency they work for, while the invitation
    lasts (meetings/invited.py, decision 0035)."""
    return Meeting.objects.filter(pk__in=invitations_of(user).meeting_ids)


def _meeting_by_pk(meeting_id: int) -> Meeting | None:
    """The meeting itself, before any gate: the gates below then ask about this one meeting, which
    PostgreSQL answers from indexes, where joining it to the gate of every visible meeting did not
    (57 ms for one MEG on the small county; docs/performance.md)."""
    try:
        return (
            Meeting.objects.select_related("area", "chair", "child", "task", "arranged_by", "held_by")
            .filter(pk=meeting_id)
            .first()
        )
    except (ValueError, TypeError):
        return None


def _sees(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """`meeting_visible_queryset` for one meeting: the MEG of an area the user works with the MEG of,
    or another meeting about a child the user may see."""
    if not user.is_authenticated or not user.is_active:
        return False
    if meeting.kind == MeetingKind.MEG:
        return meeting.area_id in _meg_area_ids(user)
    return meeting.child_id is not None and bool(child_ids_visible(user, [meeting.child_id]))


def _reads(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """Whether the user may read this meeting's agenda and approved minutes: one they see
    (`meeting_visible_queryset`), or a MEG they are invited to (`meg_invited_to`, decision 0035)."""
    if _sees(user, meeting):
        return True
    return meeting.kind == MeetingKind.MEG and meeting.pk in invitations_of(user).meeting_ids


def access_meeting_to_read(user: User | AnonymousUser, meeting_id: int) -> Meeting:
    """A meeting whose agenda and approved minutes the user may read (`_reads`):
    for the pages that show what a meeting agreed. Not found for anyone else, whether or not it exists."""
    meeting = _meeting_by_pk(meeting_id)
    if meeting is None or not _reads(user, meeting):
        raise not_found(Meeting, meeting_id, "No meeting found.")
    return meeting


def reads_as_invited_only(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """Whether the user reads this meeting only because they are invited to it (decision 0035): its
    pages then offer what the MEG agreed (the agenda, the plans, the approved minutes), not those that
    prepare, run and record it, which would refuse them."""
    return not _sees(user, meeting)


class MeetingAccess(StrEnum):
    """What the user wants to do with a meeting: the gate answers 404 when they may not see it, and
    403 when they may see it but not do this (MEETING_REFUSALS says why)."""

    SEE = "see"
    RUN = "run"  # its record: chair, invitations, attendance, requests, letters, held
    WRITE_MINUTES = "write minutes"
    APPROVE_MINUTES = "approve minutes"


MEETING_REFUSALS = {
    MeetingAccess.RUN: "Only those who run this meeting can change its record.",
    MeetingAccess.WRITE_MINUTES: "Only those who run this meeting can write or correct its minutes.",
    MeetingAccess.APPROVE_MINUTES: "Only the chair of the meeting can approve its minutes.",
}


def access_meeting(user: User | AnonymousUser, meeting_id: int, *, to: MeetingAccess = MeetingAccess.SEE) -> Meeting:
    meeting = _meeting_by_pk(meeting_id)
    if meeting is None or not _sees(user, meeting):
        raise not_found(Meeting, meeting_id, "No meeting found.")
    if to != MeetingAccess.SEE and not _allowed(user, meeting, to=to):
        raise PermissionDenied(MEETING_REFUSALS[to])
    return meeting


def _allowed(user: User | AnonymousUser, meeting: Meeting, *, to: MeetingAccess) -> bool:
    """Whether the user may do this with a meeting they may see."""
    if to == MeetingAccess.RUN:
        return _runs(user, meeting)
    if to == MeetingAccess.WRITE_MINUTES:
        return _runs(user, meeting) or may_approve_minutes(user, meeting)
    if to == MeetingAccess.APPROVE_MINUTES:
        return may_approve_minutes(user, meeting)
    return True


# Who arranges and runs a strategy or multi-agency meeting (decision 0016): children's social care,
# whose First Response Team decides that the meeting is needed and whose social worker and team
# manager arrange it (seed 003, section 2.2), not everyone who may see the child.
SOCIAL_CARE_TEAMS = frozenset(
    {TeamKind.FIRST_RESPONSE, TeamKind.FAMILIES_ASSESSMENT, TeamKind.SOCIAL_CARE, TeamKind.DESIGNATED_CSE}
)
RUNNER_ROLES = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.DESIGNATED_CSE_WORKER})


def _runner_team_ids(user: User | AnonymousUser) -> frozenset[int]:
    return frozenset(
        place.team_id
        for place in standing_of(user).places
        if place.role in RUNNER_ROLES and place.team_kind in SOCIAL_CARE_TEAMS
    )


def may_arrange_meeting(user: User | AnonymousUser, *, child: Child, task: Task | None) -> bool:
    """Arrange a strategy or multi-agency meeting about a child: a social worker, team manager or
    Designated CSE worker of the children's social care team that holds the case, or of the team
    whose task it is to decide on the meeting."""
    teams = _runner_team_ids(user)
    return child.holding_team_id in teams or (task is not None and task.team_id in teams)


def may_run_meeting(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """Record the chair, invitations, attendance, requests, minutes and letters, and that it was held.
    The MEG: its business support officers and chairs. A strategy or multi-agency meeting: its chair,
    and those who may arrange one about its child (`may_arrange_meeting`), among those who may see it."""
    if meeting.kind != MeetingKind.MEG and not _sees(user, meeting):
        return False
    return _runs(user, meeting)


def child_meetings_run_queryset(user: User | AnonymousUser) -> QuerySet[Meeting]:
    """The strategy and multi-agency meetings the user runs (`may_run_meeting`), as one condition the
    database answers: those they chair, and those about a child whose case a children's social care team
    they arrange meetings for holds, or whose meeting decision was that team's task; among those they see.
    The same rule as `_runs`, which a test holds it to."""
    if not isinstance(user, User) or not user.is_active:
        return Meeting.objects.none()
    runs = Q(chair_id=user.pk)
    teams = sorted(_runner_team_ids(user))
    if teams:
        runs |= Q(child__holding_team_id__in=teams) | Q(task__team_id__in=teams)
    return meeting_visible_queryset(user).exclude(kind=MeetingKind.MEG).filter(runs)


def _runs(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """`may_run_meeting` for a meeting the user is known to see (the gate has just read it through the
    visible queryset), without asking the child gate again."""
    if meeting.kind == MeetingKind.MEG:
        return meeting.area_id in _meg_area_ids(user)
    if meeting.chair_id is not None and meeting.chair_id == user.pk:
        return True
    assert meeting.child is not None  # the database holds it: every meeting but the MEG is about a child
    return may_arrange_meeting(user, child=meeting.child, task=meeting.task)


def may_approve_minutes(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """Only the meeting's chair approves its minutes."""
    return user.is_authenticated and user.is_active and meeting.chair_id is not None and meeting.chair_id == user.pk


def may_write_minutes(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """Those who run the meeting write its minutes, and so does its chair, who approves them."""
    return may_run_meeting(user, meeting) or may_approve_minutes(user, meeting)


def contextual_item_visible_queryset(user: User | AnonymousUser) -> QuerySet[ContextualItem]:
    return ContextualItem.objects.filter(area_id__in=_meg_area_ids(user))


class ContextualItemAccess(StrEnum):
    SEE = "see"
    CHANGE = "change"  # MEG business support and chairs of the item's area


def access_contextual_item(
    user: User | AnonymousUser, item_id: int, *, to: ContextualItemAccess = ContextualItemAccess.SEE
) -> ContextualItem:
    try:
        item: ContextualItem = contextual_item_visible_queryset(user).select_related("area").get(pk=item_id)
    except (ContextualItem.DoesNotExist, ValueError, TypeError) as missing:
        raise not_found(ContextualItem, item_id, "No contextual item found.") from missing
    if to == ContextualItemAccess.CHANGE and not may_plan_for_area(user, item.area_id):
        raise PermissionDenied("Only the MEG's business support officers and chair change contextual items.")
    return item


def contextual_items_to_link_queryset(user: User | AnonymousUser) -> QuerySet[ContextualItem]:
    if not standing_of(user).is_intelligence_officer:
        return ContextualItem.objects.none()
    return ContextualItem.objects.filter(closed_at__isnull=True).select_related("area")


def access_contextual_item_entity(user: User | AnonymousUser, link_id: int) -> ContextualItemEntity:
    """A link from a contextual item to an intelligence entity, for the officer who may remove it."""
    if not standing_of(user).is_intelligence_officer:
        raise not_found(ContextualItemEntity, link_id, "No link found.")
    try:
        link: ContextualItemEntity = ContextualItemEntity.objects.select_related("contextual_item__area").get(
            pk=link_id
        )
    except (ContextualItemEntity.DoesNotExist, ValueError, TypeError) as missing:
        raise not_found(ContextualItemEntity, link_id, "No link found.") from missing
    return link


def plan_visible_queryset(user: User | AnonymousUser) -> QuerySet[Plan]:
    if not user.is_authenticated or not user.is_active:
        return Plan.objects.none()
    visible = Q(area_id__in=_meg_area_ids(user)) | Q(kind=PlanKind.SAFEGUARDING, child__in=child_visible_ids(user))
    return Plan.objects.filter(visible | _invited_plans(user))


def _invited_plans(user: User | AnonymousUser) -> Q:
    """The plans of the children and places on the agendas of the MEGs the user is invited to (decision
    0035): a child's safeguarding plan is also visible through the child gate, whose grant names those
    children; a disruption plan through the places, people, vehicles and peer groups on those agendas."""
    if not invitations_of(user).meeting_ids:
        return Q(pk__in=[])  # no condition at all: Django leaves an empty alternative out of the query
    return Q(kind=PlanKind.DISRUPTION, contextual_item__in=invited_contextual_item_ids(meg_invited_to(user)))


def _invited_plans_read_whole(user: User | AnonymousUser) -> Q | None:
    """The plans on the agendas of the MEGs the user is invited to, whose every agency's actions they
    read because the invited agencies implement them together (decision 0035): the safeguarding plans of
    the children on those agendas, and the disruption plans of the places, people, vehicles and peer
    groups on them. None for a user invited to none."""
    from meetings.grants import meg_invited_grant  # the grant's module imports the agenda's, which imports this one

    standing = standing_of(user)
    if not isinstance(user, User) or not standing.active:
        return None
    children = meg_invited_grant(user, standing)
    if children is None:
        return None
    return _invited_plans(user) | Q(kind=PlanKind.SAFEGUARDING, child__in=Child.objects.filter(children))


def may_read_plan_whole(user: User | AnonymousUser, plan: Plan) -> bool:
    """Whether the plan's page shows every agency's actions: to its MEG's business support and chairs,
    who agree them, and to those invited to a MEG that reviews it (decision 0035). Everyone else reads
    their own agency's actions of the plan."""
    if may_plan_for_area(user, plan.area_id):
        return True
    invited = _invited_plans_read_whole(user)
    return invited is not None and Plan.objects.filter(invited, pk=plan.pk).exists()


def access_plan(user: User | AnonymousUser, plan_id: int) -> Plan:
    # The plan is read by its id and then asked of the gate alone: joined to the gate's conditions, its
    # child was found by reading every child (docs/performance.md).
    try:
        visible = plan_visible_queryset(user).filter(pk=plan_id).exists()
    except (ValueError, TypeError):
        visible = False
    if not visible:
        raise not_found(Plan, plan_id, "No plan found.")
    plan: Plan = Plan.objects.select_related("area", "child", "contextual_item").get(pk=plan_id)
    return plan


def action_visible_queryset(user: User | AnonymousUser) -> QuerySet[Action]:
    if not user.is_authenticated or not user.is_active:
        return Action.objects.none()
    visible = Q(owning_agency_id__in=agency_ids_of(user)) | Q(plan__area_id__in=_meg_area_ids(user))
    invited = _invited_plans_read_whole(user)
    if invited is not None:
        visible |= Q(plan__in=Plan.objects.filter(invited))
    return Action.objects.filter(visible)


class ActionAccess(StrEnum):
    SEE = "see"
    UPDATE = "update"  # the owning agency only


def access_action(user: User | AnonymousUser, action_id: int, *, to: ActionAccess = ActionAccess.SEE) -> Action:
    try:
        action: Action = (
            action_visible_queryset(user)
            .select_related("plan__child", "plan__contextual_item", "owning_agency", "owner", "meeting")
            .get(pk=action_id)
        )
    except (Action.DoesNotExist, ValueError, TypeError) as missing:
        raise not_found(Action, action_id, "No action found.") from missing
    if to == ActionAccess.UPDATE and not may_update_action(user, action):
        raise PermissionDenied("Only the agency that owns an action can update it.")
    return action


def may_update_action(user: User | AnonymousUser, action: Action) -> bool:
    """Every agency updates its own actions only."""
    return action.owning_agency_id in agency_ids_of(user)


def may_plan_for_area(user: User | AnonymousUser, area_id: int) -> bool:
    """Record contextual items and agree plans and actions: MEG business support and chairs, for the
    areas whose MEG they run (the actions are agreed at the meeting they prepare and chair)."""
    return area_id in _meg_area_ids(user)


def agencies_to_prepare_for(user: User | AnonymousUser, meeting: Meeting) -> QuerySet[Agency]:
    """The agencies whose list of what to bring to a planned MEG the user may open: every agency that
    serves the area for the MEG's business support and chairs, who ask them to bring it; the user's
    own agencies otherwise."""
    if meeting.kind != MeetingKind.MEG or meeting.status != MeetingStatus.PLANNED:
        return Agency.objects.none()
    serving = Agency.objects.filter(Q(area_id=meeting.area_id) | Q(area__isnull=True))
    if meeting.area_id in _meg_area_ids(user):
        return serving
    return serving.filter(id__in=agency_ids_of(user))


def access_meeting_to_prepare(user: User | AnonymousUser, meeting_id: int) -> Meeting:
    """A planned MEG, for a member of staff of an agency that serves its area (issue 4: before the
    meeting, each agency sees what it must bring). Shows the meeting, not its agenda."""
    try:
        meeting: Meeting = Meeting.objects.select_related("area").get(
            pk=meeting_id, kind=MeetingKind.MEG, status=MeetingStatus.PLANNED
        )
    except (Meeting.DoesNotExist, ValueError, TypeError) as missing:
        raise not_found(Meeting, meeting_id, "No meeting found.") from missing
    if not agencies_to_prepare_for(user, meeting).exists():
        raise refused(meeting, "No meeting found.")
    return meeting


def access_meeting_pack(user: User | AnonymousUser, meeting_id: int) -> Meeting:
    """The agenda pack names every child on the agenda: for a MEG, its business support and chairs,
    who run it; for a strategy or multi-agency meeting, whoever may see the meeting."""
    meeting = access_meeting(user, meeting_id)
    if meeting.kind == MeetingKind.MEG and meeting.area_id not in _meg_area_ids(user):
        raise refused(meeting, "No meeting found.")
    return meeting


def access_meeting_letters(user: User | AnonymousUser, meeting_id: int) -> Meeting:
    """Letters go to the families of the children on the MEG's agenda; other meetings have none."""
    meeting = access_meeting(user, meeting_id)
    if meeting.kind != MeetingKind.MEG:
        raise Http404("No letters for this meeting.")
    return meeting


def meeting_summary_visible_queryset(user: User | AnonymousUser) -> QuerySet[Meeting]:
    """The MEG's de-identified summaries for MESA: business support and chairs for their areas, and
    partnership analysts for every area (they see aggregates only, which a summary is). A strategy
    or multi-agency meeting is about one child, so no summary of it can be de-identified."""
    if not user.is_authenticated or not user.is_active:
        return Meeting.objects.none()
    meg = Meeting.objects.filter(kind=MeetingKind.MEG)
    if standing_of(user).is_partnership_analyst:
        return meg
    return meg.filter(area_id__in=_meg_area_ids(user))


def access_meeting_summary(user: User | AnonymousUser, meeting_id: int) -> Meeting:
    try:
        meeting: Meeting = meeting_summary_visible_queryset(user).select_related("area", "chair").get(pk=meeting_id)
    except (Meeting.DoesNotExist, ValueError, TypeError) as missing:
        raise not_found(Meeting, meeting_id, "No meeting found.") from missing
    return meeting
