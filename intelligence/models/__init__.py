"""Intelligence (DESIGN.md rules 10 and 13): what professionals and the public tell the police, how the
police grade it, the people, vehicles, places, phones and online accounts it mentions, and the
entities those mentions resolve to."""

from intelligence.models.entities import (
    Entity,
    EntityKind,
    MatchCandidate,
    MatchDecision,
    MatchStatus,
    Mention,
)
from intelligence.models.grading import Grading, HandlingCode, IntelligenceAssessment, Outcome, SourceEvaluation
from intelligence.models.overview import NetworkOverviewRun, OverviewStatus
from intelligence.models.submission import (
    Knowledge,
    LocationKind,
    Submission,
    SubmissionChild,
    SubmissionSource,
    SubmissionStatus,
)

__all__ = [
    "Entity",
    "EntityKind",
    "Grading",
    "HandlingCode",
    "IntelligenceAssessment",
    "Knowledge",
    "LocationKind",
    "MatchCandidate",
    "MatchDecision",
    "MatchStatus",
    "Mention",
    "NetworkOverviewRun",
    "Outcome",
    "OverviewStatus",
    "SourceEvaluation",
    "Submission",
    "SubmissionChild",
    "SubmissionSource",
    "SubmissionStatus",
]
