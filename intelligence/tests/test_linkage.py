"""Person resolution through the database: the batch links what it should and keeps apart what it
should, the analysts' decisions survive every rerun, a new submission links without the batch, and
the review page is for police intelligence only."""

import json
import shutil
from typing import Any

import pytest
from django.urls import reverse

from intelligence.inputs import PersonInput, SubmissionInput
from intelligence.linkage import model_train
from intelligence.models import Entity, EntityKind, MatchCandidate, MatchDecision, MatchStatus, Mention
from intelligence.services.linkage import (
    match_decision_record,
    people_link_all,
    person_mentions_link,
)
from intelligence.services.submissions import submission_record
from intelligence.synthetic import linkage_records, synthetic_set


@pytest.fixture(scope="session")
def trained_model_file(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One model for the whole run, trained on the synthetic set (EM cannot learn from a handful)."""
    records, _ = linkage_records(synthetic_set(people=300, reports=1500, seed=5))
    path = tmp_path_factory.mktemp("linkage") / "trained.json"
    path.write_text(json.dumps(model_train(records)))
    return path


@pytest.fixture
def model(settings, tmp_path, trained_model_file) -> Any:
    settings.LINKAGE_MODEL_PATH = tmp_path / "linkage_model.json"
    shutil.copy(trained_model_file, settings.LINKAGE_MODEL_PATH)
    return settings.LINKAGE_MODEL_PATH


def report(*persons: PersonInput, reference: str = "") -> Mention:
    submission, _ = submission_record(
        data=SubmissionInput(
            source="professional",
            narrative="Seen outside the takeaway with two girls.",
            persons=list(persons),
            reference=reference,
        )
    )
    return submission.mentions.filter(kind=EntityKind.PERSON).order_by("position")[0]


def person(mention: Mention) -> int | None:
    return Mention.objects.get(pk=mention.pk).entity_id


@pytest.mark.django_db
def test_a_swapped_name_with_a_shared_phone_is_one_person(model):
    first = report(PersonInput(name="Dean Harker", age_estimate=30, gender="male", phones=["0113 496 0001"]))
    second = report(PersonInput(name="Harker Dean", age_estimate=32, phones=["01134960001"]))
    other = report(PersonInput(name="Kyle Rowe", nickname="Ghost", age_estimate=22, phones=["0113 496 0002"]))
    result = people_link_all()
    assert person(first) == person(second) != person(other)
    assert Entity.objects.get(mentions=first).kind == EntityKind.PERSON
    assert result.people == 2
    assert result.trained_on == "the saved model"
    pair = MatchCandidate.objects.get(left=first, right=second)
    assert pair.status == MatchStatus.LINKED


@pytest.mark.django_db
def test_a_common_name_with_different_phones_and_ages_is_two_people(model):
    young = report(PersonInput(name="John Smith", age_estimate=19, gender="male", phones=["0113 496 0003"]))
    old = report(PersonInput(name="John Smith", age_estimate=47, gender="male", phones=["0113 496 0004"]))
    people_link_all()
    assert person(young) != person(old)
    assert not MatchCandidate.objects.filter(status=MatchStatus.LINKED).exists()


@pytest.mark.django_db
def test_an_analysts_rejection_survives_a_rerun(model, partnership):
    first = report(PersonInput(name="Dean Harker", nickname="Deano", age_estimate=30, phones=["0113 496 0001"]))
    second = report(PersonInput(name="Dean Harker", nickname="Deano", age_estimate=31, phones=["0113 496 0001"]))
    people_link_all()
    assert person(first) == person(second)
    candidate = MatchCandidate.objects.get(left=first, right=second)
    match_decision_record(
        candidate=candidate, same_person=False, note="Brothers sharing a phone", by=partnership["intel"]
    )
    assert person(first) != person(second)  # split at once: only this pair joined them
    people_link_all()
    assert person(first) != person(second)
    assert MatchCandidate.objects.get(left=first, right=second).status == MatchStatus.REJECTED


@pytest.mark.django_db
def test_an_analysts_confirmation_survives_a_rerun(model, partnership):
    named = report(PersonInput(name="Dean Harker", age_estimate=30, gender="male"))
    street = report(PersonInput(nickname="D-Man", age_estimate=35))
    people_link_all()
    assert person(named) != person(street)
    candidate = MatchCandidate.objects.create(left=named, right=street, probability=0.4, status=MatchStatus.REVIEW)
    match_decision_record(candidate=candidate, same_person=True, note="Known to use D-Man", by=partnership["intel"])
    assert person(named) == person(street)
    people_link_all()
    assert person(named) == person(street)
    assert Entity.objects.get(mentions=named).label == "Dean Harker"


@pytest.mark.django_db
def test_the_latest_decision_on_a_pair_wins(model, partnership):
    first = report(PersonInput(name="Dean Harker", phones=["0113 496 0001"]))
    second = report(PersonInput(name="Dean Harker", phones=["0113 496 0001"]))
    people_link_all()
    candidate = MatchCandidate.objects.get(left=first, right=second)
    match_decision_record(candidate=candidate, same_person=False, note="", by=partnership["intel"])
    match_decision_record(candidate=candidate, same_person=True, note="Checked: one man", by=partnership["intel"])
    people_link_all()
    assert person(first) == person(second)
    assert MatchDecision.objects.count() == 2


@pytest.mark.django_db
def test_a_new_submission_joins_the_right_person_without_rerunning_the_batch(model):
    dean = report(PersonInput(name="Dean Harker", nickname="Deano", age_estimate=30, phones=["0113 496 0001"]))
    report(PersonInput(name="Dean Harker", age_estimate=31, phones=["0113 496 0001"]))
    kyle = report(PersonInput(name="Kyle Rowe", nickname="Ghost", age_estimate=22, phones=["0113 496 0002"]))
    amir = report(PersonInput(name="Amir Shah", age_estimate=40, phones=["0113 496 0005"]))
    people_link_all()
    before = dict(Mention.objects.filter(kind=EntityKind.PERSON).values_list("id", "entity_id"))
    new = report(PersonInput(name="Harker Dean", nickname="deano", age_estimate=29, phones=["+44 113 496 0001"]))
    linked = person_mentions_link(submission=new.submission)
    assert [mention.entity_id for mention in linked] == [person(dean)]
    after = dict(Mention.objects.filter(kind=EntityKind.PERSON).values_list("id", "entity_id"))
    assert {mention: after[mention] for mention in before} == before  # no one else was regrouped
    assert person(kyle) == before[kyle.pk]
    assert person(amir) == before[amir.pk]
    assert MatchCandidate.objects.filter(left=dean, right=new, status=MatchStatus.LINKED).exists()


@pytest.mark.django_db
def test_with_no_model_a_new_submission_links_by_a_shared_phone_only(settings, tmp_path):
    settings.LINKAGE_MODEL_PATH = tmp_path / "none.json"
    first = report(PersonInput(name="Dean Harker", phones=["0113 496 0001"]))
    person_mentions_link(submission=first.submission)
    namesake = report(PersonInput(name="Dean Harker"))
    person_mentions_link(submission=namesake.submission)
    phone = report(PersonInput(nickname="Deano", phones=["01134960001"]))
    person_mentions_link(submission=phone.submission)
    assert person(phone) == person(first) != person(namesake)
    assert person(namesake) is not None


@pytest.mark.django_db
def test_the_review_pages_are_not_found_for_anyone_but_police_intelligence(model, partnership, signed_in):
    first = report(PersonInput(name="Dean Harker"))
    second = report(PersonInput(name="Dean Harkr"))
    candidate = MatchCandidate.objects.create(left=first, right=second, probability=0.7, status=MatchStatus.REVIEW)
    for username in ("socialworker.nfd", "analyst", "megchair", "teacher.nfd"):
        client = signed_in(partnership[username])
        assert client.get(reverse("intelligence:review_list")).status_code == 404
        pair_url = reverse("intelligence:review_pair", args=[candidate.pk])
        assert client.get(pair_url).status_code == 404
        assert client.post(pair_url, {"decision": "same"}).status_code == 404
    assert not MatchDecision.objects.exists()


@pytest.mark.django_db
def test_the_analyst_sees_the_grey_zone_and_records_a_decision(model, partnership, signed_in):
    named = PersonInput(name="Dean Harker", nickname="Deano", age_estimate=30, gender="male", phones=["0113 496 0001"])
    first = report(named, reference="REF-A")
    second = report(PersonInput(nickname="Deano", age_estimate=28, gender="male"), reference="REF-B")
    people_link_all()
    candidate = MatchCandidate.objects.get(left=first, right=second)
    assert candidate.status == MatchStatus.REVIEW
    assert 0.6 <= candidate.probability < 0.9
    assert person(first) != person(second)
    client = signed_in(partnership["intel"])
    listing = client.get(reverse("intelligence:review_list")).content.decode()
    assert "Dean Harker" in listing
    assert "REF-B" in listing
    assert f"{round(candidate.probability * 100)}%" in listing
    url = reverse("intelligence:review_pair", args=[candidate.pk])
    page = client.get(url).content.decode()
    assert "Are these the same person?" in page
    assert "REF-A" in page
    assert "REF-B" in page
    assert "0113 496 0001" in page
    assert "About 28" in page
    assert "What the comparison found" in page
    assert "Street name" in page
    assert "Strongly the same person" in page

    refused = client.post(url, {"note": "x"})
    assert "Error: Are these the same person?" in refused.content.decode()
    assert "Select whether these are the same person" in refused.content.decode()
    assert not MatchDecision.objects.exists()

    response = client.post(url, {"decision": "same", "note": "Same phone on the police system"})
    assert response.status_code == 302
    decision = MatchDecision.objects.get()
    assert (decision.same_person, decision.note) == (True, "Same phone on the police system")
    assert decision.decided_by == partnership["intel"]
    assert MatchCandidate.objects.get(pk=candidate.pk).status == MatchStatus.CONFIRMED
    assert person(first) == person(second)
    after = client.get(reverse("intelligence:review_list")).content.decode()
    assert "are the same person" in after
    assert "Nothing is waiting for review" in after


@pytest.mark.django_db
def test_rejecting_on_the_page_keeps_the_two_apart(model, partnership, signed_in):
    first = report(PersonInput(name="Dean Harker", nickname="Deano", age_estimate=30, gender="male"))
    second = report(PersonInput(nickname="Deano", age_estimate=28, gender="male"))
    people_link_all()
    candidate = MatchCandidate.objects.get(left=first, right=second, status=MatchStatus.REVIEW)
    client = signed_in(partnership["intel"])
    client.post(reverse("intelligence:review_pair", args=[candidate.pk]), {"decision": "different"})
    assert MatchDecision.objects.get().same_person is False
    assert MatchCandidate.objects.get(pk=candidate.pk).status == MatchStatus.REJECTED
    people_link_all()
    assert person(first) != person(second)
    assert "Nothing is waiting for review" in client.get(reverse("intelligence:review_list")).content.decode()
