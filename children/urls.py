from django.urls import path

from children import views

app_name = "children"
urlpatterns = [
    path("", views.child_search_page, name="search"),
    path("<uuid:child_id>/", views.child_detail_page, name="detail"),
]
