"""Each page module lists its own routes; this file only gathers them under the `meetings` namespace."""

from django.urls import include, path

from meetings.views import actions, agenda, contextual, entity_links, letters, minutes, pack, plans, records, summary

app_name = "meetings"
urlpatterns = [
    path("", agenda.meeting_list_page, name="list"),
    path("<int:meeting_id>/", agenda.meeting_detail_page, name="detail"),
    path("<int:meeting_id>/remove/<uuid:child_id>/", agenda.agenda_removal_page, name="remove"),
    path("", include(records.urlpatterns)),
    path("", include(minutes.urlpatterns)),
    path("", include(contextual.urlpatterns)),
    path("", include(plans.urlpatterns)),
    path("", include(actions.urlpatterns)),
    path("", include(pack.urlpatterns)),
    path("", include(summary.urlpatterns)),
    path("", include(letters.urlpatterns)),
    path("", include(entity_links.urlpatterns)),
]
