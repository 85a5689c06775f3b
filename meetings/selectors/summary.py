"""The facts behind a meeting's strategic summary, read as plain values with no child in them.

Nothing here leaves the module with a name, reference or date of birth: the pure rule
(meetings/summary.py) gets levels, flags, codes and counts, so the summary needs no access event.
"""

import uuid
from collections import Counter, defaultdict

from django.db.models import Q
from django.utils import timezone

from accounts.models import AgencyKind
from assessments.levels import RiskLevel
from frontdoor.concern_codes import GroomingModel, Setting
from frontdoor.models import Contact
from meetings.models import Action, AgendaRemoval, ContextualKind, Meeting, RemovalReason
from meetings.models.plans import OPEN_ACTION_STATUSES
from meetings.selectors.agenda import meeting_agenda, meeting_previous
from meetings.selectors.pack import missing_episodes_in, pack_window
from meetings.summary import MeetingSummary, SummaryAction, SummaryChild, SummaryFacts, meeting_summary_build

# A child at low risk is on the agenda when referred to the MEG, as every child from another authority is
# (seed 003, 2.2; decision 0026): the table counts them too, so that its total is every child on it.
SUMMARY_LEVELS = [
    (RiskLevel.HIGH.value, RiskLevel.HIGH.label),
    (RiskLevel.MEDIUM.value, RiskLevel.MEDIUM.label),
    (RiskLevel.LOW.value, f"{RiskLevel.LOW.label} (referred to the MEG)"),
]


def meeting_summary_read(*, meeting: Meeting) -> MeetingSummary:
    agenda = meeting_agenda(meeting=meeting)
    window = pack_window(meeting=meeting, previous=meeting_previous(meeting=meeting))
    child_ids = [entry.child_id for entry in agenda.children]
    item_ids = [item.pk for item in agenda.contextual_items]
    today = timezone.localdate()

    episodes = Counter(episode.child_id for episode in missing_episodes_in(child_ids=child_ids, window=window))
    grooming: dict[uuid.UUID, set[str]] = defaultdict(set)
    settings: dict[uuid.UUID, set[str]] = defaultdict(set)
    for child_id, grooming_models, setting in Contact.objects.filter(child_id__in=child_ids).values_list(
        "child_id", "grooming_models", "setting"
    ):
        grooming[child_id].update(grooming_models or [])
        if setting and setting != Setting.NOT_KNOWN:
            settings[child_id].add(setting)

    agency_kinds = dict(AgencyKind.choices)
    actions = Action.objects.filter(
        Q(plan__child_id__in=child_ids) | Q(plan__contextual_item_id__in=item_ids), status__in=OPEN_ACTION_STATUSES
    ).values_list("owning_agency__kind", "due_on")
    removals = AgendaRemoval.objects.filter(meeting=meeting).values_list("reason", flat=True)
    reasons = dict(RemovalReason.choices)

    facts = SummaryFacts(
        children=[
            SummaryChild(
                level=entry.level,
                new=entry.new,
                missing_episodes=episodes[entry.child_id],
                grooming_models=frozenset(grooming[entry.child_id]),
                settings=frozenset(settings[entry.child_id]),
            )
            for entry in agenda.children
        ],
        removal_reasons=[reasons.get(reason, reason) for reason in removals],
        contextual_kinds=[item.get_kind_display() for item in agenda.contextual_items],
        actions=[SummaryAction(agency_kind=agency_kinds.get(kind, kind), overdue=due < today) for kind, due in actions],
    )
    return meeting_summary_build(
        facts=facts,
        levels=SUMMARY_LEVELS,
        removal_reasons=[label for _, label in RemovalReason.choices],
        contextual_kinds=[label for _, label in ContextualKind.choices],
        grooming_models=list(GroomingModel.choices),
        settings=[(code, label) for code, label in Setting.choices if code != Setting.NOT_KNOWN],
        agency_kinds=[label for _, label in AgencyKind.choices],
    )
