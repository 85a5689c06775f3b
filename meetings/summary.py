"""The MEG's strategic summary for MESA (rule 9: its intelligence informs strategy). Pure.

It takes plain values with no child in them (a level, a flag, a count, a code) and returns tables of
counts, every one passed through the partnership's suppression rule (core/suppression.py): 1 to 4
is shown as "fewer than 5". A table that shows its total also gets secondary suppression, so that a
hidden count cannot be worked out by subtraction. Secondary suppression across tables is not done:
no two tables here count the same children in complementary ways, and the multi-valued tables
(themes, where a child can count under several headings) show no total.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from core.suppression import suppress_count, suppress_table


@dataclass(frozen=True)
class SummaryChild:
    """One child on the agenda, de-identified: what the summary counts and nothing else."""

    level: str  # "medium" or "high"; "low" for a child referred to the MEG at low risk (decision 0026)
    new: bool  # newly referred to this meeting, whether or not the referral task is done (decision 0026)
    missing_episodes: int
    grooming_models: frozenset[str]
    settings: frozenset[str]


@dataclass(frozen=True)
class SummaryAction:
    agency_kind: str  # a label, such as "Health"
    overdue: bool


@dataclass(frozen=True)
class SummaryFacts:
    children: Sequence[SummaryChild]
    removal_reasons: Sequence[str]  # one label per child taken off at this meeting
    contextual_kinds: Sequence[str]  # one label per contextual item discussed
    actions: Sequence[SummaryAction]  # open actions of the plans of this agenda


@dataclass(frozen=True)
class Row:
    label: str
    shown: tuple[str, ...]  # one value per column after the first


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]  # the first names the rows
    rows: list[Row]
    total: Row | None = None
    note: str = ""


@dataclass(frozen=True)
class MeetingSummary:
    tables: list[Table]


def _one_column(
    title: str, columns: tuple[str, str], counts: Mapping[str, int], *, total: str | None = None, note: str = ""
) -> Table:
    shown = suppress_table(counts) if total else {label: suppress_count(count) for label, count in counts.items()}
    return Table(
        title=title,
        columns=columns,
        rows=[Row(label, (shown[label],)) for label in counts],
        total=Row(total, (suppress_count(sum(counts.values())),)) if total else None,
        note=note,
    )


def _counts(labels: Iterable[str], values: Iterable[str]) -> dict[str, int]:
    """Every label counted, in the order given, so that a zero shows as 0 rather than missing."""
    counted = Counter(values)
    return {label: counted[label] for label in labels} | {
        label: count for label, count in counted.items() if label not in labels
    }


def meeting_summary_build(
    *,
    facts: SummaryFacts,
    levels: Sequence[tuple[str, str]],
    removal_reasons: Sequence[str],
    contextual_kinds: Sequence[str],
    grooming_models: Sequence[tuple[str, str]],
    settings: Sequence[tuple[str, str]],
    agency_kinds: Sequence[str],
) -> MeetingSummary:
    """`levels`, `grooming_models` and `settings` are (code, label) pairs in the order to show;
    `removal_reasons`, `contextual_kinds` and `agency_kinds` are labels, so that every row shows
    even when its count is 0."""
    children = facts.children
    by_level = {label: sum(1 for child in children if child.level == code) for code, label in levels}
    changes = {
        "New to the agenda": sum(1 for child in children if child.new),
        "Taken off the agenda at this meeting": len(facts.removal_reasons),
    }
    missing = {
        "Missing episodes": sum(child.missing_episodes for child in children),
        "Children who went missing": sum(1 for child in children if child.missing_episodes > 0),
    }
    themes = {label: sum(1 for child in children if code in child.grooming_models) for code, label in grooming_models}
    where = {label: sum(1 for child in children if code in child.settings) for code, label in settings}
    open_by_kind = _counts(agency_kinds, (action.agency_kind for action in facts.actions))
    overdue_by_kind = _counts(agency_kinds, (action.agency_kind for action in facts.actions if action.overdue))
    open_shown, overdue_shown = suppress_table(open_by_kind), suppress_table(overdue_by_kind)
    actions = Table(
        title="Open actions of the plans on this agenda, by the kind of agency that owns them",
        columns=("Agency", "Open", "Of which overdue"),
        rows=[Row(kind, (open_shown[kind], overdue_shown.get(kind, "0"))) for kind in open_by_kind],
        total=Row(
            "Total",
            (suppress_count(sum(open_by_kind.values())), suppress_count(sum(overdue_by_kind.values()))),
        ),
    )
    return MeetingSummary(
        tables=[
            _one_column(
                "Children on the agenda, by level of risk", ("Level of risk", "Children"), by_level, total="Total"
            ),
            _one_column("Changes to the agenda", ("Change", "Children"), changes),
            _one_column(
                "Children taken off the agenda at this meeting, by reason",
                ("Reason", "Children"),
                _counts(removal_reasons, facts.removal_reasons),
                total="Total",
            ),
            _one_column(
                "Contextual items discussed, by kind",
                ("Kind", "Items"),
                _counts(contextual_kinds, facts.contextual_kinds),
                total="Total",
            ),
            _one_column(
                "Themes: grooming models recorded for the children on the agenda",
                ("Grooming model", "Children"),
                themes,
                note="A child can count under more than one model, or none when no model was recorded.",
            ),
            _one_column(
                "Themes: where the exploitation happens",
                ("Setting", "Children"),
                where,
                note="A child can count under more than one setting, or none when it is not known.",
            ),
            _one_column("Missing from home since the last meeting", ("Measure", "Number"), missing),
            actions,
        ]
    )
