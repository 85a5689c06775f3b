"""Grading (issue 5, item 3): police intelligence grade each submission by the 3x5x2 model and record the
outcome; partners then see only the sanitised version, on the child's record and in its chronology."""

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string

from accounts.models import AgencyKind, Role, TeamKind
from audit.models import AccessAction, AccessEvent
from children.models import ChronologyEntry
from intelligence.inputs import SubmissionInput
from intelligence.models import Grading, SubmissionStatus
from intelligence.selectors.sanitised import child_intelligence_sanitised
from intelligence.services.grading import submission_grade
from intelligence.services.submissions import submission_record
from tests.factories import AgencyFactory, ChildFactory, TeamFactory, staff_user

pytestmark = pytest.mark.django_db

NARRATIVE = "Pat saw Dean Example's silver Ford collect Kayleigh from the bus station at 11pm."
SUMMARY = "A vehicle of interest has been seen collecting a girl from the bus station late at night."


@pytest.fixture
def intel():
    police = AgencyFactory.create(kind=AgencyKind.POLICE, area=None, name="Example Police")
    team = TeamFactory.create(agency=police, kind=TeamKind.POLICE_INTELLIGENCE)
    return staff_user(team=team, role=Role.POLICE_INTELLIGENCE)


@pytest.fixture
def worker():
    return staff_user(team=TeamFactory.create(kind=TeamKind.SOCIAL_CARE), role=Role.SOCIAL_WORKER)


@pytest.fixture
def child(worker):
    return ChildFactory.create(holding_team=worker.teams.get(), first_name="Kayleigh", last_name="Testcase")


@pytest.fixture
def submission(child):
    submitted, _ = submission_record(
        data=SubmissionInput(
            source="community",
            narrative=NARRATIVE,
            knowledge="seen_or_heard",
            children=[child.pk],
            reporter_identity="Pat Example, 07700 900999",
        )
    )
    return submitted


def grading_form(**overrides) -> dict[str, str]:
    data = {
        "source_evaluation": "2",
        "intelligence_assessment": "B",
        "handling_code": "P",
        "handling_conditions": "",
        "outcome": "safeguarding_referral",
        "sanitised_summary": SUMMARY,
    }
    data.update(overrides)
    return data


def test_an_officer_grades_through_the_page(signed_in, intel, submission, child):
    web = signed_in(intel)
    page = web.get(f"/intelligence/submissions/{submission.pk}/grade/").content.decode()
    for text in ["Grade this submission", "1: Reliable", "E: Suspected to be false", "C: Lawful sharing permitted"]:
        assert text in page, text
    assert "Safeguarding referral" in page
    assert "Leave out the source, the reporter" in page

    response = web.post(f"/intelligence/submissions/{submission.pk}/grade/", grading_form())
    assert response.status_code == 302
    assert response["Location"] == f"/intelligence/submissions/{submission.pk}/"
    grading = Grading.objects.get()
    assert (grading.code, grading.outcome, grading.graded_by) == ("2B P", "safeguarding_referral", intel)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.GRADED

    entry = ChronologyEntry.objects.get(child=child)
    assert (entry.summary, entry.source, entry.recorded_by) == (SUMMARY, "Police intelligence", intel)
    assert entry.source_agency == intel.teams.get().agency
    assert "Pat" not in entry.summary

    record = web.get(response["Location"]).content.decode()
    for text in ["2B P", "(current)", SUMMARY]:
        assert text in record, text


def test_the_grading_page_logs_the_children_it_concerns(signed_in, intel, submission, child):
    signed_in(intel).get(f"/intelligence/submissions/{submission.pk}/grade/")
    event = AccessEvent.objects.get(user=intel, object_type="child")
    assert (event.action, event.object_ids) == (AccessAction.VIEW, [str(child.pk)])


def test_code_c_needs_conditions_and_every_grade_needs_a_summary(signed_in, intel, submission):
    response = signed_in(intel).post(
        f"/intelligence/submissions/{submission.pk}/grade/",
        grading_form(handling_code="C", handling_conditions=" ", sanitised_summary=""),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Grade submission" in body
    assert "Enter the conditions partners must respect for handling code C" in body
    assert "Enter the sanitised summary partners will see" in body
    assert not Grading.objects.exists()
    assert not ChronologyEntry.objects.exists()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.NEW


def test_each_choice_is_named_when_missing(signed_in, intel, submission):
    body = (
        signed_in(intel)
        .post(f"/intelligence/submissions/{submission.pk}/grade/", {"sanitised_summary": SUMMARY})
        .content.decode()
    )
    for message in [
        "Select how reliable the source is (1, 2 or 3)",
        "Select how the source knows the information (A to E)",
        "Select the handling code (P or C)",
        "Select the outcome",
    ]:
        assert message in body
    assert not Grading.objects.exists()


@pytest.mark.parametrize("username", ["socialworker.nfd", "analyst", "megchair", "screener.nfd"])
def test_nobody_but_police_intelligence_may_grade(signed_in, partnership, username):
    submission, _ = submission_record(data=SubmissionInput(source="community", narrative=NARRATIVE))
    user = partnership[username]
    web = signed_in(user)
    assert web.get(f"/intelligence/submissions/{submission.pk}/grade/").status_code == 404
    assert web.post(f"/intelligence/submissions/{submission.pk}/grade/", grading_form()).status_code == 404
    with pytest.raises(PermissionDenied):
        submission_grade(submission=submission, by=user, **grading_form())
    assert not Grading.objects.exists()


def test_the_submitter_may_not_grade_their_own_submission(signed_in, worker, child):
    own, _ = submission_record(
        data=SubmissionInput(source="professional", narrative=NARRATIVE, children=[child.pk]), by=worker
    )
    assert signed_in(worker).get(f"/intelligence/submissions/{own.pk}/grade/").status_code == 404


def test_a_new_grade_is_kept_beside_the_old_and_becomes_current(intel, submission, child):
    first = submission_grade(submission=submission, by=intel, **grading_form())
    second = submission_grade(
        submission=submission,
        by=intel,
        **grading_form(
            source_evaluation="1",
            intelligence_assessment="A",
            handling_code="C",
            handling_conditions="Do not discuss with the family.",
            sanitised_summary="Corroborated: the vehicle collects girls from the bus station.",
        ),
    )
    assert list(submission.gradings.all()) == [second, first]
    assert ChronologyEntry.objects.filter(child=child).count() == 2
    (latest,) = child_intelligence_sanitised(user=intel, child=child)
    assert latest.grade == "1A"
    assert latest.conditions == "Do not discuss with the family."


def test_conditions_are_dropped_for_code_p(intel, submission):
    grading = submission_grade(submission=submission, by=intel, **grading_form(handling_conditions="Leftover"))
    assert grading.handling_conditions == ""


def test_partners_see_the_sanitised_summary_and_never_the_narrative(intel, worker, submission, child):
    submission_grade(submission=submission, by=intel, **grading_form())
    views = child_intelligence_sanitised(user=worker, child=child)
    assert [view.summary for view in views] == [SUMMARY]
    assert views[0].outcome == "Safeguarding referral"
    panel = render_to_string("intelligence/includes/child_panel.html", {"intelligence": views, "child": child})
    assert SUMMARY in panel
    assert "Grade 2B" in panel
    assert f"/intelligence/share/?child={child.pk}" in panel
    for secret in [NARRATIVE, "Pat Example", "07700 900999", "Member of the public", "community"]:
        assert secret not in panel, secret


def test_partners_who_may_not_see_the_child_see_nothing(intel, submission, child):
    submission_grade(submission=submission, by=intel, **grading_form())
    outsider = staff_user(team=TeamFactory.create(kind=TeamKind.SOCIAL_CARE), role=Role.SOCIAL_WORKER)
    assert child_intelligence_sanitised(user=outsider, child=child) == []


def test_ungraded_submissions_are_not_shown_to_partners(worker, submission, child):
    assert child_intelligence_sanitised(user=worker, child=child) == []
    panel = render_to_string("intelligence/includes/child_panel.html", {"intelligence": []})
    assert "The police have shared no graded intelligence about this child" in panel
