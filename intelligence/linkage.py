"""Person resolution by probabilistic linkage (Splink 5 on DuckDB), with no database of ours: person
mentions in (their shape and name rules are intelligence/person_records.py); a trained model, scored
pairs and the reasons for one pair's score out. Grouping the pairs into people is
intelligence/clustering.py. docs/linkage.md explains the model, the thresholds and the blocking rules,
and gives the measured precision and recall.

Names collide and witnesses misspell them, so names are weak evidence; a shared phone, online account
or street name is strong. Vehicles are tied to a report, not to a person, so a shared vehicle is weaker
evidence (two people seen in the same car share it)."""

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink import comparison_level_library as cll
from splink import comparison_library as cl
from splink.blocking_analysis import count_comparisons_from_blocking_rules

from intelligence.person_records import SCHEMA, PersonRecord, nickname_key, record_row

LINK_THRESHOLD = 0.9  # at or above: the same person, linked without asking anyone
REVIEW_THRESHOLD = 0.6  # from here up to LINK_THRESHOLD: an analyst decides
U_MAX_PAIRS = 10_000_000
EM_MAX_PAIRS = 1_000_000
EM_ITERATIONS = 10
# A street name used by more mentions than this ("Ghost", "Jay") blocks nothing: joining on it alone
# would compare them all with each other, as a surname alone would.
NICKNAME_BLOCK_LIMIT = 200
M_FLOOR = 0.02
U_FLOOR = 0.00005
# DuckDB's bounds: one loose blocking rule once filled 76 GB of temporary files on these machines.
DUCKDB_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "memory_limit": "2GB",
    "max_temp_directory_size": "4GB",
    "threads": "2",
}

# Pairs that meet none of these are never compared. Each is an equality, so DuckDB joins on it; none is
# loose (a surname alone would compare every Smith with every Smith).
BLOCKING_RULES: list[Any] = [
    block_on("phones", arrays_to_explode=["phones"]),
    block_on("accounts", arrays_to_explode=["accounts"]),
    block_on("vehicles", arrays_to_explode=["vehicles"]),
    block_on("forename", "surname"),
    "l.forename = r.surname and l.surname = r.forename",
    block_on("nickname_block"),
    "l.nickname_block = r.forename",
    "l.forename = r.nickname_block",
    block_on("surname", "substr(forename, 1, 1)"),
    block_on("forename", "substr(surname, 1, 1)"),
]
BLOCKING_RULE_NAMES = [
    "a phone in common",
    "an online account in common",
    "a vehicle in common",
    "forename and surname",
    "forename and surname swapped",
    "street name",
    "street name of one is the other's forename",
    "forename of one is the other's street name",
    "surname and the forename's first letter",
    "forename and the surname's first letter",
]
# EM runs twice, each pass on pairs agreeing on what the other pass estimates.
EM_RULES = [block_on("forename", "surname"), block_on("phones[1]")]
# Pairs these find are nearly all the same person; they find about a quarter of true pairs (both
# witnesses must give a phone or an account), hence the recall.
DETERMINISTIC_RULES: list[Any] = [block_on("phones[1]"), block_on("accounts[1]")]
DETERMINISTIC_RECALL = 0.25


# What the review page says for each comparison and level (Splink's own labels are SQL-ish).
_TITLES_OF = {
    "forename_surname": "Name",
    "nickname": "Street name",
    "age": "Age",
    "gender": "Gender",
    "phones": "Phones",
    "accounts": "Online accounts",
    "vehicles": "Vehicles in the same reports",
}
_PLAIN = {
    "forename_surname": [
        "the same",
        "the same, forename and surname swapped",
        "spelt almost the same",
        "spelt alike",
        "the same surname only",
        "the same forename only",
        "different",
    ],
    "gender": ["the same", "different"],
}


@dataclass(frozen=True)
class ScoredPair:
    left: int  # the lower mention id
    right: int
    probability: float


@dataclass(frozen=True)
class Reason:
    comparison: str
    level: str
    weight: float  # log2 of the Bayes factor: above 0 says the same person, below says different


def _overlap(column: str, description: str) -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name=column,
        comparison_description=description,
        comparison_levels=[
            cll.NullLevel(column),
            cll.ArrayIntersectLevel(column, min_intersection=1).configure(label_for_charts="one in common"),
            cll.ElseLevel().configure(label_for_charts="none in common"),
        ],
    )


def _names() -> dict[str, Any]:
    """Splink's forename and surname comparison (with its level for swapped names), without its term
    frequency adjustments: they would need frequency tables for every incremental link, and measured
    no better here (a busy person's name is common because he is busy, not because others share it)."""
    comparison = cl.ForenameSurnameComparison("forename", "surname", jaro_winkler_thresholds=[0.92, 0.85])
    names = comparison.create_comparison_dict("duckdb")
    for level in names["comparison_levels"]:
        level.pop("tf_adjustment_column", None)
        level.pop("tf_adjustment_weight", None)
    return names


def settings() -> SettingsCreator:
    nickname = cl.CustomComparison(
        output_column_name="nickname",
        comparison_description="Street name",
        comparison_levels=[
            cll.CustomLevel("nickname_l = nickname_r", "the same"),
            cll.CustomLevel(
                "nickname_l = forename_r or forename_l = nickname_r", "one's street name is the other's name"
            ),
            cll.CustomLevel("jaro_winkler_similarity(nickname_l, nickname_r) >= 0.88", "spelt alike"),
            cll.CustomLevel("nickname_l is null or nickname_r is null", "not given").configure(is_null_level=True),
            cll.ElseLevel().configure(label_for_charts="different"),
        ],
    )
    age = cl.CustomComparison(
        output_column_name="age",
        comparison_description="Age",
        comparison_levels=[
            cll.NullLevel("age"),
            cll.AbsoluteDifferenceLevel("age", 2).configure(label_for_charts="within 2 years"),
            cll.AbsoluteDifferenceLevel("age", 5).configure(label_for_charts="within 5 years"),
            cll.AbsoluteDifferenceLevel("age", 10).configure(label_for_charts="within 10 years"),
            cll.ElseLevel().configure(label_for_charts="more than 10 years apart"),
        ],
    )
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            _names(),
            nickname,
            age,
            cl.ExactMatch("gender"),
            _overlap("phones", "Phones"),
            _overlap("accounts", "Online accounts"),
            _overlap("vehicles", "Vehicles in the same reports"),
        ],
        blocking_rules_to_generate_predictions=BLOCKING_RULES,
        additional_columns_to_retain=["submission_id"],
        retain_intermediate_calculation_columns=True,
        max_iterations=EM_ITERATIONS,
    )


def _db_api() -> DuckDBAPI:
    return DuckDBAPI(duckdb.connect(":memory:", config=DUCKDB_CONFIG))


def _register(db_api: DuckDBAPI, records: Sequence[PersonRecord], name: str) -> Any:
    counts = Counter(nickname_key(record.nickname) for record in records)
    common = {nickname for nickname, count in counts.items() if nickname and count > NICKNAME_BLOCK_LIMIT}
    table = pa.Table.from_pylist([record_row(record, common=common) for record in records], schema=SCHEMA)
    return db_api.register(table, dataset_display_name=name)


def _linker(records: Sequence[PersonRecord], model: dict[str, Any] | SettingsCreator) -> Linker:
    db_api = _db_api()
    return Linker(_register(db_api, records, "mentions"), model, log_level=logging.ERROR)


def comparison_counts(records: Sequence[PersonRecord], *, sample: float = 1.0) -> list[tuple[str, int]]:
    """How many pairs each blocking rule adds to the ones before it; `sample` below 1 estimates from a
    sample of mentions, cheaply, before predicting on data of a new size."""
    db_api = _db_api()
    counted = count_comparisons_from_blocking_rules(
        _register(db_api, records, "mentions"),
        blocking_rules=BLOCKING_RULES,
        link_type="dedupe_only",
        record_sample_proportion=sample,
    )
    return [
        (name, int(row["marginal_comparison_count"])) for name, row in zip(BLOCKING_RULE_NAMES, counted, strict=True)
    ]


def model_train(records: Sequence[PersonRecord]) -> dict[str, Any]:
    """Train on these mentions (u by random sampling, m by EM) and return the model, ready for JSON."""
    linker = _linker(records, settings())
    linker.training.estimate_probability_two_random_records_match(DETERMINISTIC_RULES, recall=DETERMINISTIC_RECALL)
    # Every sampled pair counts (no early stop at 100 per level): rare levels, such as two different
    # people with one full name, need the whole sample to be measured at all.
    linker.training.estimate_u_using_random_sampling(max_pairs=U_MAX_PAIRS, seed=1, min_count_per_level=None)
    for rule in EM_RULES:
        linker.training.estimate_parameters_using_expectation_maximisation(rule, max_pairs=EM_MAX_PAIRS)
    model: dict[str, Any] = linker.misc.save_model_to_json()
    return _with_m_floor(_with_u_corrected(model))


def _levels(comparison: dict[str, Any]) -> list[dict[str, Any]]:
    return [level for level in comparison["comparison_levels"] if not level.get("is_null_level")]


def _with_u_corrected(model: dict[str, Any]) -> dict[str, Any]:
    """Random pairs include true matches, and in intelligence a few busy people are named again and
    again, so the sampled u (how often different people agree by chance) is inflated by their matches:
    a shared phone looked ten times less telling than it is. Take the matches' share out,
    u = (u_sampled - lambda * m) / (1 - lambda), never below U_FLOOR (about the rate at which different
    people share a full name in the synthetic set): for rare levels the difference is small and noisy."""
    share = float(model["probability_two_random_records_match"])
    for comparison in model["comparisons"]:
        levels = _levels(comparison)
        sampled = [(float(level.get("u_probability") or 0), float(level.get("m_probability") or 0)) for level in levels]
        corrected = [max(U_FLOOR, (u - share * m) / (1 - share)) for u, m in sampled]
        for level, u in zip(levels, corrected, strict=True):
            level["u_probability"] = u / sum(corrected)
    return model


def _with_m_floor(model: dict[str, Any]) -> dict[str, Any]:
    """EM learns from tidy data that one person's mentions never disagree on an online account or by
    ten years of age, and so vetoes such pairs. Witnesses are messier: every level keeps at least
    M_FLOOR of the matches."""
    for comparison in model["comparisons"]:
        levels = _levels(comparison)
        raised = [max(float(level.get("m_probability") or 0), M_FLOOR) for level in levels]
        for level, m in zip(levels, raised, strict=True):
            level["m_probability"] = m / sum(raised)
    return model


def _pairs(rows: Iterable[dict[str, Any]]) -> list[ScoredPair]:
    pairs = []
    for row in rows:
        if row["submission_id_l"] == row["submission_id_r"]:
            continue  # two people named in one report are two people
        left, right = sorted((int(row["unique_id_l"]), int(row["unique_id_r"])))
        pairs.append(ScoredPair(left, right, float(row["match_probability"])))
    return pairs


def pairs_predict(records: Sequence[PersonRecord], model: dict[str, Any], *, threshold: float) -> list[ScoredPair]:
    """Every blocked pair of these mentions scoring at least `threshold`: the batch."""
    predictions = _linker(records, model).inference.predict(threshold_match_probability=threshold, warning_mode="never")
    return _pairs(predictions.as_record_list())


def pairs_predict_between(
    new: Sequence[PersonRecord], existing: Sequence[PersonRecord], model: dict[str, Any], *, threshold: float
) -> list[ScoredPair]:
    """New mentions scored against existing ones (never existing against existing): the incremental link."""
    if not new or not existing:
        return []
    db_api = _db_api()
    left, right = _register(db_api, existing, "existing"), _register(db_api, new, "new")
    linker = Linker(left, model, log_level=logging.ERROR)
    predictions = linker.inference.predict_between(
        left, right, threshold_match_probability=threshold, warning_mode="never"
    )
    return _pairs(predictions.as_record_list())


def reasons_explain(left: PersonRecord, right: PersonRecord, model: dict[str, Any]) -> list[Reason]:
    """What moved one pair's score, strongest first: each comparison's level and its weight."""
    linker = _linker([left, right], model)
    scored = linker.inference.score_pair(record_row(left), record_row(right)).as_record_list()
    row = scored[0] if scored else {}
    reasons = []
    for comparison in model["comparisons"]:
        name = comparison["output_column_name"]
        gamma, weight = row.get(f"gamma_{name}"), row.get(f"mw_{name}")
        if gamma is None or gamma < 0 or weight is None:
            continue  # not given on one side: no evidence either way
        levels = _levels(comparison)
        position = len(levels) - 1 - int(gamma)
        label = _PLAIN.get(name, [])[position:][:1] or [levels[position].get("label_for_charts", "")]
        reasons.append(Reason(_TITLES_OF.get(name, name), label[0], float(weight)))
    return sorted(reasons, key=lambda reason: -abs(reason.weight))
