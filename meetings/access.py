"""Who may work with MEG meetings: business support for their own area, chairs for every area."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Membership, User
from children.access import meg_area_ids
from meetings.models import Meeting


def meg_areas_of(user: User) -> list[int]:
    areas = meg_area_ids(Membership.objects.filter(user=user))
    if not areas:
        raise PermissionDenied("MEG meetings are for the MEG chair and business support officers.")
    return areas


def access_meeting(user: User, meeting_id: int) -> Meeting:
    try:
        meeting: Meeting = Meeting.objects.select_related("area").get(pk=meeting_id, area_id__in=meg_areas_of(user))
    except (Meeting.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404("No meeting found.") from missing
    return meeting
