"""The agenda pack as a background job: asked for on the pack page, made by a task (meetings/tasks.py)
under the asking user's access, downloaded by that user alone (meetings/selectors/pack.py).

Asking writes the job and its task in one transaction (the database backend stores the task as a
row), so that either both exist or neither does, and a worker never sees a task without its job."""

import logging

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from core.pdf import pdf_laid_out_from_template
from meetings.access import access_meeting_pack
from meetings.models import Meeting, PackRequest, PackStatus
from meetings.models.packs import IN_PROGRESS
from meetings.selectors.pack import meeting_pack_read

logger = logging.getLogger(__name__)

NO_LONGER_SEEN = "You may no longer see this meeting's pack, so it was not prepared."
FAILED = "The pack could not be prepared. Ask for it again; if it fails again, tell your system administrator."
STUCK = "The pack took too long to prepare. Ask for it again."


def pack_request_create(*, user: User, meeting_id: int) -> PackRequest:
    """Ask for the meeting's pack: a new job, or the one already waiting or being made for this user,
    so that a second press or a retried POST enqueues nothing more. A job that has lost its worker
    (waiting or running for longer than PACK_STUCK_AFTER) is marked failed and replaced."""
    from meetings.tasks import meeting_pack_build  # the task module imports this one

    with transaction.atomic():
        meeting = access_meeting_pack(user, meeting_id)
        # Two presses at once queue behind this lock; the unique constraint backs it up.
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        mine = PackRequest.objects.filter(meeting=meeting, requested_by=user).defer("pdf")
        current = mine.filter(status__in=IN_PROGRESS).first()
        if current is not None and not current.is_stuck():
            return current
        if current is not None:
            _fail(current.pk, STUCK)
        # Only the newest pack is kept: an older one is out of date, and still names children.
        mine.exclude(status__in=IN_PROGRESS).delete()
        try:
            with transaction.atomic():
                request = PackRequest.objects.create(meeting=meeting, requested_by=user, progress="Waiting to start")
        except IntegrityError:
            return mine.get(status__in=IN_PROGRESS)
        result = meeting_pack_build.enqueue(pack_request_id=request.pk)
        request.task_id = str(result.id)
        request.save(update_fields=["task_id"])
    return request


def _progress(request_id: int, text: str) -> None:
    # Outside any transaction, so that the pack page sees it at once.
    PackRequest.objects.filter(pk=request_id).update(progress=text)


def _fail(request_id: int, error: str) -> None:
    PackRequest.objects.filter(pk=request_id).update(
        status=PackStatus.FAILED, error=error, progress="", pdf=b"", finished_at=timezone.now()
    )


def pack_build(*, pack_request_id: int) -> str:
    """Make the pack of one job, reading the records as the user who asked for it, with the pack gate
    asked again: sight of a MEG's children ends when a user leaves its team. Returns the job's status."""
    with transaction.atomic():
        request = (
            PackRequest.objects.select_for_update().select_related("requested_by").filter(pk=pack_request_id).first()
        )
        if request is None or request.status != PackStatus.QUEUED:
            # Asked again and replaced, or already made by another worker: nothing to do.
            return request.status if request else "gone"
        request.status = PackStatus.RUNNING
        request.started_at = timezone.now()
        request.progress = "Reading the records"
        request.save(update_fields=["status", "started_at", "progress"])
    user = request.requested_by
    try:
        if not user.is_active:
            raise Http404("Inactive user.")
        meeting = access_meeting_pack(user, request.meeting_id)
    except Http404:
        _fail(request.pk, NO_LONGER_SEEN)
        return PackStatus.FAILED
    try:
        pack = meeting_pack_read(meeting=meeting)
        _progress(request.pk, f"Laying out the pages for {len(pack.children)} children")
        made = pdf_laid_out_from_template(
            "meetings/pack/pack.html",
            {"pack": pack, "meeting": pack.meeting},
            laid_out=lambda pages: _progress(request.pk, f"Writing the file: {pages} pages"),
        )
    except Exception:
        logger.exception("The agenda pack of job %s failed.", request.pk)
        _fail(request.pk, FAILED)
        return PackStatus.FAILED
    PackRequest.objects.filter(pk=request.pk, status=PackStatus.RUNNING).update(
        status=PackStatus.READY,
        progress="",
        pdf=made.data,
        pages=made.pages,
        children_count=len(pack.children),
        child_ids=[str(child_id) for child_id in pack.child_ids],
        finished_at=timezone.now(),
    )
    return PackStatus.READY
