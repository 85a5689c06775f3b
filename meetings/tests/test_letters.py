"""The child's voice (seed 001): business support record the parents and carers of a child on the MEG
agenda, write the letters from the area's templates, read and print them, and record their sending."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from assessments.levels import RiskLevel
from assessments.models import RiskLevelSource
from assessments.services import risk_level_record
from audit.models import AccessEvent
from children.models import Child
from meetings.models import (
    AgendaItem,
    Feedback,
    Letter,
    LetterAudience,
    LetterTemplate,
    Meeting,
    MeetingKind,
    MeetingStatus,
    MegSchedule,
)
from meetings.services.letters import letters_generate
from meetings.services.schedule import meg_meetings_schedule
from tests.background import run_queued_tasks
from tests.factories import read_events


def years_ago(years: int) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - dt.timedelta(days=30)


@pytest.fixture
def area(partnership):
    return partnership["megsupport.nfd"].teams.get().agency.area


@pytest.fixture
def child(partnership, area):
    child = Child.objects.filter(responsible_authority=area).order_by("reference")[0]
    child.date_of_birth, child.learning_disability = years_ago(15), "no"
    child.save()
    risk_level_record(
        child=child, level=RiskLevel.HIGH, by=partnership["screener.nfd"], source=RiskLevelSource.ASSESSMENT
    )
    return child


@pytest.fixture
def meetings(area):
    MegSchedule.objects.create(area=area, week=1, weekday=1, starts_at=dt.time(10), location="Town hall")
    return meg_meetings_schedule(area=area, months=2)


@pytest.fixture
def meeting(meetings):
    return meetings[0]


@pytest.fixture
def support(signed_in, partnership):
    return signed_in(partnership["megsupport.nfd"])


def carer_post(web, meeting, child, **changes):
    data = {
        "name": "Dana Fairweather",
        "relationship": "mother",
        "address": "1 Example Row\nNorthfield",
        "parental_responsibility": "yes",
        "lives_with_child": "yes",
        **changes,
    }
    return web.post(f"/meetings/{meeting.pk}/children/{child.id}/carers/", data)


def generate(web, meeting_id: int):
    """Press "Write the missing letters", then let the background worker write them."""
    response = web.post(f"/meetings/{meeting_id}/letters/generate/")
    run_queued_tasks()
    return response


def last_event():
    return AccessEvent.objects.order_by("-id")[0]


def test_letters_for_the_child_and_each_parent_with_parental_responsibility(support, partnership, meeting, child):
    assert carer_post(support, meeting, child).status_code == 302
    carer_post(support, meeting, child, name="Lee Hartley", relationship="foster_carer", parental_responsibility="no")
    page = support.get(f"/meetings/{meeting.pk}/children/{child.id}/carers/").content.decode()
    assert "Dana Fairweather" in page
    assert "Lee Hartley" in page
    assert child.chronology.filter(summary__icontains="Dana Fairweather").exists()

    assert generate(support, meeting.pk)["Location"] == f"/meetings/{meeting.pk}/letters/"
    letters = {letter.audience: letter for letter in Letter.objects.filter(child=child)}
    assert set(letters) == {LetterAudience.CHILD, LetterAudience.PARENT, LetterAudience.INDUCTION}
    to_child, to_parent, pack = letters["child"], letters["parent"], letters["induction"]
    assert to_child.template.age_band == "from_13"
    assert to_child.body.startswith(f"Dear {child.first_name},")
    assert to_child.title.startswith("A meeting about your safety on")
    assert to_parent.recipient_name == "Dana Fairweather"
    assert to_parent.carer is not None
    assert to_parent.carer.name == "Dana Fairweather"
    assert to_parent.body.startswith("Dear Dana Fairweather,")
    assert child.full_name in to_parent.body
    assert pack.carer == to_parent.carer  # new to the MEG: the family's induction pack
    assert "$" not in to_child.body + to_parent.body + pack.body
    assert not Letter.objects.filter(carer__name="Lee Hartley").exists()  # no parental responsibility

    page = support.get(f"/meetings/{meeting.pk}/letters/").content.decode()
    assert child.full_name in page
    assert page.count("Not sent") == 3
    event = last_event()
    assert (event.action, event.object_ids) == ("list", [str(child.id)])


def test_the_letters_are_written_in_the_background_and_the_page_says_how_it_is_going(support, meeting, child):
    carer_post(support, meeting, child)
    response = support.post(f"/meetings/{meeting.pk}/letters/generate/")
    assert response.status_code == 302
    assert not Letter.objects.exists()  # not in the request: a worker writes them
    page = support.get(f"/meetings/{meeting.pk}/letters/").content.decode()
    assert "The missing letters are being written" in page
    assert f'href="/meetings/{meeting.pk}/letters/">Refresh this page</a>' in page
    assert run_queued_tasks() == 1
    page = support.get(f"/meetings/{meeting.pk}/letters/").content.decode()
    assert "3 letters written" in page
    assert "http-equiv" not in page
    assert Letter.objects.filter(child=child).count() == 3
    # Shown once: the next visit is the plain page again.
    assert "letters written" not in support.get(f"/meetings/{meeting.pk}/letters/").content.decode()


def test_a_child_under_13_gets_the_easy_letter(support, meeting, child):
    child.date_of_birth = years_ago(11)
    child.save()
    generate(support, meeting.pk)
    letter = Letter.objects.get(child=child, audience=LetterAudience.CHILD)
    assert letter.template.age_band == "under_13"
    assert "You are not in trouble." in letter.body


def test_generating_twice_writes_nothing_new(support, partnership, meeting, child):
    carer_post(support, meeting, child)
    generate(support, meeting.pk)
    count = Letter.objects.count()
    assert count >= 3
    generate(support, meeting.pk)
    assert letters_generate(meeting=meeting, child=child, by=partnership["megsupport.nfd"]) == []
    assert Letter.objects.count() == count


def test_a_family_already_known_to_the_meg_gets_no_second_induction_pack(support, partnership, area, meeting, child):
    held = Meeting.objects.create(
        kind=MeetingKind.MEG, area=area, starts_at=timezone.now() - dt.timedelta(days=30), status=MeetingStatus.HELD
    )
    AgendaItem.objects.create(meeting=held, position=1, child=child, level="high")
    carer_post(support, meeting, child)
    generate(support, meeting.pk)
    assert set(Letter.objects.filter(child=child).values_list("audience", flat=True)) == {"child", "parent"}


def test_an_edited_template_is_used_for_new_letters_and_old_letters_keep_theirs(support, partnership, meetings, child):
    first, second = meetings
    generate(support, first.pk)
    before = Letter.objects.get(meeting=first, child=child, audience="child")
    template = before.template
    page = support.get(f"/meetings/letter-templates/{template.pk}/").content.decode()
    assert "$child_first_name" in page  # the placeholders are listed
    response = support.post(
        f"/meetings/letter-templates/{template.pk}/",
        {"title": "About the meeting on $meeting_date", "body": "Hello $child_first_name. We care what you think."},
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.updated_by == partnership["megsupport.nfd"]
    generate(support, second.pk)
    after = Letter.objects.get(meeting=second, child=child, audience="child")
    assert after.body == f"Hello {child.first_name}. We care what you think.\n"
    assert after.title.startswith("About the meeting on ")
    old = Letter.objects.get(pk=before.pk)
    assert (old.title, old.body) == (before.title, before.body)
    assert "you are not in trouble" in old.body


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("Dear $recipient_name, your $password", "$password is not a placeholder this letter can fill in"),
        ("It costs $5", "has a $ sign that is not followed by a placeholder name"),
        ("", "Enter the text of the letter"),
    ],
)
def test_a_template_with_a_bad_placeholder_is_refused_and_nothing_saved(support, area, body, error):
    support.post("/meetings/letter-templates/", {"area": area.pk})
    template = LetterTemplate.objects.get(area=area, audience="parent")
    saved = (template.title, template.body, template.updated_at)
    response = support.post(f"/meetings/letter-templates/{template.pk}/", {"title": "New title", "body": body})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert error in page
    template.refresh_from_db()
    assert (template.title, template.body, template.updated_at) == saved


def test_the_templates_page_sets_up_the_standard_letters_once(support, area):
    assert "has no letter templates yet" in support.get("/meetings/letter-templates/").content.decode()
    support.post("/meetings/letter-templates/", {"area": area.pk})
    support.post("/meetings/letter-templates/", {"area": area.pk})
    assert LetterTemplate.objects.filter(area=area).count() == 4
    page = support.get("/meetings/letter-templates/").content.decode()
    assert "Information for families" in page
    assert "has no letter templates yet" not in page


def test_reading_printing_and_marking_a_letter_sent(support, partnership, meeting, child):
    carer_post(support, meeting, child)
    generate(support, meeting.pk)
    letter = Letter.objects.get(child=child, audience="parent")
    url = f"/meetings/{meeting.pk}/letters/{letter.pk}/"
    page = support.get(url).content.decode()
    assert "Dear Dana Fairweather," in page
    assert (last_event().action, last_event().object_ids) == ("view", [str(child.id)])

    pdf = support.get(url + "pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "OFFICIAL-SENSITIVE" in text
    assert "Dana Fairweather" in text
    assert "1 Example Row" in text
    assert last_event().action == "print"

    refused = support.post(url, {}).content.decode()
    assert "Select how the letter was sent" in refused
    assert support.post(url, {"method": "post"}).status_code == 302
    letter.refresh_from_db()
    assert (letter.sent_method, letter.sent_by) == ("post", partnership["megsupport.nfd"])
    assert letter.sent_at is not None
    assert timezone.now() - letter.sent_at < dt.timedelta(minutes=1)
    assert child.chronology.filter(summary__icontains="sent to Dana Fairweather").exists()
    sent_at = letter.sent_at
    again = support.post(url, {"method": "email"})
    assert "This letter was already marked as sent" in again.content.decode()
    letter.refresh_from_db()
    assert (letter.sent_method, letter.sent_at) == ("post", sent_at)
    assert "Sent" in support.get(f"/meetings/{meeting.pk}/letters/").content.decode()


def test_a_parent_or_carer_needs_a_name_and_is_recorded_once(support, meeting, child):
    page = carer_post(support, meeting, child, name=" ", parental_responsibility="").content.decode()
    assert "<title>Error: " in page
    assert "Enter the parent or carer&#x27;s name" in page
    assert "Select whether they have parental responsibility" in page
    assert not child.carers.exists()
    carer_post(support, meeting, child)
    page = carer_post(support, meeting, child, name="dana fairweather").content.decode()
    assert "is already recorded as a parent or carer" in page
    assert child.carers.count() == 1


def test_no_letters_once_the_meeting_has_been_held(support, meeting, child):
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    page = support.post(f"/meetings/{meeting.pk}/letters/generate/").content.decode()
    assert "this meeting has already been held" in page
    assert not Letter.objects.exists()


def test_without_need_to_know_everything_is_not_found(signed_in, support, partnership, meeting, child):
    carer_post(support, meeting, child)
    generate(support, meeting.pk)
    letter = Letter.objects.filter(child=child)[0]
    template = letter.template
    urls = [
        f"/meetings/{meeting.pk}/letters/",
        f"/meetings/{meeting.pk}/letters/{letter.pk}/",
        f"/meetings/{meeting.pk}/letters/{letter.pk}/pdf/",
        f"/meetings/{meeting.pk}/children/{child.id}/carers/",
        f"/meetings/{meeting.pk}/children/{child.id}/feedback/",
        f"/meetings/{meeting.pk}/voice/",
    ]
    before = read_events().count()
    for username in ("megsupport.sdl", "socialworker.nfd", "teacher.nfd", "analyst"):
        web = signed_in(partnership[username])
        for url in urls:
            assert web.get(url).status_code == 404, (username, url)
        assert web.post(f"/meetings/{meeting.pk}/letters/generate/").status_code == 404
        assert web.post(f"/meetings/{meeting.pk}/letters/{letter.pk}/", {"method": "post"}).status_code == 404
    assert signed_in(partnership["megsupport.sdl"]).get(f"/meetings/letter-templates/{template.pk}/").status_code == 404
    assert signed_in(partnership["socialworker.nfd"]).get("/meetings/letter-templates/").status_code == 403
    assert read_events().count() == before
    letter.refresh_from_db()
    assert letter.sent_at is None


def test_a_child_not_on_the_agenda_has_no_carers_page(support, area, meeting, child):
    other = Child.objects.filter(responsible_authority=area).exclude(pk=child.pk)[0]
    assert support.get(f"/meetings/{meeting.pk}/children/{other.id}/carers/").status_code == 404
    assert carer_post(support, meeting, other).status_code == 404
    assert not other.carers.exists()


@pytest.mark.any_moment
def test_the_demo_gives_every_child_a_family_and_the_next_meg_its_letters(area, meeting, child):
    from demo.generator.meg_letters import meg_letters_demo_generate

    counts = meg_letters_demo_generate(area=area, seed=7)
    assert not Child.objects.filter(responsible_authority=area, carers__isnull=True).exists()
    assert LetterTemplate.objects.filter(area=area).count() == counts["letter templates"] == 4
    assert Letter.objects.filter(meeting=meeting, child=child, audience="child").exists()
    assert counts["letters"] == Letter.objects.count()
    feedback = Feedback.objects.get(child=child)  # the only child on the agenda
    today = timezone.localdate()
    assert today - dt.timedelta(days=21) <= feedback.received_on <= today
    again = meg_letters_demo_generate(area=area, seed=7)
    assert (again["parents and carers"], again["letters"]) == (0, 0)
