"""The access gates for meetings and what hangs off them: the one place that decides who sees what.

- MEG meetings, their agendas, contextual items, plans and minutes: MEG business support for their
  own area, MEG chairs for every area (children/access.py `meg_area_ids`).
- Strategy and multi-agency meetings: whoever may see the child the meeting is about, and MEG chairs.
- Actions: every agency sees and updates its own actions only (issue 4); MEG business support and
  chairs see every action of their areas' plans, because they run the meetings that agree and review
  them, but only the owning agency updates one.
- A safeguarding plan is also visible to whoever may see its child.
- Police intelligence officers link what intelligence knows to the MEG's open contextual items, in every
  area: they see each item's kind, title and area to choose it, never its children or plans.

A record that does not exist and a record the user may not see get the same answer: not found.
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Agency, Membership, Role, User
from children.access import child_visible_queryset, meg_area_ids
from intelligence.access import is_intelligence_officer
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


def _meg_area_ids(user: User | AnonymousUser) -> list[int]:
    if not user.is_authenticated or not user.is_active:
        return []
    return meg_area_ids(Membership.objects.filter(user=user))


def is_meg_chair(user: User | AnonymousUser) -> bool:
    return (
        user.is_authenticated and user.is_active and Membership.objects.filter(user=user, role=Role.MEG_CHAIR).exists()
    )


def agency_ids_of(user: User | AnonymousUser) -> list[int]:
    """The agencies the user works for: whose actions they see and update."""
    if not user.is_authenticated or not user.is_active:
        return []
    return list(Membership.objects.filter(user=user).values_list("team__agency_id", flat=True).distinct())


def meg_areas_of(user: User) -> list[int]:
    """The areas whose MEG the user works with; refuses everyone else (the MEG pages are theirs)."""
    areas = _meg_area_ids(user)
    if not areas:
        raise PermissionDenied("MEG meetings are for the MEG chair and business support officers.")
    return areas


def meeting_visible_queryset(user: User | AnonymousUser) -> QuerySet[Meeting]:
    if not user.is_authenticated or not user.is_active:
        return Meeting.objects.none()
    visible = Q(kind=MeetingKind.MEG, area_id__in=_meg_area_ids(user))
    if is_meg_chair(user):
        visible |= ~Q(kind=MeetingKind.MEG)
    else:
        visible |= ~Q(kind=MeetingKind.MEG) & Q(child__in=child_visible_queryset(user))
    return Meeting.objects.filter(visible)


def access_meeting(user: User | AnonymousUser, meeting_id: int) -> Meeting:
    try:
        meeting: Meeting = meeting_visible_queryset(user).select_related("area", "chair", "child").get(pk=meeting_id)
    except (Meeting.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404("No meeting found.") from missing
    return meeting


def may_run_meeting(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """Record attendance, minutes and decisions: MEG business support and chairs for the MEG; for a
    strategy or multi-agency meeting, anyone who may see it (the social worker or team manager
    who arranged it records it)."""
    if meeting.kind == MeetingKind.MEG:
        return meeting.area_id in _meg_area_ids(user)
    return meeting_visible_queryset(user).filter(pk=meeting.pk).exists()


def may_approve_minutes(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """Only the meeting's chair approves its minutes."""
    return user.is_authenticated and user.is_active and meeting.chair_id is not None and meeting.chair_id == user.pk


def may_write_minutes(user: User | AnonymousUser, meeting: Meeting) -> bool:
    """Those who run the meeting write its minutes, and so does its chair, who approves them."""
    return may_run_meeting(user, meeting) or may_approve_minutes(user, meeting)


def contextual_item_visible_queryset(user: User | AnonymousUser) -> QuerySet[ContextualItem]:
    return ContextualItem.objects.filter(area_id__in=_meg_area_ids(user))


def access_contextual_item(user: User | AnonymousUser, item_id: int) -> ContextualItem:
    try:
        item: ContextualItem = contextual_item_visible_queryset(user).select_related("area").get(pk=item_id)
    except (ContextualItem.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404("No contextual item found.") from missing
    return item


def contextual_items_to_link_queryset(user: User | AnonymousUser) -> QuerySet[ContextualItem]:
    if not is_intelligence_officer(user):
        return ContextualItem.objects.none()
    return ContextualItem.objects.filter(closed_at__isnull=True).select_related("area")


def access_contextual_item_entity(user: User | AnonymousUser, link_id: int) -> ContextualItemEntity:
    """A link from a contextual item to an intelligence entity, for the officer who may remove it."""
    if not is_intelligence_officer(user):
        raise Http404("No link found.")
    try:
        link: ContextualItemEntity = ContextualItemEntity.objects.select_related("contextual_item__area").get(
            pk=link_id
        )
    except (ContextualItemEntity.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404("No link found.") from missing
    return link


def plan_visible_queryset(user: User | AnonymousUser) -> QuerySet[Plan]:
    if not user.is_authenticated or not user.is_active:
        return Plan.objects.none()
    visible = Q(area_id__in=_meg_area_ids(user)) | Q(kind=PlanKind.SAFEGUARDING, child__in=child_visible_queryset(user))
    return Plan.objects.filter(visible)


def access_plan(user: User | AnonymousUser, plan_id: int) -> Plan:
    try:
        plan: Plan = plan_visible_queryset(user).select_related("area", "child", "contextual_item").get(pk=plan_id)
    except (Plan.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404("No plan found.") from missing
    return plan


def action_visible_queryset(user: User | AnonymousUser) -> QuerySet[Action]:
    if not user.is_authenticated or not user.is_active:
        return Action.objects.none()
    visible = Q(owning_agency_id__in=agency_ids_of(user)) | Q(plan__area_id__in=_meg_area_ids(user))
    return Action.objects.filter(visible)


def access_action(user: User | AnonymousUser, action_id: int) -> Action:
    try:
        action: Action = (
            action_visible_queryset(user)
            .select_related("plan__child", "plan__contextual_item", "owning_agency", "owner", "meeting")
            .get(pk=action_id)
        )
    except (Action.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404("No action found.") from missing
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
        raise Http404("No meeting found.") from missing
    if not agencies_to_prepare_for(user, meeting).exists():
        raise Http404("No meeting found.")
    return meeting


def access_meeting_pack(user: User | AnonymousUser, meeting_id: int) -> Meeting:
    """The agenda pack names every child on the agenda: for a MEG, its business support and chairs,
    who run it; for a strategy or multi-agency meeting, whoever may see the meeting."""
    meeting = access_meeting(user, meeting_id)
    if meeting.kind == MeetingKind.MEG and meeting.area_id not in _meg_area_ids(user):
        raise Http404("No meeting found.")
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
    if Membership.objects.filter(user=user, role=Role.PARTNERSHIP_ANALYST).exists():
        return meg
    return meg.filter(area_id__in=_meg_area_ids(user))


def access_meeting_summary(user: User | AnonymousUser, meeting_id: int) -> Meeting:
    try:
        meeting: Meeting = meeting_summary_visible_queryset(user).select_related("area", "chair").get(pk=meeting_id)
    except (Meeting.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404("No meeting found.") from missing
    return meeting
