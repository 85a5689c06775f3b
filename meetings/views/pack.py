"""The agenda pack: a page that says what the pack holds, and the PDF itself."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.requests import StaffRequest
from core.access_policy import Policy, access_policy
from core.pdf import pdf_from_template
from core.request_context import access_context_from_request
from meetings.access import access_meeting_pack
from meetings.models import Meeting
from meetings.selectors.agenda import meeting_agenda, meeting_previous
from meetings.selectors.pack import meeting_pack_export, pack_window


def pack_filename(meeting: Meeting) -> str:
    # Never the child's name: the file name shows in download lists, e-mail and shared folders.
    day = timezone.localtime(meeting.starts_at).date()
    return f"{meeting.kind.replace('_', '-')}-agenda-pack-{meeting.area.code.lower()}-{day:%Y-%m-%d}-{meeting.pk}.pdf"


@access_policy(Policy.STAFF)
@require_GET
def meeting_pack_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    # Counts only, no names: this page reads no child-identifiable data, so it logs nothing.
    user = request.user
    meeting = access_meeting_pack(user, meeting_id)
    agenda = meeting_agenda(meeting=meeting)
    window = pack_window(meeting=meeting, previous=meeting_previous(meeting=meeting))
    return render(
        request,
        "meetings/pack/page.html",
        {
            "meeting": meeting,
            "children_count": len(agenda.children),
            "contextual_count": len(agenda.contextual_items),
            "window": window,
            "filename": pack_filename(meeting),
        },
    )


@access_policy(Policy.STAFF)
@require_GET
def meeting_pack_pdf(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    export = meeting_pack_export(user=user, meeting_id=meeting_id, context=access_context_from_request(request))
    pdf = pdf_from_template("meetings/pack/pack.html", {"pack": export.pack, "meeting": export.pack.meeting})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pack_filename(export.meeting)}"'
    response["Cache-Control"] = "no-store, private"
    return response


urlpatterns = [
    path("<int:meeting_id>/pack/", meeting_pack_page, name="pack"),
    path("<int:meeting_id>/pack.pdf", meeting_pack_pdf, name="pack_pdf"),
]
