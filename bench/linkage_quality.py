"""Person resolution measured against a synthetic set with known truth (docs/linkage.md).

    DEBUG=true .venv/bin/python bench/linkage_quality.py --people 2000 --reports 10000 --seed 2026
    DEBUG=true .venv/bin/python bench/linkage_quality.py --people 300 --reports 1500 --database

Without --database it runs the batch's own pipeline (intelligence/linkage.py: count, train, score;
intelligence/clustering.py: group) on the generated mentions. With --database it stores every report
through `submission_record` in a throwaway SQLite database and runs `people_link_all`, then reads the
people back from the entities: slower, but end to end. Either way it prints pairwise precision, recall
and F1, and times.
"""

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

T = TypeVar("T")


def timed(label: str, work: Callable[[], T], times: dict[str, float]) -> T:
    started = time.perf_counter()
    result = work()
    times[label] = time.perf_counter() - started
    return result


def machine() -> str:
    memory = "?"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("\n")[0].split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GB"
    python = platform.python_version()
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {memory}, Python {python}"


def grey_zone_review(records: Any, pairs: Any, truth: dict[int, int], link: float, review: float) -> Any:
    """What a perfect analyst would make of the grey zone: the strongest grey pair between each two
    people, decided by the truth, exactly as the review page offers them."""
    from intelligence.clustering import clusters_build

    links = [pair for pair in pairs if pair.probability >= link]
    groups = clusters_build(records, links)
    where = {mention: index for index, group in enumerate(groups) for mention in group}
    best: dict[frozenset[int], Any] = {}
    for pair in pairs:
        people = frozenset((where[pair.left], where[pair.right]))
        grey = review <= pair.probability < link and len(people) == 2
        if grey and (people not in best or best[people].probability < pair.probability):
            best[people] = pair
    same = [(p.left, p.right) for p in best.values() if truth[p.left] == truth[p.right]]
    different = [(p.left, p.right) for p in best.values() if truth[p.left] != truth[p.right]]
    return groups, len(best), len(same), clusters_build(records, links, same=same, different=different)


def in_memory(arguments: argparse.Namespace) -> None:
    import django

    django.setup()
    from intelligence.clustering import clusters_build
    from intelligence.linkage import LINK_THRESHOLD, REVIEW_THRESHOLD, comparison_counts, model_train, pairs_predict
    from intelligence.synthetic import linkage_records, pairwise_quality, synthetic_set

    times: dict[str, float] = {}
    dataset = timed(
        "generate",
        lambda: synthetic_set(people=arguments.people, reports=arguments.reports, seed=arguments.seed),
        times,
    )
    records, truth = linkage_records(dataset)
    print(f"# {arguments.people:,} true people, {arguments.reports:,} reports, seed {arguments.seed}")
    print(f"# {len(records):,} person mentions")
    print(f"# {machine()}")
    counts = timed("count comparisons", lambda: comparison_counts(records), times)
    print("\nBlocking rule | pairs it adds")
    for name, count in counts:
        print(f"{name} | {count:,}")
    print(f"all rules | {sum(count for _, count in counts):,} (of {len(records) * (len(records) - 1) // 2:,} possible)")
    model = timed("train", lambda: model_train(records), times)
    pairs = timed("score", lambda: pairs_predict(records, model, threshold=0.3), times)
    auto, items, true_items, reviewed = timed(
        "group", lambda: grey_zone_review(records, pairs, truth, LINK_THRESHOLD, REVIEW_THRESHOLD), times
    )
    print("\nLinked at | precision | recall | F1 | people found")
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99):
        groups = clusters_build(records, [pair for pair in pairs if pair.probability >= threshold])
        quality = pairwise_quality(groups, truth)
        print(f"{threshold} | {quality.precision:.3f} | {quality.recall:.3f} | {quality.f1:.3f} | {len(groups):,}")
    for label, groups in (("automatic links only", auto), ("after a perfect review of the grey zone", reviewed)):
        quality = pairwise_quality(groups, truth)
        print(f"\n{label}: precision {quality.precision:.3f}, recall {quality.recall:.3f}, F1 {quality.f1:.3f}")
    print(f"grey zone: {items:,} pairs of people to review, {true_items:,} of them truly one person")
    print(f"true people {arguments.people:,}; true pairs {pairwise_quality([], truth).true_pairs:,}")
    print("\nTimes: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in times.items()))
    print(f"Peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def through_the_database(arguments: argparse.Namespace) -> None:
    folder = tempfile.mkdtemp(prefix="cse-hub-linkage-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.LINKAGE_MODEL_PATH = Path(folder) / "linkage_model.json"
    from intelligence.models import EntityKind, Mention
    from intelligence.services.linkage import people_link_all
    from intelligence.services.submissions import submission_record
    from intelligence.synthetic import pairwise_quality, submission_input, synthetic_set

    times: dict[str, float] = {}
    timed("migrate", lambda: call_command("migrate", verbosity=0), times)
    dataset = synthetic_set(people=arguments.people, reports=arguments.reports, seed=arguments.seed)
    truth_by_reference = {f"SYN-{r.index:06d}": [m.true_id for m in r.persons] for r in dataset.reports}

    def store() -> None:
        for report in dataset.reports:
            submission_record(data=submission_input(report))

    timed("store reports", store, times)
    result = timed("people_link_all", lambda: people_link_all(progress=lambda message, done, total: None), times)
    truth: dict[int, int] = {}
    groups: dict[int | None, set[int]] = {}
    for mention_id, reference, position, entity_id in Mention.objects.filter(kind=EntityKind.PERSON).values_list(
        "id", "submission__reference", "position", "entity_id"
    ):
        truth[mention_id] = truth_by_reference[reference][position]
        groups.setdefault(entity_id, set()).add(mention_id)
    quality = pairwise_quality(groups.values(), truth)
    print(f"# {arguments.people:,} true people, {arguments.reports:,} reports, seed {arguments.seed}")
    print(f"# {len(truth):,} person mentions")
    print(f"# {machine()}; SQLite in {folder}")
    print(f"trained on {result.trained_on}; {result.comparisons:,} pairs compared; {result.people:,} people")
    print(f"automatic links: precision {quality.precision:.3f}, recall {quality.recall:.3f}, F1 {quality.f1:.3f}")
    print(f"grey zone: {result.review_pairs:,} pairs waiting for review")
    print("Times: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in times.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--reports", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database", action="store_true", help="end to end through a throwaway SQLite database")
    arguments = parser.parse_args()
    (through_the_database if arguments.database else in_memory)(arguments)


if __name__ == "__main__":
    main()
