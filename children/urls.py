from django.urls import path

from children import views
from children.views import allocations, closure, corrections, missing, notes

app_name = "children"
urlpatterns = [
    path("", views.child_search_page, name="search"),
    path("<uuid:child_id>/allocations/", allocations.child_allocations_page, name="allocations"),
    path("allocations/<int:allocation_id>/end/", allocations.allocation_end_page, name="allocation_end"),
    path("<uuid:child_id>/close", closure.case_close_page, name="close"),
    path("<uuid:child_id>/missing-episodes/", missing.missing_episode_list_page, name="missing_list"),
    path("<uuid:child_id>/missing-episodes/new", missing.missing_episode_record_page, name="missing_record"),
    path("missing-episodes/<int:episode_id>/return", missing.missing_episode_return_page, name="missing_return"),
    path(
        "missing-episodes/<int:episode_id>/return-interview",
        missing.return_interview_record_page,
        name="return_interview",
    ),
    path("<uuid:child_id>/notes/new/", notes.case_note_page, name="note_new"),
    path("<uuid:child_id>/correct/", corrections.child_details_correct_page, name="correct"),
]
