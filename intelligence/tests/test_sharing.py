"""The information sharing form (issue 5, item 1; rule 10): any member of staff tells the police what they
know, on one page, and it reaches the police queue at once."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Role, TeamKind
from audit.models import AccessAction, AccessEvent
from intelligence.models import EntityKind, Knowledge, Mention, Submission, SubmissionSource
from tests.factories import ChildFactory, TeamFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker():
    return staff_user(team=TeamFactory.create(kind=TeamKind.SOCIAL_CARE), role=Role.SOCIAL_WORKER)


@pytest.fixture
def children(worker):
    team = worker.teams.get()
    return [
        ChildFactory.create(holding_team=team, first_name="Kayleigh", last_name="Testcase", reference="TST-900001"),
        ChildFactory.create(holding_team=team, first_name="Jodie", last_name="Testcase", reference="TST-900002"),
    ]


@pytest.fixture
def stranger():
    """A child held by another agency: the worker may not see them."""
    return ChildFactory.create(first_name="Quillon", last_name="Vexmoor", reference="OTH-000777")


def full_form(kids, /, **overrides) -> dict[str, str | list[str]]:
    data: dict[str, str | list[str]] = {
        "form_key": "0123456789abcdef0123456789abcdef",
        "narrative": "Two girls from Year 10 get into a silver Ford outside the takeaway most Friday nights.",
        "occurred_day": "6",
        "occurred_month": "3",
        "occurred_year": "2026",
        "occurred_time": "21:30",
        "occurred_text": "Most Friday nights since Christmas",
        "place1_name": "Golden Fry takeaway",
        "place1_address": "12 Example Street, Northfield",
        "place1_postcode": "nf1 2ab",
        "place1_kind": "takeaway",
        "place2_name": "Station Park",
        "place2_kind": "park",
        "person1_name": "Dean Example",
        "person1_nickname": "Deano",
        "person1_age": "30",
        "person1_gender": "male",
        "person1_description": "Tall, shaved head, grey tracksuit",
        "person1_phones": "07700 900123, 07700 900124",
        "person1_account1_platform": "Snapchat",
        "person1_account1_handle": "@deano_99",
        "person2_nickname": "Big Sam",
        "vehicle1_registration": "ab12 cde",
        "vehicle1_make": "Ford",
        "vehicle1_model": "Focus",
        "vehicle1_colour": "Silver",
        "vehicle1_marks": "Dent in the rear bumper",
        "vehicle2_registration": "AB1? C*",
        "phones": "07700 900555",
        "children": [str(kids[0].pk)],
        "child_references": kids[1].reference.lower(),
        "children_text": "A girl called Mia, about 14, goes to Northfield Academy",
        "knowledge": Knowledge.TOLD_BY_CHILD,
        "knowledge_detail": "Kayleigh told me at school on Monday",
    }
    data.update(overrides)
    return data


def test_the_page_says_what_to_share_and_to_call_999(signed_in, worker, children):
    body = signed_in(worker).get("/intelligence/share/").content.decode()
    assert "Share information with the police" in body
    assert "call 999" in body
    assert "however small" in body
    assert "as a matter of urgency" in body
    assert "? for one character you do not know and * for several" in body
    assert "Kayleigh Testcase (TST-900001)" in body


def test_listing_the_children_to_choose_is_logged(signed_in, worker, children, stranger):
    body = signed_in(worker).get("/intelligence/share/").content.decode()
    assert "Vexmoor" not in body
    event = AccessEvent.objects.get(user=worker, object_type="child")
    assert event.action == AccessAction.LIST
    assert sorted(event.object_ids) == sorted(str(child.pk) for child in children)


def test_the_form_stores_a_submission_with_every_kind_of_mention_and_the_children(signed_in, worker, children):
    web = signed_in(worker)
    response = web.post("/intelligence/share/", full_form(children, urgent="on"))
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/intelligence/share/sent/{submission.pk}/"
    assert submission.source == SubmissionSource.PROFESSIONAL
    assert submission.submitted_by == worker
    assert submission.agency == worker.teams.get().agency
    assert submission.area == worker.teams.get().agency.area
    assert submission.urgent
    assert submission.knowledge == Knowledge.TOLD_BY_CHILD
    assert submission.knowledge_detail == "Kayleigh told me at school on Monday"
    when = timezone.localtime(submission.occurred_from)
    assert (when.date(), when.time()) == (dt.date(2026, 3, 6), dt.time(21, 30))
    assert submission.occurred_to is None
    assert submission.occurred_text == "Most Friday nights since Christmas"
    assert submission.children_text.startswith("A girl called Mia")
    assert {link.child for link in submission.children.all()} == set(children)

    kinds = list(Mention.objects.filter(submission=submission).values_list("kind", flat=True))
    assert kinds.count(EntityKind.PERSON) == 2
    assert kinds.count(EntityKind.VEHICLE) == 2
    assert kinds.count(EntityKind.LOCATION) == 2
    assert kinds.count(EntityKind.PHONE) == 3
    assert kinds.count(EntityKind.ONLINE_ACCOUNT) == 1
    dean = submission.mentions.get(kind=EntityKind.PERSON, attributes__name="Dean Example")
    assert dean.attributes == {
        "name": "Dean Example",
        "nickname": "Deano",
        "age_estimate": 30,
        "gender": "male",
        "description": "Tall, shaved head, grey tracksuit",
    }
    partial = submission.mentions.get(kind=EntityKind.VEHICLE, partial=True)
    assert partial.attributes["registration"] == "AB1? C*"
    full = submission.mentions.get(kind=EntityKind.VEHICLE, partial=False)
    assert full.attributes == {
        "registration": "AB12 CDE",
        "make": "Ford",
        "model": "Focus",
        "colour": "Silver",
        "marks": "Dent in the rear bumper",
    }
    takeaway = submission.mentions.get(kind=EntityKind.LOCATION, attributes__kind="takeaway")
    assert takeaway.attributes["postcode"] == "NF1 2AB"
    account = submission.mentions.get(kind=EntityKind.ONLINE_ACCOUNT)
    assert account.attributes["person"] == 0

    sent = web.get(response["Location"]).content.decode()
    assert submission.reference in sent
    assert "Your information has reached the police intelligence team" in sent
    assert "What happens next" in sent


def test_a_day_without_a_time_covers_the_whole_day(signed_in, worker, children):
    signed_in(worker).post("/intelligence/share/", full_form(children, occurred_time=""))
    submission = Submission.objects.get()
    start, end = timezone.localtime(submission.occurred_from), timezone.localtime(submission.occurred_to)
    assert (start.date(), start.time()) == (dt.date(2026, 3, 6), dt.time(0))
    assert (end.date(), end.time()) == (dt.date(2026, 3, 6), dt.time(23, 59, 59))


def test_only_what_happened_and_how_they_know_are_needed(signed_in, worker):
    response = signed_in(worker).post(
        "/intelligence/share/",
        {"narrative": "A man offers children lifts from the park.", "knowledge": "seen_or_heard"},
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert not submission.urgent
    assert submission.mentions.count() == 0
    assert submission.occurred_from is None


def test_bad_input_is_named_and_nothing_is_saved(signed_in, worker, children, stranger):
    response = signed_in(worker).post(
        "/intelligence/share/",
        full_form(
            children,
            narrative=" ",
            knowledge="",
            occurred_day="",
            occurred_month="",
            occurred_year="",
            occurred_time="9pm",
            person1_age="thirty",
            person1_phones="call me",
            person1_account1_handle="",
            vehicle1_registration="AB12-CDE!",
            place3_kind="park",
            child_references=stranger.reference,
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Share information with the police" in body
    for message in [
        "Describe what you saw or heard",
        "Select how you know this",
        "Enter the time like 14:30, or leave it blank",
        "Enter suspected offender 1&#x27;s approximate age as a number, like 30",
        "Enter suspected offender 1&#x27;s phone numbers using digits",
        "Enter the account name of suspected offender 1&#x27;s account",
        "Enter vehicle 1&#x27;s registration using letters, numbers, ? and * only",
        "Enter the name, address or postcode of place 3",
        "No child you work with has the reference OTH-000777",
    ]:
        assert message in body, message
    assert "Vexmoor" not in body
    assert Submission.objects.count() == 0
    assert Mention.objects.count() == 0


def test_a_time_needs_a_date(signed_in, worker):
    response = signed_in(worker).post(
        "/intelligence/share/", {"narrative": "Seen at the bus stop.", "knowledge": "rumour", "occurred_time": "21:30"}
    )
    assert "Enter the date it happened as well as the time" in response.content.decode()
    assert Submission.objects.count() == 0


def test_a_child_the_user_may_not_see_cannot_be_chosen_by_id(signed_in, worker, children, stranger):
    response = signed_in(worker).post(
        "/intelligence/share/", full_form(children, children=[str(stranger.pk)], child_references="")
    )
    assert "Choose children from the list" in response.content.decode()
    assert Submission.objects.count() == 0


def test_sending_the_page_twice_stores_one_submission(signed_in, worker, children):
    web = signed_in(worker)
    first = web.post("/intelligence/share/", full_form(children))
    second = web.post("/intelligence/share/", full_form(children))
    assert first["Location"] == second["Location"]
    assert Submission.objects.count() == 1


def test_arriving_from_a_childs_record_chooses_the_child(signed_in, worker, children):
    body = signed_in(worker).get(f"/intelligence/share/?child={children[1].pk}").content.decode()
    assert f'value="{children[1].pk}" checked' in body


def test_someone_elses_confirmation_page_is_not_found(signed_in, worker, children):
    signed_in(worker).post("/intelligence/share/", full_form(children))
    submission = Submission.objects.get()
    colleague = staff_user(team=worker.teams.get(), role=Role.SOCIAL_WORKER)
    assert signed_in(colleague).get(f"/intelligence/share/sent/{submission.pk}/").status_code == 404


def test_a_user_with_many_children_types_their_references(signed_in, worker, children, settings):
    team = worker.teams.get()
    ChildFactory.create_batch(50, holding_team=team)
    web = signed_in(worker)
    body = web.get("/intelligence/share/").content.decode()
    assert "Kayleigh Testcase" not in body  # too many to tick: nothing listed, and nothing logged
    assert not AccessEvent.objects.filter(user=worker).exists()
    web.post("/intelligence/share/", full_form(children, children=[], child_references="TST-900001 TST-900002"))
    assert {link.child for link in Submission.objects.get().children.all()} == set(children)
