"""Search counts every matching mention, however old, and the page and the API say when there are more
than they show (issue 10: results may be paged, never silently cut). Of the partial registrations
shown, those with the most known characters come first, so an old, nearly whole one is not pushed out
by newer ones that tell less."""

import pytest
from django.utils import timezone

from accounts.models import Role, TeamKind
from intelligence.inputs import SubmissionInput, VehicleInput
from intelligence.models import EntityKind, Mention, Submission
from intelligence.selectors.search import PER_KIND_LIMIT
from intelligence.services.submissions import submission_record
from tests.factories import TeamFactory, staff_user

FULL, VAGUE = 150, 120


@pytest.fixture
def officer(db):
    return staff_user(team=TeamFactory.create(kind=TeamKind.POLICE_INTELLIGENCE), role=Role.POLICE_INTELLIGENCE)


def _report(reference: str, registration: str = "") -> None:
    submission_record(
        data=SubmissionInput(
            source="community",
            narrative="A silver car outside the school.",
            reference=reference,
            received_at=timezone.now(),
            vehicles=[VehicleInput(registration=registration)] if registration else [],
        ),
        link_people=False,
    )


@pytest.fixture
def many_sightings(officer):
    _report("INT-OLD-PLATE", "KX7? V*")  # the oldest, and the partial one that tells most
    _report("INT-MANY")
    submission = Submission.objects.get(reference="INT-MANY")
    Mention.objects.bulk_create(
        [Mention(submission=submission, kind=EntityKind.VEHICLE, position=n, key="KX72VBN") for n in range(FULL)]
        + [
            Mention(submission=submission, kind=EntityKind.VEHICLE, position=FULL + n, key="*VBN", partial=True)
            for n in range(VAGUE)
        ]
    )


def test_the_page_says_how_many_match_and_how_many_it_shows(signed_in, officer, many_sightings):
    response = signed_in(officer).get("/intelligence/search/", {"q": "KX72 VBN", "kind": "vehicle"})
    page = response.content.decode()
    total = FULL + VAGUE + 1
    assert f"{total} mentions found" in page
    assert f"{total} vehicle mentions match; only {2 * PER_KIND_LIMIT} are shown" in page
    assert "INT-OLD-PLATE" in page
    assert page.count("Same registration") == PER_KIND_LIMIT
    assert page.count("Partial registration that could be this vehicle") == PER_KIND_LIMIT


def test_the_api_says_how_many_match_and_how_many_it_returns(signed_in, officer, many_sightings):
    answer = signed_in(officer).get("/api/v1/intelligence/search", {"q": "KX72VBN", "kind": "vehicle"}).json()
    assert answer["kinds"] == [{"kind": "vehicle", "total": FULL + VAGUE + 1, "shown": 2 * PER_KIND_LIMIT}]
    assert answer["total"] == FULL + VAGUE + 1
    assert answer["complete"] is False
    assert len(answer["results"]) == 2 * PER_KIND_LIMIT
    assert "INT-OLD-PLATE" in {row["submission_reference"] for row in answer["results"]}


def test_a_search_with_everything_shown_says_nothing_more(signed_in, officer, many_sightings):
    response = signed_in(officer).get("/intelligence/search/", {"q": "KX7? VB", "kind": "vehicle"})
    page = response.content.decode()
    assert "1 mention found" in page
    assert "INT-OLD-PLATE" in page
    assert "are shown" not in page
    answer = signed_in(officer).get("/api/v1/intelligence/search", {"q": "XY70VCZ"}).json()
    assert answer["complete"] is True
    assert answer["results"] == []
