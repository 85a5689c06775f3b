"""The demo's MEG: last month's meeting held with approved minutes, the next one's letters to children
and parents, and what families said since the last meeting shown at the next (issue 4, done when)."""

import html

import pytest
from django.utils import timezone

from accounts.models import Area, User
from demo.tests.test_seed_demo import seed
from intelligence.models import Entity, EntityKind, Submission
from meetings.models import ContextualItem, ContextualKind, Feedback, Letter, LetterAudience, MeetingStatus
from meetings.selectors.agenda import meeting_previous, meg_next


@pytest.mark.any_moment
@pytest.mark.django_db
@pytest.mark.usefixtures("assessment_tool")
def test_the_demo_meg_has_letters_for_a_child_and_a_parent_and_feedback_at_the_next_meeting(settings, signed_in):
    settings.DEBUG = True
    output = seed(without_front_door=False)
    assert "letters" in output
    area = Area.objects.get(code__iexact="nfd")
    meeting = meg_next(area=area, after=timezone.now())
    assert meeting is not None
    previous = meeting_previous(meeting=meeting)
    assert previous is not None
    assert previous.status == MeetingStatus.MINUTES_APPROVED
    client = signed_in(User.objects.get(username="megsupport.nfd"))

    for audience in (LetterAudience.CHILD, LetterAudience.PARENT):
        letter = Letter.objects.filter(meeting=meeting, audience=audience).select_related("child").first()
        assert letter is not None, audience
        page = html.unescape(client.get(f"/meetings/{meeting.pk}/letters/{letter.pk}/").content.decode())
        assert letter.recipient_name in page
        assert letter.child.first_name in page
        assert "$" not in letter.body  # every placeholder was filled in

    feedback = Feedback.objects.filter(child__responsible_authority=area).order_by("received_on").last()
    assert feedback is not None
    assert feedback.received_on >= timezone.localtime(previous.starts_at).date()
    voice = html.unescape(client.get(f"/meetings/{meeting.pk}/voice/").content.decode())
    assert feedback.text in voice


@pytest.mark.django_db
@pytest.mark.usefixtures("assessment_tool")
def test_the_demo_has_intelligence_graded_linked_and_in_a_network(settings, signed_in):
    settings.DEBUG = True
    seed(without_front_door=False)
    assert Submission.objects.filter(source="community").exists()
    assert Submission.objects.filter(source="professional", agency__isnull=False).exists()
    assert Submission.objects.filter(status="graded").exists()
    people = Entity.objects.filter(kind=EntityKind.PERSON)
    assert people.exists()
    assert any(person.mentions.count() > 1 for person in people)  # linkage joined reports of one person
    page = signed_in(User.objects.get(username="intel")).get("/intelligence/network/")
    assert page.status_code == 200
    # The officer linked the MEG's vehicle item to the car its title describes, and its page pictures it.
    vehicle_item = ContextualItem.objects.filter(kind=ContextualKind.VEHICLE, area__code="NFD").get()
    [link] = vehicle_item.entity_links.select_related("entity")
    assert link.entity.key.startswith(vehicle_item.title.split()[-1])
    item_page = signed_in(User.objects.get(username="megsupport.nfd")).get(f"/meetings/contextual/{vehicle_item.pk}/")
    assert link.entity.label in item_page.content.decode()
