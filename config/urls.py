from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from children import api as children_api
from children.api import allocations as children_allocations_api
from children.api import closure as children_closure_api
from children.api import missing as children_missing_api
from children.api import notes as children_notes_api
from core.access_policy import Policy
from frontdoor import api as frontdoor_api
from frontdoor.api import contact_closure as frontdoor_contact_closure_api
from frontdoor.api import contacts as frontdoor_contacts_api
from frontdoor.api import referrals as frontdoor_referrals_api
from frontdoor.api import screenings as frontdoor_screenings_api
from frontdoor.api import tasks as frontdoor_tasks_api
from intelligence.api import views as intelligence_api
from meetings.api import actions as meetings_actions_api
from meetings.api import meetings as meetings_api


class SchemaView(SpectacularAPIView):
    access_policy = Policy.API


# Swagger UI sets inline styles as it draws; inline script stays forbidden on this page too.
@method_decorator(csp_update({"style-src": [UNSAFE_INLINE]}), name="dispatch")
class DocsView(SpectacularSwaggerSplitView):
    access_policy = Policy.API


api_v1 = [
    path("children/", children_api.ChildListApi.as_view(), name="children-list"),
    path("children/<uuid:child_id>/", children_api.ChildDetailApi.as_view(), name="children-detail"),
    path(
        "children/<uuid:child_id>/allocations",
        children_allocations_api.ChildAllocationsApi.as_view(),
        name="children-allocations",
    ),
    path(
        "allocations/<int:allocation_id>/end",
        children_allocations_api.AllocationEndApi.as_view(),
        name="allocations-end",
    ),
    path("children/<uuid:child_id>/closure", children_closure_api.ChildClosureApi.as_view(), name="children-closure"),
    path(
        "children/<uuid:child_id>/missing-episodes",
        children_missing_api.ChildMissingEpisodesApi.as_view(),
        name="children-missing-episodes",
    ),
    path(
        "missing-episodes/<int:episode_id>/return",
        children_missing_api.MissingEpisodeReturnApi.as_view(),
        name="missing-episodes-return",
    ),
    path(
        "missing-episodes/<int:episode_id>/return-interview",
        children_missing_api.ReturnInterviewApi.as_view(),
        name="missing-episodes-return-interview",
    ),
    path("children/<uuid:child_id>/notes", children_notes_api.CaseNoteCreateApi.as_view(), name="children-notes"),
    path("routing/preview", frontdoor_api.RoutingPreviewApi.as_view(), name="routing-preview"),
    path("contacts/", frontdoor_contacts_api.ContactListApi.as_view(), name="contacts-list"),
    path("contacts/<int:contact_id>/", frontdoor_contacts_api.ContactDetailApi.as_view(), name="contacts-detail"),
    path(
        "contacts/<int:contact_id>/closure",
        frontdoor_contact_closure_api.ContactClosureApi.as_view(),
        name="contacts-closure",
    ),
    path(
        "contacts/<int:contact_id>/screening",
        frontdoor_screenings_api.ContactScreeningApi.as_view(),
        name="contacts-screening",
    ),
    path(
        "assessments/<int:assessment_id>/",
        frontdoor_screenings_api.AssessmentDetailApi.as_view(),
        name="assessments-detail",
    ),
    path(
        "screenings/<int:screening_id>/",
        frontdoor_screenings_api.ScreeningDetailApi.as_view(),
        name="screenings-detail",
    ),
    path(
        "screenings/<int:screening_id>/decision",
        frontdoor_screenings_api.ScreeningDecisionApi.as_view(),
        name="screenings-decision",
    ),
    path("referrals", frontdoor_referrals_api.ReferralCreateApi.as_view(), name="referrals-create"),
    path(
        "referrals/<int:referral_id>/match",
        frontdoor_referrals_api.ReferralMatchApi.as_view(),
        name="referrals-match",
    ),
    path("tasks/", frontdoor_tasks_api.TaskListApi.as_view(), name="tasks-list"),
    path("tasks/<int:task_id>/", frontdoor_tasks_api.TaskDetailApi.as_view(), name="tasks-detail"),
    path("tasks/<int:task_id>/complete", frontdoor_tasks_api.TaskCompleteApi.as_view(), name="tasks-complete"),
    path("tasks/<int:task_id>/cancel", frontdoor_tasks_api.TaskCancelApi.as_view(), name="tasks-cancel"),
    path("meetings/", meetings_api.MeetingListApi.as_view(), name="meetings-list"),
    path("meetings/<int:meeting_id>/", meetings_api.MeetingDetailApi.as_view(), name="meetings-detail"),
    path("meetings/<int:meeting_id>/agenda-items", meetings_api.MeetingAgendaApi.as_view(), name="meetings-agenda"),
    path("meetings/<int:meeting_id>/outcome", meetings_api.MeetingOutcomeApi.as_view(), name="meetings-outcome"),
    path("plans/<int:plan_id>/", meetings_actions_api.PlanDetailApi.as_view(), name="plans-detail"),
    path("plans/<int:plan_id>/actions", meetings_actions_api.PlanActionCreateApi.as_view(), name="plans-actions"),
    path("actions/", meetings_actions_api.ActionListApi.as_view(), name="actions-list"),
    path("actions/<int:action_id>/", meetings_actions_api.ActionDetailApi.as_view(), name="actions-detail"),
    path("actions/<int:action_id>/updates", meetings_actions_api.ActionUpdateApi.as_view(), name="actions-update"),
    path(
        "intelligence/submissions/",
        intelligence_api.SubmissionCreateApi.as_view(),
        name="intelligence-submissions",
    ),
    path(
        "intelligence/submissions/<int:submission_id>/",
        intelligence_api.SubmissionDetailApi.as_view(),
        name="intelligence-submissions-detail",
    ),
    path(
        "intelligence/entities/<int:entity_id>/",
        intelligence_api.EntityDetailApi.as_view(),
        name="intelligence-entities-detail",
    ),
    path("intelligence/search", intelligence_api.SearchApi.as_view(), name="intelligence-search"),
    path(
        "intelligence/network/entities/<int:entity_id>/",
        intelligence_api.NetworkEntityApi.as_view(),
        name="intelligence-network-entity",
    ),
]

urlpatterns = [
    path("", include("core.urls")),
    path("", include("hub.urls")),
    path("", include("accounts.urls")),
    path("children/", include("children.urls")),
    path("", include("frontdoor.urls")),
    path("challenges/", include("challenges.urls")),
    path("meetings/", include("meetings.urls")),
    path("intelligence/", include("intelligence.urls")),
    path("report/", include("intelligence.public_urls")),
    path("api/v1/", include((api_v1, "api"))),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", DocsView.as_view(url_name="schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
