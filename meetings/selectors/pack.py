"""The agenda pack: what a meeting needs to read about each child and each contextual item on its
agenda. It names children: a background task reads it as the user who asked, through the pack gate
(meetings/services/packs.py), and `meeting_pack_download` logs each download of the file it made, in
the same transaction (`meeting_pack_read` logs nothing). Everything is read here, a fixed number of queries
whatever the size of the agenda, and handed back as plain values, so that rendering the PDF reads
nothing more."""

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateformat import format as date_format

from accounts.models import User
from assessments.selectors import child_risk_level_subquery
from audit.models import AccessAction
from audit.services import access_event_record
from children.models import Child, MissingEpisode
from core.request_context import AccessContext
from meetings.access import access_meeting_pack
from meetings.models import Action, ContextualItem, Meeting, PackRequest, PackStatus, Plan, PlanKind, Tactic
from meetings.models.plans import OPEN_ACTION_STATUSES
from meetings.selectors.agenda import meeting_agenda, meeting_previous
from meetings.selectors.letters import feedback_since, voice_window
from meetings.selectors.network_picture import NetworkPicture, agenda_network_pictures
from meetings.trend import TrendReading, level_label, trend_of

MONTHS_WITHOUT_A_PREVIOUS_MEETING = 3


def months_before(when: dt.datetime, months: int) -> dt.datetime:
    """The same day and time `months` calendar months earlier, or the month's last day if shorter."""
    month_index = when.year * 12 + when.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - dt.timedelta(days=1)).day
    return when.replace(year=year, month=month, day=min(when.day, last_day))


def _day(when: dt.datetime) -> str:
    return date_format(timezone.localtime(when), "j F Y")


@dataclass(frozen=True)
class PackWindow:
    """'Since the last meeting': from the previous meeting's start to this meeting's start."""

    since: dt.datetime
    until: dt.datetime
    explained: str  # says which window applies, for the reader of the pack


def pack_window(*, meeting: Meeting, previous: Meeting | None) -> PackWindow:
    if previous is not None:
        return PackWindow(
            since=previous.starts_at,
            until=meeting.starts_at,
            explained=f"since the last meeting on {_day(previous.starts_at)}",
        )
    since = months_before(meeting.starts_at, MONTHS_WITHOUT_A_PREVIOUS_MEETING)
    return PackWindow(
        since=since,
        until=meeting.starts_at,
        explained=(
            f"in the {MONTHS_WITHOUT_A_PREVIOUS_MEETING} months before this meeting "
            f"(from {_day(since)}), because no earlier meeting was held"
        ),
    )


def missing_episodes_in(*, child_ids: list[uuid.UUID], window: PackWindow) -> list[MissingEpisode]:
    """Episodes that began in the window, and any still going on: a child missing now matters most."""
    return list(
        MissingEpisode.objects.filter(child_id__in=child_ids, started_at__lt=window.until)
        .filter(Q(started_at__gte=window.since) | Q(ended_at__isnull=True))
        .order_by("started_at", "id")
    )


def is_overdue(action: Action, today: dt.date) -> bool:
    return action.status in OPEN_ACTION_STATUSES and action.due_on < today


@dataclass(frozen=True)
class PackMeeting:
    id: int
    kind: str
    kind_label: str
    area_name: str
    area_code: str
    starts_at: dt.datetime
    location: str
    chair: str
    status_label: str
    handling_instructions: str


@dataclass(frozen=True)
class PackAction:
    description: str
    tactic: str  # empty for "other": it says nothing the description does not
    agency: str
    owner: str
    due_on: dt.date
    status: str
    overdue: bool


@dataclass(frozen=True)
class PackMissingEpisode:
    started_at: dt.datetime
    ended_at: dt.datetime | None
    where_found: str
    return_interview_completed_at: dt.datetime | None


@dataclass(frozen=True)
class PackFeedback:
    given_by: str
    received_on: dt.date
    text: str


@dataclass(frozen=True)
class PackChild:
    child_id: uuid.UUID
    name: str
    known_as: str
    reference: str
    date_of_birth: dt.date | None
    age_years: int | None
    level: str  # "low", "medium", "high", or "" when none was ever confirmed
    level_text: str
    previous_level_text: str
    trend: TrendReading
    new_referral: bool
    plan_summary: str
    actions: list[PackAction]
    missing_episodes: list[PackMissingEpisode]
    feedback: list[PackFeedback]


@dataclass(frozen=True)
class PackContextualItem:
    kind: str
    title: str
    description: str
    children: list[str]  # the names of the children on this agenda that it affects
    actions: list[PackAction]
    network: NetworkPicture | None  # what intelligence graded P links to it, when it is linked to intelligence


@dataclass(frozen=True)
class MeetingPack:
    meeting: PackMeeting
    previous_starts_at: dt.datetime | None
    window: PackWindow
    children: list[PackChild]
    contextual_items: list[PackContextualItem]
    network: NetworkPicture  # the shareable intelligence around the agenda's children and items
    prepared_at: dt.datetime

    @property
    def child_ids(self) -> list[uuid.UUID]:
        return [child.child_id for child in self.children]


def _person(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _pack_meeting(meeting: Meeting) -> PackMeeting:
    return PackMeeting(
        id=meeting.pk,
        kind=meeting.kind,
        kind_label=meeting.get_kind_display(),
        area_name=meeting.area.name,
        area_code=meeting.area.code,
        starts_at=meeting.starts_at,
        location=meeting.location,
        chair=_person(meeting.chair),
        status_label=meeting.get_status_display(),
        handling_instructions=meeting.handling_instructions,
    )


def _open_actions(plans: Q, today: dt.date) -> dict[int, list[PackAction]]:
    """Open actions by plan id."""
    by_plan: dict[int, list[PackAction]] = defaultdict(list)
    actions = (
        Action.objects.filter(plans, status__in=OPEN_ACTION_STATUSES)
        .select_related("owning_agency", "owner")
        .order_by("due_on", "id")
    )
    for action in actions:
        by_plan[action.plan_id].append(
            PackAction(
                description=action.description,
                tactic="" if action.tactic == Tactic.OTHER else action.get_tactic_display(),
                agency=action.owning_agency.name,
                owner=_person(action.owner),
                due_on=action.due_on,
                status=action.get_status_display(),
                overdue=is_overdue(action, today),
            )
        )
    return by_plan


def _feedback_by_child(child_ids: list[uuid.UUID], meeting: Meeting) -> dict[uuid.UUID, list[PackFeedback]]:
    """The same feedback the meeting's "child's voice" page shows: one rule for both."""
    by_child: dict[uuid.UUID, list[PackFeedback]] = defaultdict(list)
    voice = voice_window(meeting=meeting)
    for row in feedback_since(child_ids=child_ids, since=voice.since, until=voice.until):
        given_by = row.get_given_by_display()
        if row.carer is not None:
            given_by = f"{row.carer.name} ({row.carer.get_relationship_display()})"
        by_child[row.child_id].append(PackFeedback(given_by=given_by, received_on=row.received_on, text=row.text))
    return by_child


def _contextual_items(
    items: list[ContextualItem], names: dict[uuid.UUID, str], today: dt.date, pictures: dict[int, NetworkPicture]
) -> list[PackContextualItem]:
    item_ids = [item.pk for item in items]
    links = ContextualItem.children.through.objects.filter(contextualitem_id__in=item_ids, child_id__in=list(names))
    linked: dict[int, list[uuid.UUID]] = defaultdict(list)
    for link in links:
        linked[link.contextualitem_id].append(link.child_id)
    plans = dict(Plan.objects.filter(contextual_item_id__in=item_ids).values_list("contextual_item_id", "id"))
    actions = _open_actions(Q(plan_id__in=list(plans.values())), today)
    return [
        PackContextualItem(
            kind=item.get_kind_display(),
            title=item.title,
            description=item.description,
            children=sorted(names[child_id] for child_id in linked[item.pk]),
            actions=actions.get(plans.get(item.pk, -1), []),
            network=pictures.get(item.pk),
        )
        for item in items
    ]


def meeting_pack_read(*, meeting: Meeting) -> MeetingPack:
    """Everything the pack shows. The children are the meeting's agenda (meetings/selectors/agenda.py),
    in agenda order: for a MEG, every medium and high risk child of its area and no other."""
    today = timezone.localdate()
    agenda = meeting_agenda(meeting=meeting)
    previous = meeting_previous(meeting=meeting)
    window = pack_window(meeting=meeting, previous=previous)
    child_ids = [entry.child_id for entry in agenda.children]

    children = Child.objects.filter(id__in=child_ids)
    if previous is not None:
        children = children.annotate(previous_level=child_risk_level_subquery(as_of=previous.starts_at))
    by_id = {child.id: child for child in children}

    plans = {plan.child_id: plan for plan in Plan.objects.filter(kind=PlanKind.SAFEGUARDING, child_id__in=child_ids)}
    actions = _open_actions(Q(plan_id__in=[plan.pk for plan in plans.values()]), today)
    missing: dict[uuid.UUID, list[PackMissingEpisode]] = defaultdict(list)
    for episode in missing_episodes_in(child_ids=child_ids, window=window):
        missing[episode.child_id].append(
            PackMissingEpisode(
                started_at=episode.started_at,
                ended_at=episode.ended_at,
                where_found=episode.where_found,
                return_interview_completed_at=episode.return_interview_completed_at,
            )
        )
    feedback = _feedback_by_child(child_ids, meeting)

    pack_children = []
    for entry in agenda.children:
        child = by_id[entry.child_id]
        previous_level = getattr(child, "previous_level", None) or ""
        plan = plans.get(child.id)
        pack_children.append(
            PackChild(
                child_id=child.id,
                name=child.full_name,
                known_as=child.known_as,
                reference=child.reference,
                date_of_birth=child.date_of_birth,
                age_years=child.age_years,
                level=entry.level,
                level_text=level_label(entry.level),
                previous_level_text=level_label(previous_level),
                trend=trend_of(previous=previous_level, current=entry.level),
                new_referral=entry.new,
                plan_summary=plan.summary if plan else "",
                actions=actions.get(plan.pk, []) if plan else [],
                missing_episodes=missing[child.id],
                feedback=feedback[child.id],
            )
        )
    names = {child.child_id: child.name for child in pack_children}
    pictures = agenda_network_pictures(child_ids=child_ids, item_ids=[item.pk for item in agenda.contextual_items])
    return MeetingPack(
        meeting=_pack_meeting(meeting),
        previous_starts_at=previous.starts_at if previous else None,
        window=window,
        children=pack_children,
        contextual_items=_contextual_items(agenda.contextual_items, names, today, pictures.items),
        network=pictures.agenda,
        prepared_at=timezone.now(),
    )


def pack_request_latest(*, user: User, meeting: Meeting) -> PackRequest | None:
    """The user's newest job for the meeting's pack, without the file: it names no child."""
    return PackRequest.objects.filter(meeting=meeting, requested_by=user).defer("pdf").first()


@dataclass(frozen=True)
class PackDownload:
    meeting: Meeting
    request: PackRequest | None  # None: no pack of this user's is ready


def meeting_pack_download(*, user: User, meeting_id: int, context: AccessContext) -> PackDownload:
    """The user's own ready pack, through the pack gate asked again now, with one access event (an
    export) for the children in it: every download is logged, as when the pack was made in the request.
    Another user's pack is never handed out, even to someone who may see the meeting."""
    with transaction.atomic():
        meeting = access_meeting_pack(user, meeting_id)
        request = (
            PackRequest.objects.filter(meeting=meeting, requested_by=user, status=PackStatus.READY)
            .order_by("-created_at", "-id")
            .first()
        )
        if request is not None:
            access_event_record(
                user=user,
                action=AccessAction.EXPORT,
                object_type="child",
                object_ids=[uuid.UUID(child_id) for child_id in request.child_ids],
                context=context,
            )
    return PackDownload(meeting=meeting, request=request)
