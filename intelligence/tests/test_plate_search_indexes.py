"""Plate search is answered from indexes on PostgreSQL (migrations 0002 and 0003): full registrations
by the btree with pattern ops (LIKE anchored at its start, and a regular expression with look-alikes)
or pg_trgm's GIN index (LIKE that is not anchored); partial registrations by their anchors' btrees.
The conditions must be exactly what the indexes hold, or the planner scans."""

import importlib
import itertools
import random
import string
from collections.abc import Iterable

import pytest
from django.db import connection
from django.utils import timezone

from intelligence.inputs import SubmissionInput
from intelligence.models import EntityKind, Mention
from intelligence.selectors.search import (
    SearchQuery,
    full_registrations_matching,
    partial_fitting,
    partial_search_tokens,
    registration_search_tokens,
)
from intelligence.services.submissions import submission_record

anchors = importlib.import_module("intelligence.migrations.0003_partial_registration_anchors")


def _plate(rng: random.Random) -> str:
    letters = string.ascii_uppercase
    return "".join(rng.choice(letters) for _ in range(2)) + f"{rng.randint(10, 74)}" + "".join(rng.sample(letters, 3))


def _partial(plate: str, rng: random.Random) -> str:
    shape = rng.random()
    if shape < 0.4:
        return plate[: rng.randint(2, 5)] + "*"
    if shape < 0.5:
        return "*" + plate[-rng.randint(2, 4) :]
    return "".join("?" if rng.random() < 0.25 else char for char in plate)


@pytest.fixture
def bitmap_scans_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no such indexes: it scans, which its sizes allow")
    # Enough mentions that the planner knows a registration condition picks out few of them.
    submission, _ = submission_record(
        data=SubmissionInput(source="community", narrative="Many plates.", received_at=timezone.now()),
        link_people=False,
    )
    rng = random.Random(10)  # noqa: S311 - reproducible, not secret.
    mentions = []
    for position in range(3000):
        plate = _plate(rng)
        key = _partial(plate, rng) if position % 3 == 0 else plate
        mentions.append(
            Mention(submission=submission, kind=EntityKind.VEHICLE, position=position, key=key, partial=key != plate)
        )
    # Vehicles are about one mention in eight (DESIGN.md's county: 133,000 of 1,000,000).
    mentions += [
        Mention(submission=submission, kind=EntityKind.PHONE, position=3000 + n, key=f"+4477009{n:05d}")
        for n in range(21000)
    ]
    Mention.objects.bulk_create(mentions, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE intelligence_mention")
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'intelligence_mention'")
        present = {name for (name,) in cursor.fetchall()}
        assert set(anchors.INDEXES) | {"mention_kind_key_pattern", "mention_key_trgm"} <= present
        # With a handful of rows a scan is cheaper, so forbid scans (of the table, and of any index in
        # its order) to see whether an index can answer the condition at all: a bitmap scan needs an
        # index whose condition the query holds.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")


def _served(plan: str, indexes: Iterable[str]) -> list[str]:
    """The index conditions of the plan's bitmap scans of these indexes."""
    lines = [line.strip() for line in plan.splitlines()]
    return [
        after
        for line, after in itertools.pairwise(lines)
        if line.startswith("->  Bitmap Index Scan on") and line.split()[5] in indexes and after.startswith("Index Cond")
    ]


ANCHORED = [
    ("JW89K??", False),  # LIKE 'JW89K__'
    ("AB1*", False),  # LIKE 'AB1%'
    ("JW89K??", True),  # ~ '^JW[8B]9K..$', by its prefix
]
UNANCHORED = [
    ("75VC", False),  # LIKE '%75VC%'
    ("*75V?Z", False),  # LIKE '%75V_Z'
    ("*75VC*", True),  # ~ '^.*7[5S]VC.*$'
]


def _full_plan(text: str, lookalikes: bool) -> str:
    tokens = registration_search_tokens(SearchQuery(text=text, lookalikes=lookalikes))
    return full_registrations_matching(tokens).values_list("id", "key").explain()


def test_full_registrations_are_found_through_an_index(bitmap_scans_only):
    for text, lookalikes in ANCHORED:
        plan = _full_plan(text, lookalikes)
        assert "Seq Scan" not in plan, plan
        assert any("key" in condition for condition in _served(plan, ["mention_kind_key_pattern"])), plan
    # Here one mention in eight is a vehicle, and reading them all by kind costs the planner little; at
    # a county's size it takes the trigram index for these (decision 0019). Without the kind btrees
    # (dropped in this test's transaction only) it must show that it can.
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX mention_kind_key, mention_kind_key_pattern")
    for text, lookalikes in UNANCHORED:
        plan = _full_plan(text, lookalikes)
        assert "Seq Scan" not in plan, plan
        assert any("key" in condition for condition in _served(plan, ["mention_key_trgm"])), plan


PARTIAL = [
    ("KX72VBN", False),  # a whole registration: by the runs that fit it
    ("KX72VBN", True),
    ("JW89K??", False),  # nearly whole
    ("?W89KDE", False),
    ("KX7?V*", False),  # a start: by the starts of partial ones
    ("*2VBN", False),  # an end: by their ends
]


def test_partial_registrations_are_found_through_their_anchors(bitmap_scans_only):
    for text, lookalikes in PARTIAL:
        query = partial_fitting(partial_search_tokens(SearchQuery(text=text, lookalikes=lookalikes)))
        assert query is not None
        plan = query.values_list("id", "key").explain()
        assert "Seq Scan" not in plan, plan
        assert any("anchor" in condition for condition in _served(plan, anchors.INDEXES)), plan


@pytest.mark.django_db
def test_the_anchor_indexes_hold_only_partial_registrations():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no such indexes")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", [list(anchors.INDEXES)])
        definitions = dict(cursor.fetchall())
    assert len(definitions) == len(anchors.INDEXES)
    assert all(definition.endswith("WHERE partial") for definition in definitions.values()), definitions
