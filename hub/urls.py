from django.urls import path

from hub import views

app_name = "hub"
urlpatterns = [
    path("", views.home, name="home"),
    path("children/<uuid:child_id>/", views.child_page, name="child"),
    path("tasks/", views.worklist, name="worklist"),
    path("caseload/team/", views.team_caseload, name="team_caseload"),
]
