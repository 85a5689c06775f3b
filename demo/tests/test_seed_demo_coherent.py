"""The demo reads as a partnership's records would (issue 11): real-looking names, a child's own
pronouns, the person who raised a concern saying it in their own words, one carer reporting a child
missing, and minutes that differ from child to child."""

import re
from collections import defaultdict

import pytest

from children.models import Child, Gender, MissingEpisode
from demo.tests.test_seed_demo import seed
from frontdoor.models import Contact
from meetings.models import MinuteItem

# Pronouns that must not appear about a child of the other gender (the adults in a text are "men").
WRONG = {Gender.FEMALE: re.compile(r"\b(he|him|his)\b", re.I), Gender.MALE: re.compile(r"\b(she|her|hers)\b", re.I)}


@pytest.fixture
def demo(settings, assessment_tool):
    settings.DEBUG = True
    seed(without_front_door=False)


@pytest.mark.django_db
def test_no_child_has_a_placeholder_name(demo):
    names = list(Child.objects.values_list("first_name", "last_name"))
    assert names
    for first, last in names:
        assert not re.search(r"\d|newcontact|unknown|friend", f"{first} {last}", re.I), (first, last)


@pytest.mark.django_db
def test_a_concern_names_its_child_with_the_childs_pronouns_and_its_reporter_says_it(demo):
    contacts = list(Contact.objects.select_related("child"))
    assert len(contacts) >= 12
    for contact in contacts:
        wrong = WRONG.get(Gender(contact.child.gender))
        if wrong is not None:
            assert not wrong.search(contact.concern), (contact.child.gender, contact.concern)
        # Whoever raised it speaks in their own voice, not as another professional.
        assert not re.match(r"^[A-Z][a-z ]+: ", contact.concern), contact.concern
        assert contact.child.first_name in contact.concern or "taxi" in contact.reporter_name.lower()


@pytest.mark.django_db
def test_each_child_is_reported_missing_by_one_carer(demo):
    reporters = defaultdict(set)
    for child_id, reported_by in MissingEpisode.objects.values_list("child_id", "reported_by"):
        reporters[child_id].add(reported_by)
    assert any(len(episodes) for episodes in reporters.values())
    assert all(len(who) == 1 for who in reporters.values()), [who for who in reporters.values() if len(who) > 1]


@pytest.mark.django_db
def test_minutes_differ_from_child_to_child_and_use_their_pronouns(demo):
    items = list(MinuteItem.objects.filter(agenda_item__child__isnull=False).select_related("agenda_item__child"))
    assert len(items) >= 2
    discussions = [item.discussion for item in items]
    assert len(set(discussions)) == len(discussions)
    for item in items:
        child = item.agenda_item.child
        assert child is not None
        wrong = WRONG.get(Gender(child.gender))
        if wrong is not None:
            assert not wrong.search(item.discussion + item.decisions), (child.gender, item.discussion)
