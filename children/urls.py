from django.urls import path

from children import views
from children.views import corrections, notes

app_name = "children"
urlpatterns = [
    path("", views.child_search_page, name="search"),
    path("<uuid:child_id>/notes/new/", notes.case_note_page, name="note_new"),
    path("<uuid:child_id>/correct/", corrections.child_details_correct_page, name="correct"),
]
