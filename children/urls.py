from django.urls import path

from children import views

app_name = "children"
urlpatterns = [
    path("", views.child_search_page, name="search"),
]
