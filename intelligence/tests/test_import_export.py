"""The bulk commands: import_intelligence (bad lines reported by number and reason, the rest imported,
twice changes nothing), resolve_entities and export_entities."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from accounts.models import AgencyKind
from intelligence.importing import ImportLine, import_line_parse
from intelligence.models import Entity, EntityKind, Mention, Submission, SubmissionSource
from tests.factories import AgencyFactory, ChildFactory

GOOD = {
    "reference": "IMP-0001",
    "received_at": "2026-03-01T21:30:00",
    "source": "professional",
    "agency": "Northfield Academy",
    "narrative": "A man known as Deano waits outside the school gates in a silver car.",
    "persons": [
        {
            "name": "Dean Example",
            "nickname": "Deano",
            "age_estimate": 30,
            "gender": "male",
            "description": "Tall, shaved head",
            "phones": ["07700 900123"],
            "online_accounts": [{"platform": "snap", "handle": "@deano_99"}, "instagram:Deano.99"],
        }
    ],
    "vehicles": [{"registration": "ab12 cde", "make": "Ford", "model": "Focus", "colour": "Silver"}],
    "locations": [{"name": "Northfield Academy", "address": "1 School Lane", "postcode": "dl1 5qz", "kind": "other"}],
    "children": ["NFD-000123"],
}
COMMUNITY = {
    "reference": "IMP-0002",
    "received_at": "2026-03-02T08:00:00+00:00",
    "source": "community",
    "narrative": "The same silver car, AB1? C*, outside the takeaway.",
    "vehicles": [{"registration": "AB1? C*"}, {"registration": "AB12CDE", "colour": "silver"}],
}


def line(**changes):
    return json.dumps(GOOD | changes)


@pytest.fixture
def known(db):
    agency = AgencyFactory.create(name="Northfield Academy", kind=AgencyKind.EDUCATION)
    child = ChildFactory.create(reference="NFD-000123")
    return agency, child


def run(command, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), str(error)
    return out.getvalue(), err.getvalue(), ""


def write(tmp_path, *lines):
    path = tmp_path / "intelligence.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_a_good_line_parses_to_a_submission_input():
    parsed = import_line_parse(line())
    assert isinstance(parsed, ImportLine)
    assert parsed.agency == "Northfield Academy"
    assert parsed.children == ["NFD-000123"]
    person = parsed.data.persons[0]
    accounts = [(account.platform, account.handle) for account in person.online_accounts]
    assert accounts == [("snap", "@deano_99"), ("instagram", "Deano.99")]
    assert parsed.data.received_at is not None
    assert parsed.data.received_at.utcoffset() is not None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{not json", "The line is not valid JSON"),
        ("[1, 2]", "The line must be one JSON object"),
        (line(reference=""), "reference is missing"),
        (line(received_at="1 March"), "received_at must be a date and time like 2026-03-01T21:30:00"),
        (line(received_at="2999-01-01T00:00:00"), "received_at must be in the past"),
        (line(source="rumour"), "source must be professional or community"),
        (line(agency=""), "agency is missing"),
        (line(narrative=""), "narrative is missing"),
        (line(vehicle=[]), "The line has unknown field vehicle"),
        (line(vehicles=[{"registration": "AB12CDE", "marks": "dent"}]), "vehicle 1 has unknown field marks"),
        (line(persons=[{"age_estimate": "thirty"}]), "person 1 age_estimate must be a whole number"),
        (line(persons=[{"online_accounts": ["deano"]}]), "person 1 online account 1 must be 'platform:handle'"),
        (line(locations=[{"kind": "car park"}]), "place 1 kind must be one of"),
        (line(children="NFD-000123"), "children must be a list of text"),
    ],
)
def test_a_bad_line_names_its_problem(text, problem):
    parsed = import_line_parse(text)
    assert isinstance(parsed, list)
    assert any(found.startswith(problem) for found in parsed), parsed


def test_import_reports_each_bad_line_by_number_and_imports_the_rest(tmp_path, known):
    path = write(
        tmp_path,
        line(),
        line(reference="IMP-BAD1", source="gossip"),
        "",
        json.dumps(COMMUNITY),
        line(reference="IMP-BAD2", agency="Nowhere Council"),
        line(reference="IMP-BAD3", children=["NFD-999999"]),
    )
    out, err, failure = run("import_intelligence", path)
    assert "Line 2: source must be professional or community" in err
    assert "Line 5: agency: no agency called 'Nowhere Council'" in err
    assert "Line 6: children: no child with reference NFD-999999" in err
    assert "Imported 2, already imported 0, refused 3." in out
    assert "lines 2, 5, 6" in failure
    assert set(Submission.objects.values_list("reference", flat=True)) == {"IMP-0001", "IMP-0002"}
    agency, child = known
    first = Submission.objects.get(reference="IMP-0001")
    assert (first.source, first.agency, list(first.children.values_list("child", flat=True))) == (
        SubmissionSource.PROFESSIONAL,
        agency,
        [child.pk],
    )
    assert first.mentions.filter(kind=EntityKind.ONLINE_ACCOUNT).count() == 2
    car = Entity.objects.get(kind=EntityKind.VEHICLE, key="AB12CDE")
    assert car.mentions.count() == 2


def test_importing_the_same_file_twice_changes_nothing(tmp_path, known):
    path = write(tmp_path, line(), json.dumps(COMMUNITY))
    assert run("import_intelligence", path)[2] == ""
    before = (
        list(Submission.objects.values_list("id", "reference", "narrative")),
        list(Mention.objects.values_list("id", "key", "entity_id")),
        list(Entity.objects.values_list("id", "key", "label", "attributes")),
    )
    out, _, failure = run("import_intelligence", path)
    assert failure == ""
    assert "Imported 0, already imported 2, refused 0." in out
    after = (
        list(Submission.objects.values_list("id", "reference", "narrative")),
        list(Mention.objects.values_list("id", "key", "entity_id")),
        list(Entity.objects.values_list("id", "key", "label", "attributes")),
    )
    assert after == before


def test_an_unreadable_file_is_refused(tmp_path, db):
    assert "Cannot read" in run("import_intelligence", str(tmp_path / "missing.jsonl"))[2]


def test_resolve_entities_runs_the_batch_with_progress(tmp_path, known):
    run("import_intelligence", write(tmp_path, line(), json.dumps(COMMUNITY)))
    Mention.objects.filter(kind=EntityKind.PHONE).update(entity=None)
    out, err, failure = run("resolve_entities")
    assert failure == ""
    assert "Linking mentions" in err
    assert "1 links changed" in out
    assert Entity.objects.get(mentions__kind=EntityKind.PHONE).key == "+447700900123"
    out, _, _ = run("resolve_entities", "--quiet")
    assert "0 keys changed, 0 links changed; entities 0 created, 0 updated, 0 removed" in out


def test_export_lists_each_entity_with_the_references_that_mention_it(tmp_path, known):
    run("import_intelligence", write(tmp_path, line(), json.dumps(COMMUNITY)))
    out, _, failure = run("export_entities", "--format", "json")
    assert failure == ""
    exported = {(entity["kind"], entity["key"]): entity for entity in json.loads(out)}
    car = exported[("vehicle", "AB12CDE")]
    assert car["label"] == "AB12 CDE"
    assert car["references"] == ["IMP-0001", "IMP-0002"]
    assert exported[("phone", "+447700900123")]["references"] == ["IMP-0001"]
    assert exported[("online_account", "snapchat:deano_99")]["references"] == ["IMP-0001"]
    assert exported[("location", "DL1 5QZ|1")]["references"] == ["IMP-0001"]
    assert len(exported) == Entity.objects.count()

    out, _, _ = run("export_entities", "--format", "csv")
    rows = {(row["kind"], row["key"]): row for row in csv.DictReader(io.StringIO(out))}
    assert rows[("vehicle", "AB12CDE")]["references"] == "IMP-0001 IMP-0002"


def test_export_of_nothing_is_an_empty_list(db):
    assert json.loads(run("export_entities")[0]) == []
