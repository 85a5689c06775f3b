from django.urls import path

from frontdoor.views import contacts, reassessments, referrals, screenings, tasks

app_name = "frontdoor"
urlpatterns = [
    path("contacts/new/", contacts.contact_new, name="contact_new"),
    path("contacts/<int:contact_id>/", contacts.contact_detail, name="contact_detail"),
    path("contacts/<int:contact_id>/close/", contacts.contact_close_page, name="contact_close"),
    path("contacts/<int:contact_id>/linked-children/add/", contacts.linked_child_add, name="linked_child_add"),
    path(
        "contacts/<int:contact_id>/linked-children/<int:link_id>/screen/",
        contacts.linked_child_screen,
        name="linked_child_screen",
    ),
    path("contacts/<int:contact_id>/screen/", screenings.screening_form_page, name="screening_start"),
    path("screenings/<int:screening_id>/confirm/", screenings.screening_confirm_page, name="screening_confirm"),
    path("screenings/<int:screening_id>/", screenings.screening_detail_page, name="screening_detail"),
    path("children/<uuid:child_id>/refer-to-front-door/", contacts.refer_to_front_door, name="refer_to_front_door"),
    path(
        "children/<uuid:child_id>/missing-prompt/accept/",
        contacts.missing_prompt_accept_page,
        name="missing_prompt_accept",
    ),
    path("children/<uuid:child_id>/reassess/", reassessments.reassessment_form_page, name="reassessment_start"),
    path(
        "assessments/<int:assessment_id>/confirm/", reassessments.reassessment_confirm_page, name="reassessment_confirm"
    ),
    path("assessments/<int:assessment_id>/", reassessments.assessment_detail_page, name="assessment_detail"),
    path("tasks/<int:task_id>/", tasks.task_detail, name="task_detail"),
    path("referrals/", referrals.referral_list, name="referral_list"),
    path("referrals/new/", referrals.referral_new, name="referral_new"),
    path("referrals/<int:referral_id>/", referrals.referral_detail, name="referral_detail"),
    path("referrals/<int:referral_id>/match/", referrals.referral_match_page, name="referral_match"),
]
