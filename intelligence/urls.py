"""Each page module lists its own routes; this file only gathers them under the `intelligence`
namespace. The public pages are gathered separately, under `/report/` (config/urls.py)."""

from django.urls import include, path

app_name = "intelligence"
urlpatterns = [
    path("", include("intelligence.views.sharing")),
    path("", include("intelligence.views.queue")),
    path("", include("intelligence.views.grading")),
    path("", include("intelligence.views.search")),
    path("", include("intelligence.views.review")),
    path("", include("intelligence.views.network")),
]
