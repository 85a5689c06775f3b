"""What a partner sees of a graded submission: a pure rule, with no database, so that it can be tested
for every grade, handling code and outcome.

The rule takes only the grading's own values, never the submission: the narrative, the source
(professional or community, which agency), the reporter and the mentions cannot leak through it,
because it is never given them.

What partners see, by handling code:

- P (lawful sharing permitted): the sanitised summary, the outcome and the date it was graded.
- C (lawful sharing permitted with conditions): the sanitised summary, the conditions the partner must
  respect, and the date. The outcome is withheld: "crime desk" tells a reader that an investigation
  may be under way, and a police officer who set conditions has said that this intelligence needs care
  in how far it travels; partners act on the summary and the conditions, not on police tactics.

The 3x5x2 grade itself (for example "2B") is shown to partners with its plain words, for both codes.
Police disseminate intelligence with its grade for exactly this reason: it tells the reader how far to
rely on it (a "3E" summary is a rumour suspected to be false; a "1A" one was witnessed by a reliable
source). The grade says how reliable the source has been, never who or what kind of source it is, so
it does not identify the reporter.
"""

import datetime as dt
from dataclasses import dataclass

from intelligence.models import Grading, HandlingCode, IntelligenceAssessment, Outcome, SourceEvaluation

# What the grade tells a partner, in their words rather than police shorthand.
SOURCE_WORDS = {
    SourceEvaluation.RELIABLE: "The source is reliable",
    SourceEvaluation.UNTESTED: "The source is untested",
    SourceEvaluation.NOT_RELIABLE: "The source is not reliable",
}
ASSESSMENT_WORDS = {
    IntelligenceAssessment.KNOWN_DIRECTLY: "known directly to the source",
    IntelligenceAssessment.KNOWN_INDIRECTLY_CORROBORATED: "known indirectly to the source but corroborated",
    IntelligenceAssessment.KNOWN_INDIRECTLY: "known indirectly to the source",
    IntelligenceAssessment.NOT_KNOWN: "not known to be true or false",
    IntelligenceAssessment.SUSPECTED_FALSE: "suspected to be false",
}
HANDLING_WORDS = {
    HandlingCode.PERMITTED: "You may share this lawfully with those who need to know.",
    HandlingCode.CONDITIONS: "You may share this only as the conditions below allow.",
}


@dataclass(frozen=True, kw_only=True)
class SanitisedView:
    """Everything a partner may see of one graded submission, and nothing else."""

    summary: str
    graded_on: dt.date
    grade: str  # "2B", the source and intelligence letters only
    reliability: str  # the grade in words
    handling_code: str
    handling: str  # what the handling code lets the partner do, in words
    conditions: str  # empty unless the code is C
    outcome: str  # the outcome's label; empty when the code withholds it

    @property
    def has_conditions(self) -> bool:
        return bool(self.conditions)


def sanitise(
    *,
    source_evaluation: str,
    intelligence_assessment: str,
    handling_code: str,
    handling_conditions: str,
    outcome: str,
    sanitised_summary: str,
    graded_on: dt.date,
) -> SanitisedView:
    source = SourceEvaluation(source_evaluation)
    assessment = IntelligenceAssessment(intelligence_assessment)
    code = HandlingCode(handling_code)
    with_conditions = code == HandlingCode.CONDITIONS
    return SanitisedView(
        summary=sanitised_summary.strip(),
        graded_on=graded_on,
        grade=f"{source.value}{assessment.value}",
        reliability=f"{SOURCE_WORDS[source]}; the information is {ASSESSMENT_WORDS[assessment]}.",
        handling_code=code.value,
        handling=HANDLING_WORDS[code],
        conditions=handling_conditions.strip() if with_conditions else "",
        outcome="" if with_conditions else Outcome(outcome).label,
    )


def sanitise_grading(grading: Grading, *, graded_on: dt.date) -> SanitisedView:
    """The view of a stored grading. `graded_on` is the grading's local date, given by the caller
    (the conversion to local time belongs to the caller's request, not to this rule)."""
    return sanitise(
        source_evaluation=grading.source_evaluation,
        intelligence_assessment=grading.intelligence_assessment,
        handling_code=grading.handling_code,
        handling_conditions=grading.handling_conditions,
        outcome=grading.outcome,
        sanitised_summary=grading.sanitised_summary,
        graded_on=graded_on,
    )
