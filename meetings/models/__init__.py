"""Meetings: the monthly Missing and Exploited Group (MEG), strategy and multi-agency meetings, their
agendas, plans and actions, minutes, and the letters that give the child and family a voice."""

from meetings.models.agenda import (
    AgendaItem,
    AgendaRemoval,
    ContextualItem,
    ContextualItemEntity,
    ContextualKind,
    RemovalReason,
)
from meetings.models.letters import (
    AgeBand,
    Feedback,
    FeedbackFrom,
    Letter,
    LetterAudience,
    LetterTemplate,
    SendingMethod,
)
from meetings.models.meeting import (
    AgencyRequest,
    Attendance,
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingStatus,
    MegSchedule,
)
from meetings.models.minutes import MinuteItem, Minutes
from meetings.models.packs import PackRequest, PackStatus
from meetings.models.plans import Action, ActionStatus, ActionUpdate, Plan, PlanKind, Tactic

__all__ = [
    "Action",
    "ActionStatus",
    "ActionUpdate",
    "AgeBand",
    "AgencyRequest",
    "AgendaItem",
    "AgendaRemoval",
    "Attendance",
    "ContextualItem",
    "ContextualItemEntity",
    "ContextualKind",
    "Feedback",
    "FeedbackFrom",
    "Letter",
    "LetterAudience",
    "LetterTemplate",
    "Meeting",
    "MeetingKind",
    "MeetingParticipant",
    "MeetingStatus",
    "MegSchedule",
    "MinuteItem",
    "Minutes",
    "PackRequest",
    "PackStatus",
    "Plan",
    "PlanKind",
    "RemovalReason",
    "SendingMethod",
    "Tactic",
]
