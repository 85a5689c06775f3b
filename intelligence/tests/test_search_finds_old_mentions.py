"""Search finds every matching mention however old (issue 10): a partial registration or a name
recorded before 10,000 newer mentions of the same kind is still found. Before, only the newest 5,000
partial registrations and 5,000 name candidates were looked at, and older sightings were missed
without a word."""

import pytest
from django.utils import timezone

from accounts.models import Role, TeamKind
from core.request_context import AccessContext
from intelligence.inputs import PersonInput, SubmissionInput, VehicleInput
from intelligence.models import EntityKind, Mention
from intelligence.selectors.search import SearchQuery, intelligence_search
from intelligence.services.submissions import submission_record
from tests.factories import TeamFactory, staff_user

NEWER = 10_000


@pytest.fixture
def officer(db):
    return staff_user(team=TeamFactory.create(kind=TeamKind.POLICE_INTELLIGENCE), role=Role.POLICE_INTELLIGENCE)


def _newer_mentions(kind: EntityKind, *, key: str = "", search_text: str = "", partial: bool = False) -> None:
    """NEWER mentions after the old one, all candidates the old cut would have looked at first
    (`{n}` in a text is the mention's number)."""
    filler, _ = submission_record(
        data=SubmissionInput(source="community", narrative="Many later reports.", received_at=timezone.now()),
        link_people=False,
    )
    Mention.objects.bulk_create(
        [
            Mention(
                submission=filler,
                kind=kind,
                position=number,
                key=key.format(n=number),
                search_text=search_text.format(n=number),
                partial=partial,
            )
            for number in range(NEWER)
        ],
        batch_size=2000,
    )


def _found(officer, text: str, kind: str) -> set[str]:
    result = intelligence_search(
        user=officer, query=SearchQuery(text=text, kind=kind), context=AccessContext(channel="page")
    )
    return {row.mention.submission.reference for row in result.rows}


def test_a_partial_registration_older_than_ten_thousand_others_is_found(officer):
    submission_record(
        data=SubmissionInput(
            source="community",
            narrative="A silver car outside the school, the plate half seen.",
            reference="INT-OLD-PLATE",
            vehicles=[VehicleInput(registration="KX7? V*")],
        ),
        link_people=False,
    )
    _newer_mentions(EntityKind.VEHICLE, key="ZZ{n}?Q", partial=True)
    assert Mention.objects.filter(kind=EntityKind.VEHICLE, partial=True).count() == NEWER + 1
    assert "INT-OLD-PLATE" in _found(officer, "KX72VBN", EntityKind.VEHICLE)


def test_a_name_older_than_ten_thousand_similar_ones_is_found(officer):
    submission_record(
        data=SubmissionInput(
            source="community",
            narrative="A man who calls himself Dazza drives the girls about.",
            reference="INT-OLD-NAME",
            persons=[PersonInput(nickname="Dazza Kellerman")],
        ),
        link_people=False,
    )
    # Each newer name shares the first and last three letters of the searched words, so each one is a
    # candidate, but none is similar enough to be found.
    _newer_mentions(EntityKind.PERSON, search_text="kelqqq{n}man dazqqq{n}")
    assert "INT-OLD-NAME" in _found(officer, "Dazza Kellerman", EntityKind.PERSON)
