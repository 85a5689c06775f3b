"""Every route records a submission the same way: its mentions, its children, exact-key resolution,
and one submission per idempotency key."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult

from core.crypto import decrypt_text
from intelligence.inputs import OnlineAccountInput, PersonInput, SubmissionInput, VehicleInput
from intelligence.models import Entity, EntityKind, Mention, Submission
from intelligence.services.submissions import submission_record
from tests.background import run_queued_tasks


def report(**overrides) -> SubmissionInput:
    values: dict[str, Any] = {
        "source": "community",
        "narrative": "A silver car collects two girls from the bus station most Friday nights.",
        "persons": [
            PersonInput(
                name="Dean Example",
                nickname="Deano",
                age_estimate=30,
                phones=["07700 900123"],
                online_accounts=[OnlineAccountInput(platform="Snapchat", handle="@Deano_99")],
            )
        ],
        "vehicles": [VehicleInput(registration="ab12 cde", make="Ford", colour="Silver")],
    }
    values.update(overrides)
    return SubmissionInput(**values)


@pytest.mark.django_db
def test_a_submission_stores_each_mention_and_resolves_exact_keys():
    submission, created = submission_record(data=report())
    assert created
    kinds = sorted(submission.mentions.values_list("kind", flat=True))
    assert kinds == ["online_account", "person", "phone", "vehicle"]
    vehicle = submission.mentions.get(kind=EntityKind.VEHICLE)
    assert vehicle.key == "AB12CDE"
    assert vehicle.entity is not None
    assert vehicle.entity.label == "AB12 CDE"
    assert submission.mentions.get(kind=EntityKind.PERSON).entity is None  # people resolve by linkage

    second, _ = submission_record(data=report(narrative="The same car outside the takeaway."))
    assert second.mentions.get(kind=EntityKind.VEHICLE).entity == vehicle.entity
    assert Entity.objects.filter(kind=EntityKind.VEHICLE).count() == 1


@pytest.mark.django_db
def test_a_partial_registration_is_kept_but_resolves_to_no_vehicle():
    submission, _ = submission_record(data=report(vehicles=[VehicleInput(registration="AB1? C*")]))
    vehicle = submission.mentions.get(kind=EntityKind.VEHICLE)
    assert vehicle.partial
    assert vehicle.entity is None


@pytest.mark.django_db
def test_a_repeated_idempotency_key_creates_one_submission():
    first, created = submission_record(data=report(idempotency_key="k-123"))
    again, created_again = submission_record(data=report(idempotency_key="k-123"))
    assert (created, created_again) == (True, False)
    assert again == first
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_the_reporters_identity_is_stored_encrypted():
    submission, _ = submission_record(data=report(reporter_identity="Pat Example, 07700 900999"))
    stored = bytes(Submission.objects.get(pk=submission.pk).reporter_identity)
    assert b"Pat Example" not in stored
    assert decrypt_text(stored) == "Pat Example, 07700 900999"


@pytest.mark.django_db
def test_a_bad_submission_names_its_problems_and_saves_nothing():
    with pytest.raises(ValidationError) as refused:
        submission_record(data=report(narrative=" ", knowledge="guesswork"))
    assert set(refused.value.message_dict) == {"narrative", "knowledge"}
    assert Submission.objects.count() == 0
    assert Mention.objects.count() == 0


@pytest.mark.django_db
def test_someone_known_only_by_a_phone_is_kept_as_a_person():
    submission, _ = submission_record(data=report(persons=[PersonInput(phones=["07700 900456"])]))
    person = submission.mentions.get(kind=EntityKind.PERSON)
    assert person.attributes == {"unnamed": True}
    assert submission.mentions.get(kind=EntityKind.PHONE).attributes["person"] == 0


def linking_waiting() -> int:
    """How many linking tasks wait (the network overview's run waits beside them)."""
    return DBTaskResult.objects.ready().filter(task_path__endswith="submission_people_link_task").count()


@pytest.mark.django_db
def test_people_are_linked_by_the_worker_after_each_submission_is_stored():
    first, _ = submission_record(data=report())
    assert first.mentions.get(kind=EntityKind.PERSON).entity is None  # not in the request
    assert linking_waiting() == 1
    run_queued_tasks()
    second, _ = submission_record(data=report(persons=[PersonInput(nickname="D", phones=["+44 7700 900123"])]))
    assert linking_waiting() == 1
    run_queued_tasks()
    people = [submission.mentions.get(kind=EntityKind.PERSON) for submission in (first, second)]
    assert people[0].entity is not None
    assert people[0].entity == people[1].entity  # the same phone: one person
