"""The agenda pack: a page that says what the pack holds, asks for it and shows how far it has got,
and the PDF itself, made by a background task (meetings/services/packs.py)."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import StaffRequest
from core.access_policy import Policy, access_policy
from core.request_context import access_context_from_request
from meetings.access import access_meeting_pack
from meetings.models import Meeting
from meetings.selectors.agenda import meeting_agenda, meeting_previous
from meetings.selectors.pack import meeting_pack_download, pack_request_latest, pack_window
from meetings.services.packs import pack_request_create


def pack_filename(meeting: Meeting) -> str:
    # Never the child's name: the file name shows in download lists, e-mail and shared folders.
    day = timezone.localtime(meeting.starts_at).date()
    return f"{meeting.kind.replace('_', '-')}-agenda-pack-{meeting.area.code.lower()}-{day:%Y-%m-%d}-{meeting.pk}.pdf"


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def meeting_pack_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    # Counts only, no names: this page reads no child-identifiable data, so it logs nothing.
    user = request.user
    if request.method == "POST":
        pack_request_create(user=user, meeting_id=meeting_id)
        return redirect("meetings:pack", meeting_id=meeting_id)
    meeting = access_meeting_pack(user, meeting_id)
    agenda = meeting_agenda(meeting=meeting)
    window = pack_window(meeting=meeting, previous=meeting_previous(meeting=meeting))
    job = pack_request_latest(user=user, meeting=meeting)
    stuck = job is not None and job.is_stuck()
    return render(
        request,
        "meetings/pack/page.html",
        {
            "meeting": meeting,
            "children_count": len(agenda.children),
            "contextual_count": len(agenda.contextual_items),
            "window": window,
            "filename": pack_filename(meeting),
            "job": job,
            "stuck": stuck,
        },
    )


@access_policy(Policy.STAFF)
@require_GET
def meeting_pack_pdf(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    download = meeting_pack_download(user=user, meeting_id=meeting_id, context=access_context_from_request(request))
    if download.request is None:
        # Nothing of this user's is ready (not asked for, still being made, or failed): the page says which.
        return redirect("meetings:pack", meeting_id=download.meeting.pk)
    response = HttpResponse(bytes(download.request.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pack_filename(download.meeting)}"'
    response["Cache-Control"] = "no-store, private"
    return response


urlpatterns = [
    path("<int:meeting_id>/pack/", meeting_pack_page, name="pack"),
    path("<int:meeting_id>/pack.pdf", meeting_pack_pdf, name="pack_pdf"),
]
