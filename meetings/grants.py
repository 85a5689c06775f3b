"""The child gate's grants that rest on the MEG (children/access.py NEED_TO_KNOW)."""

from django.db.models import Q

from accounts.models import User
from accounts.standing import Standing
from meetings.invited import invitations_of, invited_held_child_ids
from meetings.models import Meeting
from meetings.selectors.agenda import meg_agenda_condition


def meg_agenda_grant(user: User, standing: Standing) -> Q | None:
    """MEG business support, for the children on their area's agenda, and MEG chairs, for the
    children on every area's (rule 9: the MEG oversees every medium and high risk case), while the
    children are on it (decision 0011). The agenda rule is evaluated by the database for each child
    the gate is asked about, in the gate's own query."""
    areas = sorted(standing.meg_area_ids)
    if not areas:
        return None
    return meg_agenda_condition(area_ids=areas)


def meg_invited_grant(user: User, standing: Standing) -> Q | None:
    """Those named as invited to a MEG, for the agency they work for, for the children on its agenda
    while the invitation lasts (decision 0035; seed 003, 2.4: the invited agencies "implement the
    safeguarding plans and disruption plans agreed"): the children frozen on a held meeting's agenda,
    and those on the area's agenda now for a planned one. The invitations are read first
    (`invitations_of`): most people have none, and their gate then carries none of the agenda rule."""
    invitations = invitations_of(user)
    granted: Q | None = None
    if invitations.held_ids:
        granted = Q(pk__in=invited_held_child_ids(Meeting.objects.filter(pk__in=invitations.held_ids)))
    if invitations.planned_area_ids:
        on_planned = meg_agenda_condition(area_ids=list(invitations.planned_area_ids))
        granted = on_planned if granted is None else granted | on_planned
    return granted
