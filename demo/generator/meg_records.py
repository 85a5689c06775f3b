"""The demo's MEG held last month: who was invited and came, what agencies were asked to bring, the
agenda frozen when it was held, and minutes the chair approved. Made through the real services."""

import datetime as dt
import random
from collections import Counter

from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, AgencyKind, Area, User
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
DISCUSSIONS = (
    "School reports attendance up to 85% this half term; she is engaging with the youth worker every week. "
    "Police have no new intelligence since the last meeting.",
    "Two missing episodes this month, both overnight; found in the town centre. Return home interviews "
    "completed; she would not say who she was with. Older males seen collecting her near the bus station.",
    "Health: attended the sexual health clinic and accepted follow-up. Mother says she is calmer at home "
    "and has stopped using the second phone.",
    "Youth project: trusted relationship building slowly; he has talked about being given cannabis to hold "
    "for older boys. Police intelligence links the same group to the park on the estate.",
)
DECISIONS = (
    "Remains at {level} risk. Youth project to continue weekly sessions; school to share attendance fortnightly.",
    "Remains at {level} risk. Police to issue a child abduction warning notice if the adult is identified; "
    "social worker to review the safety plan with the family within two weeks.",
    "Remains at {level} risk. School nurse to offer drop-in sessions; Designated CSE worker to complete "
    "direct work on healthy relationships before the next meeting.",
    "Remains at {level} risk. Police to increase patrols at the location; licensing to visit the premises.",
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


def _minutes_texts(meeting: Meeting, rng: random.Random) -> dict[int, MinuteText]:
    texts = {}
    for item in meeting.agenda_items.order_by("position"):
        if item.child_id is not None:
            texts[item.pk] = MinuteText(
                discussion=rng.choice(DISCUSSIONS), decisions=rng.choice(DECISIONS).format(level=item.level)
            )
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
    minutes = minutes_draft_save(meeting=meeting, texts=_minutes_texts(meeting, rng), by=support)
    minutes_approve(minutes=minutes, by=chair)
    counts["minutes approved"] += 1
    return counts
