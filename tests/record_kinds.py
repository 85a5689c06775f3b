"""The record kind behind each route parameter, for the tests that request every route with real ids
(tests/test_need_to_know.py, tests/test_query_counts.py)."""

from typing import Any

from django.db.models import Model

from assessments.models import Assessment
from challenges.models import Challenge
from children.models import CaseAllocation, Child, MissingEpisode
from frontdoor.models import Contact, ContactLinkedChild, Referral, Screening, Task
from intelligence.models import Entity, MatchCandidate, Mention, Submission
from meetings.models import (
    Action,
    AgendaItem,
    ContextualItem,
    ContextualItemEntity,
    Letter,
    LetterTemplate,
    Meeting,
    Minutes,
    Plan,
)

# The record kind behind each route parameter that names one record.
KINDS: dict[str, type[Model]] = {
    "child_id": Child,
    "contact_id": Contact,
    "screening_id": Screening,
    "assessment_id": Assessment,
    "task_id": Task,
    "challenge_id": Challenge,
    "meeting_id": Meeting,
    "item_id": ContextualItem,
    "plan_id": Plan,
    "action_id": Action,
    "template_id": LetterTemplate,
    "submission_id": Submission,
    "entity_id": Entity,
    "candidate_id": MatchCandidate,
    "mention_id": Mention,
    "allocation_id": CaseAllocation,
    "episode_id": MissingEpisode,
    "referral_id": Referral,
}
# Routes with two parameters take a real pair: (parameter names) -> the pairs in the database.
PAIRS: dict[tuple[str, ...], Any] = {
    ("contact_id", "link_id"): lambda: ContactLinkedChild.objects.values_list("contact_id", "pk"),
    ("meeting_id", "child_id"): lambda: AgendaItem.objects.filter(child__isnull=False).values_list(
        "meeting_id", "child_id"
    ),
    ("meeting_id", "version"): lambda: Minutes.objects.values_list("meeting_id", "version"),
    ("meeting_id", "letter_id"): lambda: Letter.objects.values_list("meeting_id", "pk"),
    ("entity_id", "link_id"): lambda: ContextualItemEntity.objects.values_list("entity_id", "pk"),
}
