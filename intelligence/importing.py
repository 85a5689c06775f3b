"""Bulk import of submissions from JSON Lines (`manage.py import_intelligence FILE.jsonl`): one submission
per line, with exactly these fields:

    reference      required, up to 40 characters; the import's idempotency key: a line whose reference
                   is already stored is skipped, so importing a file twice changes nothing
    received_at    required, ISO 8601 ('2026-03-01T21:30:00', with or without an offset; without one
                   it is UK time), not in the future
    source         required: 'professional' or 'community'
    agency         the sharing agency's name as CSE Hub knows it; required for 'professional'
    narrative      required: what was seen or heard
    persons        list of {name, nickname, age_estimate (whole number or null), gender ('female',
                   'male', 'other' or ''), description, phones (list of strings), online_accounts}
    vehicles       list of {registration, make, model, colour}
    locations      list of {name, address, postcode, kind (a place kind such as 'park', or '')}
    children       list of CSE Hub child references ('NFD-000123')

An online account is an object {"platform": "snapchat", "handle": "deano_99"} or the string
"snapchat:deano_99". `import_line_parse` is pure: it turns one line into the input or the line's
problems. `submissions_import` reads the file `BATCH` lines at a time: it checks each line as
`submission_record` would (its agency and children looked up for the whole batch, a reference stored
before or taken by an earlier line of the file skipped), and stores the good lines of the batch in
one transaction (`submissions_record_many`: COPY on PostgreSQL, exact-key entities found and created
for the whole batch). A bad line is refused on its own and leaves the rest imported. If storing a
batch fails (another import stored one of its references a moment ago, a child was removed), nothing
of it is kept and each of its lines is stored through `submission_record`, one transaction each, as
the import did before batches (decision 0022). People are not linked here: `resolve_entities` links
them in one go afterwards."""

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils import timezone

from accounts.models import Agency
from children.models import Child
from intelligence.inputs import LocationInput, OnlineAccountInput, PersonInput, SubmissionInput, VehicleInput
from intelligence.models import LocationKind, Submission, SubmissionSource
from intelligence.services.submissions import Imported, submission_errors, submission_record, submissions_record_many

FIELDS = {"reference", "received_at", "source", "agency", "narrative", "persons", "vehicles", "locations", "children"}
PERSON_FIELDS = {"name", "nickname", "age_estimate", "gender", "description", "phones", "online_accounts"}
VEHICLE_FIELDS = {"registration", "make", "model", "colour"}
LOCATION_FIELDS = {"name", "address", "postcode", "kind"}
GENDERS = {"", "female", "male", "other"}
SOURCES = frozenset(SubmissionSource.values)  # read once: `values` builds a new list each time
PLACE_KINDS = frozenset(LocationKind.values)
MAX_LINE = 200_000
BATCH = 2000  # lines stored in one transaction


@dataclass(frozen=True)
class ImportLine:
    data: SubmissionInput  # children and area are filled in from `children` and the agency
    agency: str
    children: list[str]


@dataclass
class ImportReport:
    imported: int = 0
    already_imported: int = 0
    refused: list[tuple[int, list[str]]] = field(default_factory=list)  # (line number, problems)


class _Problems(list[str]):
    def text(self, where: str, value: Any, *, required: bool = False, limit: int = 2000) -> str:
        if value is None or value == "":
            if required:
                self.append(f"{where} is missing")
            return ""
        if not isinstance(value, str):
            self.append(f"{where} must be text")
            return ""
        if len(value) > limit:
            self.append(f"{where} must be {limit:,} characters or fewer")
        return value.strip()

    def items(self, where: str, value: Any, fields: set[str], *, each: str) -> list[dict[str, Any]]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.append(f"{where} must be a list of objects")
            return []
        for index, item in enumerate(value, start=1):
            self.unknown(f"{each} {index}", item, fields)
        return value

    def strings(self, where: str, value: Any) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.append(f"{where} must be a list of text")
            return []
        return [item.strip() for item in value if item.strip()]

    def unknown(self, where: str, item: dict[str, Any], fields: set[str]) -> None:
        extra = sorted(set(item) - fields)
        if extra:
            self.append(f"{where} has unknown {'field' if len(extra) == 1 else 'fields'} {', '.join(extra)}")


def _when(problems: _Problems, value: Any, now: dt.datetime) -> dt.datetime | None:
    text = problems.text("received_at", value, required=True, limit=40)
    if not text:
        return None
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        problems.append("received_at must be a date and time like 2026-03-01T21:30:00")
        return None
    when = timezone.make_aware(when) if timezone.is_naive(when) else when
    if when > now:
        problems.append("received_at must be in the past")
    return when


def _account(problems: _Problems, where: str, value: Any) -> OnlineAccountInput | None:
    if isinstance(value, str) and ":" in value:
        platform, _, handle = value.partition(":")
        return OnlineAccountInput(platform=platform.strip(), handle=handle.strip())
    if isinstance(value, dict) and not set(value) - {"platform", "handle"}:
        platform = problems.text(f"{where} platform", value.get("platform"), limit=50)
        handle = problems.text(f"{where} handle", value.get("handle"), required=True, limit=100)
        return OnlineAccountInput(platform=platform, handle=handle)
    problems.append(f"{where} must be 'platform:handle' or an object with platform and handle")
    return None


def _person(problems: _Problems, where: str, item: dict[str, Any]) -> PersonInput:
    age = item.get("age_estimate")
    if age is not None and (isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 120):
        problems.append(f"{where} age_estimate must be a whole number from 0 to 120, or null")
        age = None
    gender = problems.text(f"{where} gender", item.get("gender"), limit=20).lower()
    if gender not in GENDERS:
        problems.append(f"{where} gender must be female, male, other or empty")
    accounts = item.get("online_accounts") or []
    if not isinstance(accounts, list):
        problems.append(f"{where} online_accounts must be a list")
        accounts = []
    parsed = [_account(problems, f"{where} online account {n}", value) for n, value in enumerate(accounts, start=1)]
    return PersonInput(
        name=problems.text(f"{where} name", item.get("name"), limit=200),
        nickname=problems.text(f"{where} nickname", item.get("nickname"), limit=200),
        age_estimate=age,
        gender=gender,
        description=problems.text(f"{where} description", item.get("description")),
        phones=problems.strings(f"{where} phones", item.get("phones")),
        online_accounts=[account for account in parsed if account is not None],
    )


def import_line_parse(text: str, *, now: dt.datetime | None = None) -> ImportLine | list[str]:
    """One line of the file: the submission it describes, or every problem found in it."""
    if len(text) > MAX_LINE:
        return [f"The line is longer than {MAX_LINE:,} characters"]
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        return [f"The line is not valid JSON ({error.msg} at character {error.pos + 1})"]
    if not isinstance(value, dict):
        return ["The line must be one JSON object"]
    problems = _Problems()
    problems.unknown("The line", value, FIELDS)
    reference = problems.text("reference", value.get("reference"), required=True, limit=40)
    received_at = _when(problems, value.get("received_at"), now or timezone.now())
    source = problems.text("source", value.get("source"), required=True, limit=20)
    if source and source not in SOURCES:
        problems.append("source must be professional or community")
    agency = problems.text("agency", value.get("agency"), limit=150)
    if source == SubmissionSource.PROFESSIONAL and not agency:
        problems.append("agency is missing: a professional submission names the agency that shared it")
    narrative = problems.text("narrative", value.get("narrative"), required=True, limit=20_000)
    persons = [
        _person(problems, f"person {n}", item)
        for n, item in enumerate(problems.items("persons", value.get("persons"), PERSON_FIELDS, each="person"), start=1)
    ]
    vehicles = [
        VehicleInput(
            **{name: problems.text(f"vehicle {n} {name}", item.get(name), limit=100) for name in VEHICLE_FIELDS}
        )
        for n, item in enumerate(
            problems.items("vehicles", value.get("vehicles"), VEHICLE_FIELDS, each="vehicle"), start=1
        )
    ]
    locations = [
        LocationInput(
            **{name: problems.text(f"place {n} {name}", item.get(name), limit=300) for name in LOCATION_FIELDS}
        )
        for n, item in enumerate(
            problems.items("locations", value.get("locations"), LOCATION_FIELDS, each="place"), start=1
        )
    ]
    for n, location in enumerate(locations, start=1):
        if location.kind and location.kind not in PLACE_KINDS:
            problems.append(f"place {n} kind must be one of {', '.join(LocationKind.values)}, or empty")
    children = problems.strings("children", value.get("children"))
    if problems:
        return list(problems)
    data = SubmissionInput(
        source=source,
        narrative=narrative,
        reference=reference,
        received_at=received_at,
        persons=persons,
        vehicles=vehicles,
        locations=locations,
    )
    return ImportLine(data=data, agency=agency, children=children)


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{name}: {message}" for name, messages in error.message_dict.items() for message in messages]
    return list(error.messages)


def _chunks(lines: Iterable[str], size: int) -> Iterator[list[tuple[int, str]]]:
    """The file's lines that are not blank, with their numbers, `size` at a time."""
    chunk: list[tuple[int, str]] = []
    for number, text in enumerate(lines, start=1):
        if text.strip():
            chunk.append((number, text))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _checked(
    chunk: list[tuple[int, str]],
    *,
    agencies: dict[str, Agency],
    seen: set[str],
    report: ImportReport,
    now: dt.datetime | None,
) -> list[tuple[int, Imported]]:
    """The chunk's lines that are to be stored, checked as `submission_record` would check each; the
    others counted (already imported) or refused in `report`. `seen` holds the references of the lines
    taken so far, so a reference repeated in the file is stored once."""
    parsed = [(number, import_line_parse(text, now=now)) for number, text in chunk]
    lines = [(number, line) for number, line in parsed if isinstance(line, ImportLine)]
    references = [line.data.reference for _, line in lines]
    stored = set(Submission.objects.filter(reference__in=references).values_list("reference", flat=True))
    wanted = {reference for _, line in lines for reference in line.children}
    children = dict(Child.objects.filter(reference__in=wanted).values_list("reference", "id"))
    taken: list[tuple[int, Imported]] = []
    for number, line in parsed:
        if not isinstance(line, ImportLine):
            report.refused.append((number, line))
            continue
        if line.data.reference in stored or line.data.reference in seen:
            report.already_imported += 1
            continue
        agency = agencies.get(line.agency.casefold()) if line.agency else None
        problems = [f"children: no child with reference {ref}" for ref in line.children if ref not in children]
        if line.agency and agency is None:
            problems.insert(0, f"agency: no agency called '{line.agency}'")
        if problems:
            report.refused.append((number, problems))
            continue
        data = replace(
            line.data,
            children=[children[ref] for ref in dict.fromkeys(line.children)],
            area_id=agency.area_id if agency else None,
        )
        errors = submission_errors(data=data)
        if errors:
            report.refused.append((number, _messages(ValidationError(errors))))
            continue
        seen.add(data.reference)
        taken.append((number, Imported(data=data, agency=agency)))
    return taken


def _one_by_one(batch: list[tuple[int, Imported]], report: ImportReport) -> None:
    """Each line of a batch that failed as a whole through `submission_record`, one transaction each,
    so that the line that failed is refused (or found imported meanwhile) and the others are kept."""
    for number, item in batch:
        try:
            submission_record(data=item.data, agency=item.agency, link_people=False)  # resolve_entities links them
        except ValidationError as error:
            if "reference" in getattr(error, "error_dict", {}):
                report.already_imported += 1  # imported by someone else a moment ago
            else:
                report.refused.append((number, _messages(error)))
            continue
        report.imported += 1


def submissions_import(*, lines: Iterable[str], now: dt.datetime | None = None, batch: int = BATCH) -> ImportReport:
    """Import each line not imported before, `batch` lines to a transaction; report the others by
    number and reason, in the order of the file."""
    report = ImportReport()
    agencies = {agency.name.casefold(): agency for agency in Agency.objects.all()}
    seen: set[str] = set()
    for chunk in _chunks(lines, batch):
        taken = _checked(chunk, agencies=agencies, seen=seen, report=report, now=now)
        if not taken:
            continue
        try:
            submissions_record_many(submissions=[item for _, item in taken])
        except (DatabaseError, ValidationError):
            # Something changed under the batch (a reference stored by another import a moment ago, a
            # child removed): nothing of it was kept, and each of its lines is stored on its own.
            _one_by_one(taken, report)
            continue
        report.imported += len(taken)
    report.refused.sort(key=lambda refused: refused[0])
    return report
