"""The public pages: no account, under `/report/`."""

from django.urls import include, path

app_name = "public"
urlpatterns = [path("", include("intelligence.views.public"))]
