"""The demo's MEG held last month: who was invited and came, what agencies were asked to bring, the
agenda frozen when it was held, and minutes the chair approved. Made through the real services."""

import datetime as dt
import random
from collections import Counter

from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, AgencyKind, Area, User
from children.models import Child
from demo.generator.vocabulary import AREAS, pronouns
from meetings.models import Attendance, Meeting, MeetingKind, MeetingStatus, MegSchedule
from meetings.schedule import MonthlyRule
from meetings.services.minutes import MinuteText, minutes_approve, minutes_draft_save
from meetings.services.records import (
    agency_request_create,
    attendance_record,
    meeting_chair_set,
    meeting_hold,
    participant_invite,
)

# Who represents each agency of the area (demo usernames, demo/generator/vocabulary.py).
REPRESENTATIVES = {
    AgencyKind.CHILDRENS_SERVICES: "cseworker.{code}",
    AgencyKind.EDUCATION: "teacher.{code}",
    AgencyKind.HEALTH: "schoolnurse.{code}",
    AgencyKind.VOLUNTARY: "youthworker.{code}",
}
LICENSING_OFFICERS = ("Morgan Ashdale", "Robin Fenwick", "Sam Okonedo-Lyle")
REQUESTS = (
    (AgencyKind.EDUCATION, "Attendance and exclusions since the last meeting for every child on the agenda."),
    (AgencyKind.LICENSING, "Outcome of the test-purchase visits to the late-night takeaways and taxi ranks."),
)
# What the agencies say about a child, in the child's own words for them (vocabulary.pronouns): each
# child's minutes are put together from their own missing episodes and two or three of these, so no
# two children's minutes read the same.
UPDATES = (
    "School reports attendance at {attendance}% this half term; {they} {is} engaging with the youth worker most weeks.",
    "Health: {first} attended the sexual health clinic and accepted follow-up.",
    "{Carer} says {first} is calmer at home and has stopped using the second phone.",
    "Youth project: a trusted relationship is building slowly; {first} has talked about being given cannabis to "
    "hold for older boys.",
    "Police have no new intelligence about {first} since the last meeting.",
    "Police intelligence links the group {first} spends time with to {place}.",
    "Older males were seen collecting {them} near the bus station; vehicle details passed to intelligence.",
    "{first} has started a college taster course and says {they} {want} to keep going.",
)
ACTIONS = (
    "Youth project to continue weekly sessions with {first}.",
    "School to share {their} attendance with the social worker fortnightly.",
    "Police to issue a child abduction warning notice if the adult is identified.",
    "Social worker to review the safety plan with {first} and the family within two weeks.",
    "School nurse to offer {first} drop-in sessions.",
    "Designated CSE worker to complete direct work on healthy relationships before the next meeting.",
    "Police to increase patrols at {place}; licensing to visit the premises.",
)
CONTEXTUAL_DISCUSSION = "Reports from partner agencies and police intelligence reviewed; disruption tactics discussed."
CONTEXTUAL_DECISION = "Keep on the agenda. Police and licensing to report back on the disruption plan."


def _last_month(area: Area) -> dt.datetime:
    """The area's last scheduled MEG before today (this month's if it has passed, else last month's),
    or a month ago at 10:00 without a schedule."""
    today = timezone.localdate()
    schedule = MegSchedule.objects.filter(area=area).first()
    if schedule is None:
        return timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=30), dt.time(10, 0)))
    rule = MonthlyRule(week=schedule.week, weekday=schedule.weekday)
    day = rule.date_in(today.year, today.month)
    if day >= today:
        first_of_last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        day = rule.date_in(first_of_last_month.year, first_of_last_month.month)
    return timezone.make_aware(dt.datetime.combine(day, schedule.starts_at))


def _user(username: str) -> User | None:
    user: User | None = User.objects.filter(username=username, is_active=True).first()
    return user


def _invite(meeting: Meeting, area: Area, support: User, rng: random.Random) -> int:
    code = area.code.lower()
    invited = 0
    for agency in Agency.objects.filter(area=area).order_by("name"):
        username = REPRESENTATIVES.get(AgencyKind(agency.kind))
        person = _user(username.format(code=code)) if username else None
        name = rng.choice(LICENSING_OFFICERS) if agency.kind == AgencyKind.LICENSING else ""
        participant_invite(meeting=meeting, agency=agency, user=person, name=name, by=support)
        invited += 1
    police = Agency.objects.filter(kind=AgencyKind.POLICE).first()
    for username in ("megchair", "intel"):
        officer = _user(username)
        if police is not None and officer is not None:
            participant_invite(meeting=meeting, agency=police, user=officer, name="", by=support)
            invited += 1
    return invited


def _attendance(meeting: Meeting, rng: random.Random, support: User) -> None:
    participants = list(meeting.participants.order_by("id"))
    apologies = rng.choice([p.pk for p in participants if p.user_id != meeting.chair_id] or [0])
    attendance_record(
        meeting=meeting,
        attendance={p.pk: Attendance.APOLOGIES if p.pk == apologies else Attendance.ATTENDED for p in participants},
        by=support,
    )


def _missing_since(child: Child, since: dt.datetime, until: dt.datetime) -> str:
    episodes = list(child.missing_episodes.filter(started_at__gte=since, started_at__lt=until))
    if not episodes:
        return "No missing episodes since the last meeting."
    outstanding = sum(1 for episode in episodes if episode.ended_at and episode.return_interview_completed_at is None)
    count = "One missing episode" if len(episodes) == 1 else f"{len(episodes)} missing episodes"
    interviews = (
        f"{outstanding} return home interview(s) still to be done." if outstanding else "Return home interviews done."
    )
    return f"{count} since the last meeting. {interviews}"


def _child_minutes(child: Child, level: str, held: dt.datetime, place: str, rng: random.Random) -> MinuteText:
    words = pronouns(child.gender)
    plural = words["they"] == "they"
    carer = child.carers.order_by("id").first()
    values = {
        **words,
        "first": child.first_name,
        "place": place,
        "attendance": rng.randint(58, 97),
        "is": "are" if plural else "is",
        "want": "want" if plural else "wants",
        "Carer": carer.name if carer else "The family",
    }
    said = [text.format(**values) for text in rng.sample(UPDATES, k=rng.randint(2, 3))]
    discussion = " ".join([_missing_since(child, held - dt.timedelta(days=31), held), *said])
    actions = " ".join(text.format(**values) for text in rng.sample(ACTIONS, k=2))
    return MinuteText(discussion=discussion, decisions=f"Remains at {level} risk. {actions}")


def _minutes_texts(meeting: Meeting, area: Area, rng: random.Random) -> dict[int, MinuteText]:
    spec = next((spec for spec in AREAS if spec.code == area.code.upper()), None)
    places = spec.places if spec else ("the town centre",)
    held = meeting.held_at or meeting.starts_at
    texts = {}
    for item in meeting.agenda_items.select_related("child").order_by("position"):
        if item.child is not None:
            texts[item.pk] = _child_minutes(item.child, item.level, held, rng.choice(places), rng)
        else:
            texts[item.pk] = MinuteText(discussion=CONTEXTUAL_DISCUSSION, decisions=CONTEXTUAL_DECISION)
    return texts


@transaction.atomic
def meg_records_demo_generate(*, area: Area, seed: int) -> Counter[str]:
    counts: Counter[str] = Counter()
    support, chair = _user(f"megsupport.{area.code.lower()}"), _user("megchair")
    past = Meeting.objects.filter(kind=MeetingKind.MEG, area=area, starts_at__lt=timezone.now())
    if support is None or chair is None or past.exclude(status=MeetingStatus.PLANNED).exists():
        return counts
    rng = random.Random(f"{seed}-{area.code}")  # noqa: S311 - synthetic data must be reproducible, not secret.
    starts_at = _last_month(area)
    schedule = MegSchedule.objects.filter(area=area).first()
    meeting, _ = Meeting.objects.get_or_create(
        kind=MeetingKind.MEG,
        area=area,
        starts_at=starts_at,
        defaults={"location": schedule.location if schedule else f"{area.name} Civic Centre"},
    )
    meeting_chair_set(meeting=meeting, chair=chair, by=support)
    counts["meeting participants"] += _invite(meeting, area, support, rng)
    for kind, request in REQUESTS:
        agency = Agency.objects.filter(area=area, kind=kind).order_by("name").first()
        if agency is not None:
            agency_request_create(meeting=meeting, agency=agency, request=request, by=support)
            counts["agency requests"] += 1
    meeting = meeting_hold(meeting=meeting, by=support)
    # Held last month, not when the demo was made.
    Meeting.objects.filter(pk=meeting.pk).update(held_at=starts_at + dt.timedelta(hours=2))
    meeting.refresh_from_db()
    _attendance(meeting, rng, support)
    counts["MEG meetings held"] += 1
    counts["agenda items"] += meeting.agenda_items.count()
    minutes = minutes_draft_save(meeting=meeting, texts=_minutes_texts(meeting, area, rng), by=support)
    minutes_approve(minutes=minutes, by=chair)
    counts["minutes approved"] += 1
    return counts
