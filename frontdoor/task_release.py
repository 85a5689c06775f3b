"""Which waiting tasks a finding releases or cancels. Pure: no database.

Some tasks wait for a later finding (DESIGN.md rule 5): the risk assessment's new concerns, the
meeting the team manager or the First Response Team decides on, the level that meeting confirms.
Completing the task that produces the finding records it; this module says what follows.
"""

from dataclasses import dataclass
from enum import StrEnum

from assessments.levels import RiskLevel
from frontdoor.routing import Condition, TaskCode


class MeetingDecision(StrEnum):
    STRATEGY_MEETING = "strategy_meeting"
    MULTI_AGENCY_MEETING = "multi_agency_meeting"
    NEITHER = "neither"


class OutcomeError(ValueError):
    """An outcome that does not say what the procedure needs to know."""


@dataclass(frozen=True, kw_only=True)
class Outcome:
    new_concerns: bool | None = None
    meeting: MeetingDecision | None = None
    confirmed_level: RiskLevel | None = None
    stepped_down: bool | None = None  # step-down: stepped down to Early Help, or worked alongside it
    # The level of the social worker's completed risk assessment: read from that assessment by the
    # service that completes the task, never typed in with the outcome.
    assessed_level: RiskLevel | None = None

    def as_json(self) -> dict[str, object]:
        return {
            key: str(value) if isinstance(value, StrEnum) else value
            for key, value in vars(self).items()
            if value is not None
        }

    def describe(self) -> str:
        parts = []
        if self.new_concerns is not None:
            parts.append("New concerns identified." if self.new_concerns else "No new concerns identified.")
        if self.meeting is not None:
            parts.append(MEETING_TEXT[self.meeting])
        if self.assessed_level is not None:
            parts.append(f"The social worker's risk assessment found {self.assessed_level} risk.")
        if self.confirmed_level is not None:
            parts.append(f"Risk level confirmed as {self.confirmed_level}.")
        if self.stepped_down is not None:
            parts.append(
                "Stepped down to Early Help." if self.stepped_down else "Early Help works alongside Social Care."
            )
        return " ".join(parts)


MEETING_TEXT = {
    MeetingDecision.STRATEGY_MEETING: "A strategy meeting will be held (child protection procedures).",
    MeetingDecision.MULTI_AGENCY_MEETING: "A multi-agency meeting will be held.",
    MeetingDecision.NEITHER: "Neither a strategy nor a multi-agency meeting is needed.",
}


# The task whose completion settles each condition.
SETTLED_BY: dict[Condition, TaskCode] = {
    Condition.NEW_CONCERNS_IDENTIFIED: TaskCode.COMPLETE_RISK_ASSESSMENT,
    Condition.ASSESSMENT_FINDS_MEDIUM_OR_HIGH: TaskCode.COMPLETE_RISK_ASSESSMENT,
    Condition.MULTI_AGENCY_MEETING_ARRANGED: TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING,
    Condition.MEETING_CONFIRMS_MEDIUM_OR_HIGH: TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING,
}
# Settled by the meeting's outcome once it is held; by the decision itself only when no meeting is held.
SETTLED_BY_THE_MEETING = frozenset({Condition.MEETING_CONFIRMS_MEDIUM_OR_HIGH})


def outcome_required(code: TaskCode) -> str | None:
    """What completing the task must record, in words, or None when a note is enough."""
    if code == TaskCode.COMPLETE_RISK_ASSESSMENT:
        return (
            "a completed CSE risk assessment of the child (Review the risk assessment, on the child's page), "
            "and whether it identified new concerns: its level decides the referrals"
        )
    if code == TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING:
        return (
            "which meeting was decided on; when neither, the level of risk you confirm (a meeting's level is "
            "recorded as its outcome, once it is held)"
        )
    if code == TaskCode.STEP_DOWN_TO_EARLY_HELP:
        return "whether the case was stepped down to Early Help or Early Help works alongside"
    return None


def outcome_check(code: TaskCode, outcome: Outcome) -> None:
    if code == TaskCode.COMPLETE_RISK_ASSESSMENT:
        if outcome.assessed_level is None:
            raise OutcomeError(
                "Complete a CSE risk assessment of the child first (Review the risk assessment on the child's "
                "page): this task is done when the social worker's assessment is"
            )
        if outcome.new_concerns is None:
            raise OutcomeError("Say whether the risk assessment identified new concerns")
    if code == TaskCode.STEP_DOWN_TO_EARLY_HELP and outcome.stepped_down is None:
        raise OutcomeError("Say whether the case was stepped down to Early Help or Early Help works alongside")
    if code == TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING:
        if outcome.meeting is None:
            raise OutcomeError("Say whether a strategy meeting, a multi-agency meeting or neither was decided on")
        # "If a Strategy or multi agency meeting determines the level of risk" (procedure 2.2): the
        # meeting determines it, so the decision to hold one confirms none.
        if outcome.meeting == MeetingDecision.NEITHER and outcome.confirmed_level is None:
            raise OutcomeError("No meeting will be held: say which level of risk you confirm")
        if outcome.meeting != MeetingDecision.NEITHER and outcome.confirmed_level is not None:
            raise OutcomeError(
                "The meeting determines the level of risk: leave it out here and record it as the meeting's "
                "outcome once the meeting is held"
            )


def findings(code: TaskCode, outcome: Outcome) -> dict[Condition, bool]:
    """The conditions settled by completing a task: True releases the waiting tasks, False cancels them."""
    outcome_check(code, outcome)
    if code == TaskCode.COMPLETE_RISK_ASSESSMENT:
        assert outcome.assessed_level is not None
        settled = {
            Condition.NEW_CONCERNS_IDENTIFIED: bool(outcome.new_concerns),
            # The referrals follow the social worker's level, not the level the front door screened.
            Condition.ASSESSMENT_FINDS_MEDIUM_OR_HIGH: RiskLevel(outcome.assessed_level).is_medium_or_high,
        }
        if not outcome.new_concerns:
            # No new concerns: no meeting is considered, so no meeting is arranged either.
            settled[Condition.MULTI_AGENCY_MEETING_ARRANGED] = False
        return settled
    if code == TaskCode.DECIDE_STRATEGY_OR_MULTI_AGENCY_MEETING:
        settled = {Condition.MULTI_AGENCY_MEETING_ARRANGED: outcome.meeting == MeetingDecision.MULTI_AGENCY_MEETING}
        if outcome.confirmed_level is not None:
            # No meeting: the level confirmed here settles what would have waited for the meeting's.
            settled[Condition.MEETING_CONFIRMS_MEDIUM_OR_HIGH] = RiskLevel(outcome.confirmed_level).is_medium_or_high
        return settled
    return {}
