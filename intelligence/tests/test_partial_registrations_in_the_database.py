"""Partial registrations are matched in the database (decision 0019): the mentions the query finds are
exactly those `patterns_overlap` says could be the same plate, for searches of every shape, with
look-alikes or without, for mentions however they were stored."""

import random

import pytest
from django.utils import timezone

from intelligence.inputs import SubmissionInput
from intelligence.models import EntityKind, Mention
from intelligence.normalise import known_characters, patterns_overlap, registration_key, registration_tokens
from intelligence.selectors.search import (
    PER_KIND_LIMIT,
    SearchQuery,
    partial_registrations_first,
    partial_registrations_fitting,
    partial_search_tokens,
)
from intelligence.services.submissions import submission_record

PLATES = ["KX72VBN", "AB12CDE", "XY70VCZ", "JW89KDE", "A123BCD", "ABC123D", "B8S5O0I"]
SEARCHES = [
    "KX72VBN",  # a whole registration
    "KX72 VB?",  # nearly whole
    "?X72VBN",
    "KX??VBN",
    "?X72VB?",
    "KX7*",
    "KX7?V*",
    "*VBN",
    "*72V*",
    "72VB",  # part of one: it could be inside any partial with a '*'
    "AB1*CDE",
    "*2CD?",
    "J?89K*E",
    "B8S5O0I",
    "ABC123DE",  # longer than any plate here
    "K",
]


def _partial_keys(rng: random.Random) -> list[str]:
    """Partial registrations of every shape: characters unknown anywhere, a '*' at either end or both,
    or between known characters, runs of one character, keys with almost nothing known."""
    keys = {"KX7?V*", "?X72VB?", "*VBN", "*72V*", "K*N", "??*?", "*X*B*", "KX72VBN?", "?", "*"}
    alphabet = "KX72VBNAZ?*"
    for plate in PLATES * 12:
        shape = rng.random()
        if shape < 0.5:
            written = "".join(rng.choice((char, char, "?", "*", rng.choice(alphabet))) for char in plate)
        else:
            written = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9)))
        keys.add(registration_key(written))
    return sorted(key for key in keys if "?" in key or "*" in key)


@pytest.fixture
def partial_mentions(db):
    submission, _ = submission_record(
        data=SubmissionInput(source="community", narrative="Plates half seen.", received_at=timezone.now()),
        link_people=False,
    )
    keys = _partial_keys(random.Random(20261202))  # noqa: S311 - reproducible, not secret.
    # Bulk created as any other way in might: the anchors are filled all the same.
    Mention.objects.bulk_create(
        Mention(submission=submission, kind=EntityKind.VEHICLE, position=position, key=key, partial=True)
        for position, key in enumerate(keys)
    )
    return {mention.pk: mention.key for mention in Mention.objects.filter(kind=EntityKind.VEHICLE, partial=True)}


@pytest.mark.parametrize("lookalikes", [False, True])
@pytest.mark.parametrize("text", SEARCHES)
def test_the_database_finds_exactly_the_partial_registrations_that_could_be_the_plate(
    partial_mentions, text, lookalikes
):
    tokens = partial_search_tokens(SearchQuery(text=text, lookalikes=lookalikes))
    expected = {pk for pk, key in partial_mentions.items() if key and patterns_overlap(tokens, tuple(key))}
    found = partial_registrations_fitting(tokens)
    assert {pk for pk, _ in found} == expected
    assert all(partial_mentions[pk] == key for pk, key in found)


def test_a_search_too_long_for_the_regular_expressions_is_still_exact(partial_mentions):
    tokens = registration_tokens("KX72VBN?" * 4)
    expected = {pk for pk, key in partial_mentions.items() if key and patterns_overlap(tokens, tuple(key))}
    assert {pk for pk, _ in partial_registrations_fitting(tokens)} == expected


def test_a_whole_registration_is_the_plate_and_a_shorter_one_part_of_one():
    assert partial_search_tokens(SearchQuery(text="KX72 VBN")) == tuple("KX72VBN")
    assert partial_search_tokens(SearchQuery(text="72VB")) == ("*", "7", "2", "V", "B", "*")
    assert partial_search_tokens(SearchQuery(text="KX72V?N")) == tuple("KX72V?N")


@pytest.mark.parametrize("text", SEARCHES)
def test_the_ones_shown_are_the_most_complete_then_the_newest_and_all_are_counted(partial_mentions, text):
    tokens = partial_search_tokens(SearchQuery(text=text))
    fitting = [(pk, key) for pk, key in partial_mentions.items() if key and patterns_overlap(tokens, tuple(key))]
    expected = sorted(fitting, key=lambda row: (-known_characters(row[1]), -row[0]))
    assert partial_registrations_first(tokens) == (expected[:PER_KIND_LIMIT], len(expected))
