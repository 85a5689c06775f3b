"""The child gate's grant that rests on the MEG agenda (children/access.py NEED_TO_KNOW)."""

from django.db.models import Q

from accounts.models import User
from accounts.standing import Standing
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
