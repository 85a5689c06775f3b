"""The meetings' background tasks, run by the database worker (`manage.py db_worker`). Each takes ids,
never records, because its arguments are stored as JSON until a worker picks it up; each asks the
access layer again as the user who asked, because that user's sight may have changed meanwhile."""

from django_tasks import task

from accounts.models import User
from meetings.models import Meeting
from meetings.services.letters import meeting_letters_generate
from meetings.services.packs import pack_build


@task()
def meeting_pack_build(pack_request_id: int) -> str:
    """The agenda pack of one job (meetings/services/packs.py)."""
    return pack_build(pack_request_id=pack_request_id)


@task()
def meeting_letters_write(meeting_id: int, user_id: int) -> int:
    """Every missing letter of a meeting's agenda, as the user who asked; returns how many were written."""
    user = User.objects.get(pk=user_id, is_active=True)
    meeting = Meeting.objects.select_related("area").get(pk=meeting_id)
    return len(meeting_letters_generate(meeting=meeting, by=user))
