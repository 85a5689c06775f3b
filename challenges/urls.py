from django.urls import path

from challenges import views

app_name = "challenges"
urlpatterns = [
    path("", views.challenge_list_page, name="list"),
    path("report/", views.challenge_report_page, name="report"),
    path("new/<uuid:child_id>/", views.challenge_raise_page, name="raise"),
    path("child/<uuid:child_id>/", views.child_challenge_list_page, name="child"),
    path("<int:challenge_id>/", views.challenge_detail_page, name="detail"),
    path("<int:challenge_id>/escalate/", views.challenge_escalate_page, name="escalate"),
    path("<int:challenge_id>/resolve/", views.challenge_resolve_page, name="resolve"),
    path("<int:challenge_id>/withdraw/", views.challenge_withdraw_page, name="withdraw"),
]
