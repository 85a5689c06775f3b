"""The child gate's grant that rests on the MEG agenda (children/access.py NEED_TO_KNOW)."""

from django.db.models import Q

from accounts.models import User
from accounts.standing import Standing, request_memo
from meetings.selectors.agenda import meg_agenda_child_ids


def meg_agenda_grant(user: User, standing: Standing) -> Q | None:
    """MEG business support, for the children on their area's agenda, and MEG chairs, for the
    children on every area's (rule 9: the MEG oversees every medium and high risk case), while the
    children are on it (decision 0011)."""
    areas = sorted(standing.meg_area_ids)
    if not areas:
        return None
    # Asked at every gate of the request: the agendas are read once per request.
    ids = request_memo(user, ("meg agenda children", tuple(areas)), lambda: meg_agenda_child_ids(area_ids=areas))
    return Q(id__in=ids)
