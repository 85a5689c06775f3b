"""The child's page shows partners the sanitised police intelligence about the child, never its source."""

from children.models import Child
from intelligence.inputs import SubmissionInput
from intelligence.services.grading import submission_grade
from intelligence.services.submissions import submission_record


def test_the_childs_page_shows_the_sanitised_summary_and_never_the_narrative(signed_in, partnership):
    social_worker = partnership["socialworker.nfd"]
    child = Child.objects.filter(holding_team__memberships__user=social_worker).first()
    assert child is not None
    submission, _ = submission_record(
        data=SubmissionInput(
            source="community",
            narrative="My neighbour at number 4 says the girl is picked up by a man called Deano.",
            children=[child.id],
            reporter_identity="Pat Example",
        )
    )
    page = signed_in(social_worker).get(f"/children/{child.id}/").content.decode()
    assert "The police have shared no graded intelligence about this child." in page

    submission_grade(
        submission=submission,
        by=partnership["intel"],
        source_evaluation="2",
        intelligence_assessment="C",
        handling_code="P",
        handling_conditions="",
        outcome="safeguarding_referral",
        sanitised_summary="A report that the child is collected by an adult male known as Deano.",
    )
    page = signed_in(social_worker).get(f"/children/{child.id}/").content.decode()
    assert "A report that the child is collected by an adult male known as Deano." in page
    assert "neighbour at number 4" not in page
    assert "Pat Example" not in page
    assert f"/intelligence/share/?child={child.pk}" in page
