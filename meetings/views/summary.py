"""The MEG's de-identified strategic summary for MESA, as a page and as a CSV file.

Aggregates only, with small numbers suppressed: no child-identifiable data, so no access event
(like the professional challenge report). The gate still refuses meetings the user may not see.
"""

import csv
import io

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.requests import StaffRequest
from core.access_policy import Policy, access_policy
from core.suppression import FEWER_THAN
from meetings.access import access_meeting_summary, meeting_summary_visible_queryset
from meetings.models import Meeting
from meetings.selectors.summary import meeting_summary_read

SUMMARIES_LISTED = 36


def _filename(meeting: Meeting) -> str:
    day = timezone.localtime(meeting.starts_at).date()
    return f"meg-summary-{meeting.area.code.lower()}-{day:%Y-%m-%d}.csv"


@access_policy(Policy.STAFF)
@require_GET
def meeting_summary_list_page(request: StaffRequest) -> HttpResponse:
    user = request.user
    meetings = meeting_summary_visible_queryset(user).select_related("area").order_by("-starts_at")[:SUMMARIES_LISTED]
    return render(request, "meetings/summary/list.html", {"meetings": meetings})


@access_policy(Policy.STAFF)
@require_GET
def meeting_summary_page(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = access_meeting_summary(user, meeting_id)
    summary = meeting_summary_read(meeting=meeting)
    return render(
        request, "meetings/summary/page.html", {"meeting": meeting, "summary": summary, "fewer_than": FEWER_THAN}
    )


@access_policy(Policy.STAFF)
@require_GET
def meeting_summary_csv(request: StaffRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = access_meeting_summary(user, meeting_id)
    summary = meeting_summary_read(meeting=meeting)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Table", "Row", "Measure", "Value"])
    for table in summary.tables:
        rows = [*table.rows, table.total] if table.total else table.rows
        for row in rows:
            for column, shown in zip(table.columns[1:], row.shown, strict=True):
                writer.writerow([table.title, row.label, column, shown])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(meeting)}"'
    return response


urlpatterns = [
    path("summaries/", meeting_summary_list_page, name="summaries"),
    path("<int:meeting_id>/summary/", meeting_summary_page, name="summary"),
    path("<int:meeting_id>/summary.csv", meeting_summary_csv, name="summary_csv"),
]
