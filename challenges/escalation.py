"""The rules of professional challenge (seed 003, section 2.5; DESIGN.md rule 11).

A pure module: no database, no clock. Anyone unhappy with a decision about a child can raise a
challenge. It starts at level 1 and is escalated one level at a time, up to level 4, until it is
resolved or withdrawn. A resolved or withdrawn challenge is closed: it cannot be escalated,
resolved or withdrawn again (raise a new challenge instead). Nothing here touches the decision
being challenged: a challenge never stops or delays an action to keep the child safe.

The levels follow the escalation stages of a typical English safeguarding partnership's
"resolving professional differences" protocol (docs/decisions/0009-professional-challenge.md).

Each check returns the problems it finds as `Refusal`s (the form field they belong to, and a
message that names the problem); an empty list means the step is allowed.
"""

from dataclasses import dataclass
from enum import IntEnum, StrEnum

NOT_BOUND_TO_A_FIELD = ""  # a refusal about the challenge as a whole, not one answer

DECISION_SUMMARY_MAX_LENGTH = 300
TEXT_MAX_LENGTH = 10_000

SAFETY_NOTE = "Raising a challenge does not stop or delay any action to keep the child safe."


class Level(IntEnum):
    PRACTITIONERS = 1
    MANAGERS = 2
    HEADS_OF_SERVICE = 3
    PARTNERSHIP = 4

    @property
    def label(self) -> str:
        return LEVEL_NAMES[self]

    @property
    def title(self) -> str:
        return f"Level {self.value}: {LEVEL_NAMES[self]}"


LEVEL_NAMES: dict[Level, str] = {
    Level.PRACTITIONERS: "practitioner to practitioner",
    Level.MANAGERS: "team managers or supervisors",
    Level.HEADS_OF_SERVICE: "heads of service or designated safeguarding leads",
    Level.PARTNERSHIP: "safeguarding partnership business unit or independent chair",
}

FIRST_LEVEL = Level.PRACTITIONERS
TOP_LEVEL = Level.PARTNERSHIP


class Status(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATUS_NAMES[self]


STATUS_NAMES: dict[Status, str] = {Status.OPEN: "Open", Status.RESOLVED: "Resolved", Status.WITHDRAWN: "Withdrawn"}


class Outcome(StrEnum):
    DECISION_UPHELD = "decision_upheld"
    DECISION_CHANGED = "decision_changed"
    OTHER = "other"

    @property
    def label(self) -> str:
        return OUTCOME_NAMES[self]


OUTCOME_NAMES: dict[Outcome, str] = {
    Outcome.DECISION_UPHELD: "Decision upheld",
    Outcome.DECISION_CHANGED: "Decision changed",
    Outcome.OTHER: "Other",
}


class DecisionKind(StrEnum):
    SCREENING = "screening"
    ROUTING = "routing"
    MEETING = "meeting"
    MEG = "meg"
    STEP_DOWN = "step_down"
    CLOSURE = "closure"
    OTHER = "other"

    @property
    def label(self) -> str:
        return DECISION_KIND_NAMES[self]


DECISION_KIND_NAMES: dict[DecisionKind, str] = {
    DecisionKind.SCREENING: "Screening or risk level",
    DecisionKind.ROUTING: "Routing or case status",
    DecisionKind.MEETING: "Strategy or multi-agency meeting decision",
    DecisionKind.MEG: "MEG decision",
    DecisionKind.STEP_DOWN: "Step-down",
    DecisionKind.CLOSURE: "Case closure",
    DecisionKind.OTHER: "Other",
}


@dataclass(frozen=True)
class Refusal:
    field: str  # the form field the problem belongs to, or NOT_BOUND_TO_A_FIELD
    message: str


def level_of(value: object) -> Level | None:
    """The level for a stored or submitted value, or None when it is not a level."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    try:
        return Level(value)
    except ValueError:
        return None


def status_of(value: object) -> Status | None:
    if not isinstance(value, str):
        return None
    try:
        return Status(value)
    except ValueError:
        return None


def is_closed(status: Status) -> bool:
    return status != Status.OPEN


def next_level(level: Level) -> Level | None:
    """The one level a challenge at `level` may be escalated to; None at the top."""
    return None if level == TOP_LEVEL else Level(level + 1)


def _closed_refusal(status: object, doing: str) -> Refusal | None:
    known = status_of(status)
    if known is None:
        return Refusal(
            NOT_BOUND_TO_A_FIELD, f"The challenge has an unknown status ({status!r}), so it cannot be {doing}"
        )
    if is_closed(known):
        return Refusal(NOT_BOUND_TO_A_FIELD, f"This challenge is {known.value}, so it cannot be {doing}")
    return None


def _text_refusals(text: str, *, field: str, missing: str, name: str, max_length: int) -> list[Refusal]:
    if not text.strip():
        return [Refusal(field, missing)]
    if len(text) > max_length:
        return [Refusal(field, f"{name} must be {max_length:,} characters or fewer")]
    return []


def raise_refusals(*, decision_summary: str, challenge_text: str, decision_kind: str = "") -> list[Refusal]:
    """What stops a challenge being raised: a missing or overlong summary or reason, an unknown kind."""
    refusals = _text_refusals(
        decision_summary,
        field="decision_summary",
        missing="Enter what decision you are challenging",
        name="What decision you are challenging",
        max_length=DECISION_SUMMARY_MAX_LENGTH,
    )
    if decision_kind and decision_kind not in set(DecisionKind):
        refusals.append(Refusal("decision_kind", "Select the kind of decision from the list, or leave it blank"))
    refusals += _text_refusals(
        challenge_text,
        field="challenge_text",
        missing="Enter why you disagree with the decision",
        name="Why you disagree with the decision",
        max_length=TEXT_MAX_LENGTH,
    )
    return refusals


def escalation_refusals(*, status: object, from_level: object, to_level: object, reason: str) -> list[Refusal]:
    """Escalation goes up exactly one level at a time, to level 4 at most, while the challenge is open."""
    closed = _closed_refusal(status, "escalated")
    if closed is not None:
        return [closed]
    current = level_of(from_level)
    if current is None:
        return [Refusal(NOT_BOUND_TO_A_FIELD, f"The challenge is at an unknown level ({from_level!r})")]
    target = level_of(to_level)
    if current == TOP_LEVEL:
        return [
            Refusal(
                NOT_BOUND_TO_A_FIELD,
                f"This challenge is at level {TOP_LEVEL.value}, the highest level, so it cannot be escalated further",
            )
        ]
    if target is None:
        return [Refusal(NOT_BOUND_TO_A_FIELD, f"There is no escalation level {to_level!r}: levels go from 1 to 4")]
    if target <= current:
        return [
            Refusal(
                NOT_BOUND_TO_A_FIELD,
                f"This challenge is already at level {current.value}: it can only be escalated to level "
                f"{current.value + 1}",
            )
        ]
    if target != current + 1:
        return [
            Refusal(
                NOT_BOUND_TO_A_FIELD,
                f"A challenge is escalated one level at a time: from level {current.value} it can go to level "
                f"{current.value + 1} only",
            )
        ]
    return _text_refusals(
        reason,
        field="reason",
        missing="Enter why you are escalating the challenge",
        name="Why you are escalating the challenge",
        max_length=TEXT_MAX_LENGTH,
    )


def resolution_refusals(*, status: object, resolution_text: str, outcome: str) -> list[Refusal]:
    """A challenge is resolved once, while open, with an outcome and a description of how."""
    closed = _closed_refusal(status, "resolved")
    if closed is not None:
        return [closed]
    refusals = []
    if outcome not in set(Outcome):
        refusals.append(Refusal("outcome", "Select the outcome of the challenge"))
    refusals += _text_refusals(
        resolution_text,
        field="resolution_text",
        missing="Enter how the challenge was resolved",
        name="How the challenge was resolved",
        max_length=TEXT_MAX_LENGTH,
    )
    return refusals


def withdrawal_refusals(*, status: object, reason: str) -> list[Refusal]:
    """An open challenge can be withdrawn, with a reason; a closed one cannot."""
    closed = _closed_refusal(status, "withdrawn")
    if closed is not None:
        return [closed]
    return _text_refusals(
        reason,
        field="reason",
        missing="Enter why you are withdrawing the challenge",
        name="Why you are withdrawing the challenge",
        max_length=TEXT_MAX_LENGTH,
    )
