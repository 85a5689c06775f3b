"""The import stores its lines in batches (decision 0022): what it stores is what storing each line
through `submission_record` stores; a batch that fails keeps nothing of itself and its lines are then
stored one by one; a reference repeated in the file or imported before is skipped; partial plates
imported in bulk are found by plate search."""

import datetime as dt
import json
import random
from typing import Any

import pytest
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from accounts.models import AgencyKind, Role, TeamKind
from core.bulk import rows_insert, rows_update
from core.request_context import AccessContext
from demo.generator.county import _import_line
from intelligence import importing
from intelligence.importing import submissions_import
from intelligence.inputs import SubmissionInput, VehicleInput
from intelligence.models import Entity, EntityKind, Mention, Submission, SubmissionChild
from intelligence.selectors.search import SearchQuery, intelligence_search
from intelligence.services.submissions import Imported, submission_record, submissions_record_many
from intelligence.synthetic import submission_input, synthetic_set
from tests.factories import AgencyFactory, ChildFactory, TeamFactory, staff_user

AGENCIES = ["Northfield Academy", "Northfield Health Centre"]
CHILDREN = ["NFD-000123", "NFD-000124"]


@pytest.fixture
def known(db):
    for name in AGENCIES:
        AgencyFactory.create(name=name, kind=AgencyKind.EDUCATION)
    for reference in CHILDREN:
        ChildFactory.create(reference=reference)


def county_lines(count: int, *, seed: int = 3) -> list[str]:
    """Lines as the county's build makes them: people, phones, accounts, full and partial plates,
    places, agencies and children."""
    rng = random.Random(seed)  # noqa: S311 - reproducible, not secret.
    now = timezone.now()
    dataset = synthetic_set(people=max(count // 3, 5), reports=count, seed=seed)
    lines = []
    for report in dataset.reports:
        line: dict[str, Any] = _import_line(submission_input(report, prefix="BATCH"), rng, now, AGENCIES, CHILDREN)
        line["vehicles"] = [_seen(vehicle, rng) for vehicle in line["vehicles"]]
        lines.append(json.dumps(line))
    return lines


def _seen(vehicle: dict[str, str], rng: random.Random) -> dict[str, str]:
    """A vehicle as a witness gives it: a colour written either way, a plate sometimes half read."""
    registration = vehicle["registration"].replace(" ", "")
    roll = rng.random()
    if roll < 0.2 and len(registration) > 4:
        registration = registration[:2] + "?" + registration[3:]
    elif roll < 0.3:
        registration = "*" + registration[-3:]
    return vehicle | {"registration": registration, "colour": rng.choice(["Silver", "silver", "Black"])}


def stored() -> dict[str, Any]:
    """Everything the import stores, by reference and key rather than by id."""
    entity_of = {pk: (kind, key) for pk, kind, key in Entity.objects.values_list("id", "kind", "key")}
    return {
        "submissions": sorted(
            Submission.objects.values_list("reference", "source", "received_at", "narrative", "area", "agency")
        ),
        "children": sorted(SubmissionChild.objects.values_list("submission__reference", "child__reference")),
        "mentions": sorted(
            (
                reference,
                kind,
                position,
                json.dumps(attributes, sort_keys=True),
                key,
                text,
                partial,
                run,
                start,
                end,
                entity_of.get(linked),
            )
            for reference, kind, position, attributes, key, text, partial, run, start, end, linked in (
                Mention.objects.values_list(
                    "submission__reference",
                    "kind",
                    "position",
                    "attributes",
                    "key",
                    "search_text",
                    "partial",
                    "anchor_run",
                    "anchor_start",
                    "anchor_end",
                    "entity",
                )
            )
        ),
        "entities": sorted(
            (kind, key, label, json.dumps(attributes, sort_keys=True))
            for kind, key, label, attributes in Entity.objects.values_list("kind", "key", "label", "attributes")
        ),
    }


def test_the_batches_store_what_each_line_on_its_own_stores(known, monkeypatch):
    lines = county_lines(150)
    # An entity known before the import, so that a batch also brings an existing one up to date.
    submission_record(
        data=SubmissionInput(source="community", narrative="Seen before.", reference="BEFORE", vehicles=[]),
        link_people=False,
    )
    first = json.loads(lines[0])
    if first["vehicles"]:
        submission_record(
            data=SubmissionInput(
                source="community",
                narrative="Seen before.",
                reference="BEFORE-CAR",
                received_at=timezone.now() - dt.timedelta(days=5000),
                vehicles=[VehicleInput(registration=first["vehicles"][0]["registration"], make="Vauxhall")],
            ),
            link_people=False,
        )

    with transaction.atomic():
        report = submissions_import(lines=lines, batch=40)
        in_batches = stored()
        transaction.set_rollback(True)

    def failing(**_: Any) -> None:
        raise IntegrityError("every batch fails: each line is stored through submission_record")

    monkeypatch.setattr(importing, "submissions_record_many", failing)
    with transaction.atomic():
        alone = submissions_import(lines=lines, batch=40)
        one_by_one = stored()
        transaction.set_rollback(True)

    assert (report.imported, report.already_imported, report.refused) == (150, 0, [])
    assert (alone.imported, alone.already_imported, alone.refused) == (150, 0, [])
    assert any(mention[6] for mention in in_batches["mentions"]), "some plates are partial"
    assert in_batches["children"], "some submissions concern children"
    for part in ("submissions", "children", "mentions", "entities"):
        assert in_batches[part] == one_by_one[part], part


def test_a_batch_that_fails_keeps_nothing_of_itself(known):
    submission_record(data=SubmissionInput(source="community", narrative="First.", reference="TAKEN"))
    before = stored()
    batch = [
        Imported(data=submission_input(report, prefix="FAIL"))
        for report in synthetic_set(people=5, reports=6, seed=1).reports
    ]
    batch.append(Imported(data=SubmissionInput(source="community", narrative="Again.", reference="TAKEN")))
    with pytest.raises(DatabaseError):
        submissions_record_many(submissions=batch)
    assert stored() == before


def test_a_failed_batch_stores_its_lines_one_by_one(known, monkeypatch):
    lines = county_lines(12)
    taken = json.loads(lines[7])["reference"]
    real = submissions_record_many

    def with_another_import(*, submissions: list[Imported]) -> list[Submission]:
        # Another import stores one of the batch's references after this one looked.
        if not Submission.objects.filter(reference=taken).exists():
            submission_record(data=SubmissionInput(source="community", narrative="The other.", reference=taken))
        return real(submissions=submissions)

    monkeypatch.setattr(importing, "submissions_record_many", with_another_import)
    report = submissions_import(lines=lines, batch=5)
    assert (report.imported, report.already_imported, report.refused) == (11, 1, [])
    assert Submission.objects.count() == 12
    assert Submission.objects.get(reference=taken).narrative == "The other."
    for line in lines:
        reference = json.loads(line)["reference"]
        if reference != taken:
            assert Submission.objects.get(reference=reference).mentions.exists()


def test_a_reference_repeated_in_the_file_or_imported_before_is_skipped(known):
    good = json.loads(county_lines(1)[0])
    lines = [
        json.dumps(good | {"reference": "REP-1", "agency": "Nowhere Council", "source": "professional"}),
        json.dumps(good | {"reference": "REP-1", "narrative": "The first one stored."}),
        json.dumps(good | {"reference": "REP-2"}),
        json.dumps(good | {"reference": "REP-1", "narrative": "Repeated in the same batch."}),
        json.dumps(good | {"reference": "REP-3"}),
        json.dumps(good | {"reference": "REP-1", "narrative": "Repeated in a later batch."}),
    ]
    report = submissions_import(lines=lines, batch=4)
    assert report.refused == [(1, ["agency: no agency called 'Nowhere Council'"])]
    assert (report.imported, report.already_imported) == (3, 2)
    assert Submission.objects.get(reference="REP-1").narrative == "The first one stored."
    again = submissions_import(lines=lines, batch=4)
    # As line by line: a stored reference is skipped before the rest of its line is looked at.
    assert (again.imported, again.already_imported, len(again.refused)) == (0, 6, 0)
    assert Submission.objects.count() == 3


def test_partial_plates_imported_in_bulk_are_found_by_plate_search(known):
    officer = staff_user(team=TeamFactory.create(kind=TeamKind.POLICE_INTELLIGENCE), role=Role.POLICE_INTELLIGENCE)
    base = {"received_at": "2026-03-01T21:30:00", "source": "community", "narrative": "A car outside the park."}
    plates = ["AB1? C*", "*2CDE", "KX7?VBN", "XY70VCZ"]
    lines = [
        json.dumps(base | {"reference": f"PLATE-{n}", "vehicles": [{"registration": p}]}) for n, p in enumerate(plates)
    ]
    assert submissions_import(lines=lines).imported == 4
    partial = Mention.objects.filter(kind=EntityKind.VEHICLE, partial=True)
    assert partial.count() == 3
    assert not partial.filter(anchor_run__isnull=True).exists()

    def found(text: str) -> set[str]:
        query = SearchQuery(text=text, kind=EntityKind.VEHICLE)
        result = intelligence_search(user=officer, query=query, context=AccessContext(channel="command"))
        return {row.mention.submission.reference for row in result.rows}

    assert found("AB12CDE") == {"PLATE-0", "PLATE-1"}
    assert found("KX72VBN") == {"PLATE-2"}
    assert found("XY70VCZ") == {"PLATE-3"}


def test_rows_written_in_bulk_are_as_saved_and_still_checked(db):
    cars = [
        Entity(kind=EntityKind.VEHICLE, key=f"AB{n}2CDE", label=f"AB{n}2 CDE", attributes={"colour": ["Silver"]})
        for n in range(3)
    ]
    rows_insert(cars, ids=True)
    assert [car.pk for car in cars] == sorted(car.pk for car in cars)
    assert Entity.objects.get(pk=cars[1].pk).attributes == {"colour": ["Silver"]}
    cars[2].label, cars[2].attributes = "Renamed", {"colour": ["Black"]}
    rows_update(cars[2:], ["label", "attributes"])
    assert Entity.objects.filter(pk=cars[2].pk).values_list("label", "attributes").get() == (
        "Renamed",
        {"colour": ["Black"]},
    )
    with pytest.raises(ValueError, match="submission_count"):
        rows_update(cars, ["submission_count"])
    submission, _ = submission_record(data=SubmissionInput(source="community", narrative="A car.", reference="ROWS"))
    anchored = Mention(submission=submission, kind=EntityKind.VEHICLE, key="AB1?CDE", partial=True)
    anchored.anchors_fill()
    rows_insert([anchored])
    assert Mention.objects.get(submission=submission, key="AB1?CDE").anchor_run == anchored.anchor_run
    # Without its anchors a partial plate is refused, written with COPY or not.
    with pytest.raises(IntegrityError), transaction.atomic():
        rows_insert([Mention(submission=submission, kind=EntityKind.VEHICLE, key="XY7?", partial=True)])
