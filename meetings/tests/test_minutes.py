"""Minutes (issue 4, item 4): recorded against each agenda item, approved by the chair, then locked; a
correction is a new version, never an edit of the approved one."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Role, TeamKind
from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from audit.models import AccessEvent
from children.access import child_visible_queryset
from children.models import Child
from meetings.models import Meeting, MeetingKind, MeetingStatus, MegSchedule, MinuteItem, Minutes
from meetings.services.minutes import MinuteText, minutes_approve, minutes_correction_start, minutes_draft_save
from meetings.services.records import meeting_chair_set, meeting_hold
from meetings.services.schedule import meg_meetings_schedule
from tests.factories import TeamFactory, staff_user


def page(response) -> str:
    return str(response.content.decode())


def listed(child_id) -> int:
    events = AccessEvent.objects.filter(object_type="child", action="list").values_list("object_ids", flat=True)
    return sum(str(child_id) in ids for ids in events)


@pytest.fixture
def children(partnership):
    support = partnership["megsupport.nfd"]
    first, second = Child.objects.filter(responsible_authority__code__iexact="nfd").order_by("reference")[:2]
    risk_level_record(child=first, level=RiskLevel.HIGH, by=support, source=RiskLevelSource.ASSESSMENT)
    risk_level_record(child=second, level=RiskLevel.MEDIUM, by=support, source=RiskLevelSource.ASSESSMENT)
    return first, second


@pytest.fixture
def held(partnership, children):
    support = partnership["megsupport.nfd"]
    area = support.teams.get().agency.area
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10), location="Town hall")
    meeting = meg_meetings_schedule(area=area, months=1)[0]
    meeting_chair_set(meeting=meeting, chair=partnership["megchair"], by=support)
    return meeting_hold(meeting=meeting, by=support)


def form_data(meeting: Meeting, texts: dict[Child, tuple[str, str]]) -> dict[str, str]:
    data = {}
    for item in meeting.agenda_items.all():
        discussion, decisions = texts.get(item.child, ("", "")) if item.child else ("", "")
        data[f"discussion_{item.pk}"] = discussion
        data[f"decisions_{item.pk}"] = decisions
    return data


def texts_of(meeting: Meeting, child: Child, discussion: str, decisions: str) -> dict[int, MinuteText]:
    item = meeting.agenda_items.get(child=child)
    return {item.pk: MinuteText(discussion=discussion, decisions=decisions)}


def test_business_support_saves_the_draft_and_the_chair_approves(signed_in, partnership, children, held):
    first, second = children
    support_web = signed_in(partnership["megsupport.nfd"])
    before = listed(first.id)
    form = page(support_web.get(f"/meetings/{held.pk}/minutes/edit/"))
    assert first.full_name in form
    assert second.full_name in form
    assert listed(first.id) == before + 1
    edit = f"/meetings/{held.pk}/minutes/edit/"
    support_web.post(edit, form_data(held, {first: ("Missing twice.", "Police to visit the flat.")}))
    response = support_web.post(
        edit,
        form_data(held, {first: ("Missing twice.", "Police to visit the flat."), second: ("Calmer.", "Keep going.")}),
    )
    assert response["Location"] == f"/meetings/{held.pk}/minutes/version/1/"
    minutes = Minutes.objects.get(meeting=held)
    assert (minutes.version, minutes.approved) == (1, False)
    assert minutes.items.get(agenda_item__child=second).decisions == "Keep going."
    draft = page(support_web.get(f"/meetings/{held.pk}/minutes/version/1/"))
    assert "Draft" in draft
    assert "Police to visit the flat." in draft
    # Other MEG members read approved minutes only.
    assert "Police to visit the flat." not in page(support_web.get(f"/meetings/{held.pk}/minutes/"))

    chair_web = signed_in(partnership["megchair"])
    assert "Police to visit the flat." in page(chair_web.get(f"/meetings/{held.pk}/minutes/approve/"))
    assert chair_web.post(f"/meetings/{held.pk}/minutes/approve/").status_code == 302
    minutes.refresh_from_db()
    held.refresh_from_db()
    assert minutes.approved_by == partnership["megchair"]
    assert held.status == MeetingStatus.MINUTES_APPROVED
    shown = page(support_web.get(f"/meetings/{held.pk}/minutes/"))
    assert "Version 1" in shown
    assert f"Approved by {partnership['megchair'].display_name}" in shown
    assert "Police to visit the flat." in shown
    # One chronology entry per child, with that child's decisions and nobody else's.
    entry = first.chronology.get(kind="meeting", summary__icontains="decisions of the MEG")
    assert "Police to visit the flat." in entry.summary
    assert "Keep going." not in entry.summary
    assert "Keep going." in second.chronology.get(kind="meeting", summary__icontains="decisions of the MEG").summary


def test_only_the_chair_approves(signed_in, partnership, children, held):
    support = partnership["megsupport.nfd"]
    minutes = minutes_draft_save(meeting=held, texts=texts_of(held, children[0], "Seen.", "Refer."), by=support)
    other_chair = staff_user(team=TeamFactory.create(kind=TeamKind.POLICE_SAFEGUARDING), role=Role.MEG_CHAIR)
    assert signed_in(support).get(f"/meetings/{held.pk}/minutes/approve/").status_code == 403
    assert signed_in(support).post(f"/meetings/{held.pk}/minutes/approve/").status_code == 403
    assert signed_in(other_chair).post(f"/meetings/{held.pk}/minutes/approve/").status_code == 403
    assert signed_in(partnership["socialworker.nfd"]).post(f"/meetings/{held.pk}/minutes/approve/").status_code == 404
    with pytest.raises(ValidationError, match="Only the chair"):
        minutes_approve(minutes=minutes, by=support)
    minutes.refresh_from_db()
    assert not minutes.approved
    held.refresh_from_db()
    assert held.status == MeetingStatus.HELD


def test_approved_minutes_are_locked(signed_in, partnership, children, held):
    first = children[0]
    support, chair = partnership["megsupport.nfd"], partnership["megchair"]
    minutes = minutes_draft_save(meeting=held, texts=texts_of(held, first, "As approved.", "Approved."), by=support)
    minutes_approve(minutes=minutes, by=chair)
    with pytest.raises(ValidationError, match=r"approved .*and is locked"):
        minutes_draft_save(meeting=held, texts=texts_of(held, first, "Changed.", "Changed."), by=support)
    with pytest.raises(ValidationError, match="already approved"):
        minutes_approve(minutes=minutes, by=chair)
    web = signed_in(support)
    assert "is approved and locked" in page(web.get(f"/meetings/{held.pk}/minutes/edit/"))
    body = page(web.post(f"/meetings/{held.pk}/minutes/edit/", form_data(held, {first: ("Changed.", "Changed.")})))
    assert "<title>Error: " in body
    assert "Start a correction to change them" in body
    item = MinuteItem.objects.get(minutes=minutes, agenda_item__child=first)
    assert (item.discussion, item.decisions) == ("As approved.", "Approved.")
    assert Minutes.objects.filter(meeting=held).count() == 1


def test_a_correction_is_a_new_version_and_the_approved_one_stays(signed_in, partnership, children, held):
    first, second = children
    support, chair = partnership["megsupport.nfd"], partnership["megchair"]
    texts = {**texts_of(held, first, "Talked.", "Refer to CAMHS."), **texts_of(held, second, "Fine.", "No change.")}
    version_1 = minutes_draft_save(meeting=held, texts=texts, by=support)
    minutes_approve(minutes=version_1, by=chair)
    web = signed_in(support)
    body = page(web.post(f"/meetings/{held.pk}/minutes/correct/", {"correction_reason": " "}))
    assert "Say why the minutes need correcting" in body
    assert Minutes.objects.filter(meeting=held).count() == 1

    response = web.post(f"/meetings/{held.pk}/minutes/correct/", {"correction_reason": "Wrong service named."})
    assert response["Location"] == f"/meetings/{held.pk}/minutes/edit/"
    version_2 = Minutes.objects.get(meeting=held, version=2)
    assert version_2.correction_reason == "Wrong service named."
    assert version_2.items.get(agenda_item__child=second).decisions == "No change."  # copied
    web.post(
        f"/meetings/{held.pk}/minutes/edit/",
        form_data(held, {first: ("Talked.", "Refer to the youth project."), second: ("Fine.", "No change.")}),
    )
    with pytest.raises(ValidationError, match="still a draft"):
        minutes_correction_start(meeting=held, reason="Again.", by=support)
    assert signed_in(chair).post(f"/meetings/{held.pk}/minutes/approve/").status_code == 302

    assert version_1.items.get(agenda_item__child=first).decisions == "Refer to CAMHS."
    version_1.refresh_from_db()
    assert version_1.approved_by == chair
    shown = page(web.get(f"/meetings/{held.pk}/minutes/"))
    assert "Version 2" in shown
    assert "Refer to the youth project." in shown
    assert "Wrong service named." in shown
    old = page(web.get(f"/meetings/{held.pk}/minutes/version/1/"))
    assert "Refer to CAMHS." in old
    assert "This version has been corrected" in old
    # Only the child whose decisions changed gets a corrected line in their chronology.
    assert first.chronology.filter(summary__icontains="corrected (minutes version 2)").exists()
    assert not second.chronology.filter(summary__icontains="corrected").exists()


def test_minutes_need_a_held_meeting(signed_in, partnership, children, held):
    support = partnership["megsupport.nfd"]
    planned = meg_meetings_schedule(area=held.area, months=2)[1]
    with pytest.raises(ValidationError, match="held before writing"):
        minutes_draft_save(meeting=planned, texts={}, by=support)
    assert "Record the meeting as held before writing" in page(
        signed_in(support).get(f"/meetings/{planned.pk}/minutes/edit/")
    )
    assert not Minutes.objects.exists()


def test_too_long_minutes_are_refused_and_nothing_saved(signed_in, partnership, children, held):
    first = children[0]
    body = page(
        signed_in(partnership["megsupport.nfd"]).post(
            f"/meetings/{held.pk}/minutes/edit/", form_data(held, {first: ("x" * 20001, "")})
        )
    )
    assert f"The discussion about {first.full_name}" in body
    assert "must be 20000 characters or fewer" in body
    assert not Minutes.objects.exists()


def test_minutes_pages_are_closed_to_those_without_need_to_know(signed_in, partnership, children, held):
    minutes = minutes_draft_save(
        meeting=held, texts=texts_of(held, children[0], "Seen.", "Refer."), by=partnership["megsupport.nfd"]
    )
    minutes_approve(minutes=minutes, by=partnership["megchair"])
    for username in ("megsupport.sdl", "socialworker.nfd", "analyst"):
        web = signed_in(partnership[username])
        for url in ("", "version/1/", "edit/", "correct/"):
            assert web.get(f"/meetings/{held.pk}/minutes/{url}").status_code == 404, (username, url)
    before = listed(children[0].id)
    signed_in(partnership["megchair"]).get(f"/meetings/{held.pk}/minutes/version/1/")
    assert listed(children[0].id) == before + 1


def test_the_social_worker_chairs_and_minutes_a_strategy_meeting(signed_in, partnership):
    worker = partnership["socialworker.nfd"]
    child = child_visible_queryset(worker).order_by("reference").first()
    assert child is not None
    meeting = Meeting.objects.create(
        kind=MeetingKind.STRATEGY,
        area=child.responsible_authority,
        child=child,
        starts_at=timezone.now() - dt.timedelta(hours=2),
        chair=worker,
    )
    web = signed_in(worker)
    assert web.post(f"/meetings/{meeting.pk}/hold/").status_code == 302
    web.post(f"/meetings/{meeting.pk}/minutes/edit/", form_data(meeting, {child: ("Agreed.", "Section 47 enquiry.")}))
    assert web.post(f"/meetings/{meeting.pk}/minutes/approve/").status_code == 302
    assert (
        child.chronology.filter(summary__icontains="strategy meeting of")
        .filter(summary__icontains="Section 47 enquiry.")
        .exists()
    )
