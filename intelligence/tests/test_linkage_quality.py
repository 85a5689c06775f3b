"""Person resolution measured against the truth on a small synthetic set (the full measurement, 2,000
people and 10,000 reports, is bench/linkage_quality.py and docs/linkage.md). The floors sit just under
what this set measured (precision 0.999, recall 0.787, F1 0.881 at the automatic-link threshold) and a
naive linkage falls below them."""

from collections import defaultdict

import pytest

from intelligence.clustering import clusters_build
from intelligence.linkage import LINK_THRESHOLD, REVIEW_THRESHOLD, model_train, pairs_predict
from intelligence.person_records import name_parts
from intelligence.synthetic import linkage_records, pairwise_quality, synthetic_set

PRECISION_FLOOR = 0.98
RECALL_FLOOR = 0.77
F1_FLOOR = 0.86


@pytest.fixture(scope="module")
def measured():
    records, truth = linkage_records(synthetic_set(people=150, reports=750, seed=3))
    pairs = pairs_predict(records, model_train(records), threshold=REVIEW_THRESHOLD)
    return records, truth, pairs


def test_automatic_links_meet_the_precision_recall_and_f1_floors(measured):
    records, truth, pairs = measured
    people = clusters_build(records, [pair for pair in pairs if pair.probability >= LINK_THRESHOLD])
    quality = pairwise_quality(people, truth)
    assert quality.precision >= PRECISION_FLOOR
    assert quality.recall >= RECALL_FLOOR
    assert quality.f1 >= F1_FLOOR


def test_accepting_the_grey_zone_finds_more_of_each_person_at_some_cost_in_precision(measured):
    records, truth, pairs = measured
    automatic = pairwise_quality(clusters_build(records, [p for p in pairs if p.probability >= LINK_THRESHOLD]), truth)
    everything = pairwise_quality(clusters_build(records, pairs), truth)
    assert everything.recall > automatic.recall
    assert everything.precision >= PRECISION_FLOOR - 0.02


def test_the_floors_reject_a_naive_linkage_by_exact_name(measured):
    records, truth, _ = measured
    by_name: dict[object, set[int]] = defaultdict(set)
    for record in records:
        by_name[name_parts(record.name) if record.name else record.mention_id].add(record.mention_id)
    naive = pairwise_quality(by_name.values(), truth)
    assert naive.f1 < F1_FLOOR
