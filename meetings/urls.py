from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list_page, name="list"),
    path("<int:meeting_id>/", views.meeting_detail_page, name="detail"),
    path("<int:meeting_id>/remove/<uuid:child_id>/", views.agenda_removal_page, name="remove"),
]
