from django.urls import path

from children import views
from children.views import allocations

app_name = "children"
urlpatterns = [
    path("", views.child_search_page, name="search"),
    path("<uuid:child_id>/allocations/", allocations.child_allocations_page, name="allocations"),
    path("allocations/<int:allocation_id>/end/", allocations.allocation_end_page, name="allocation_end"),
]
