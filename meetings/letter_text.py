"""The text of the child's voice letters (seed 001). Pure: no database.

A letter template is text with `$placeholders` that `string.Template` fills in. Never Django
template code: business support edit these letters, and an edited letter must not be able to run
code, loop over records or reach any data beyond the few values listed here.

The placeholders (each also written `${name}`; write `$$` for a dollar sign):

    $child_first_name   the child's first name
    $child_name         the child's first and last name
    $recipient_name     who the letter is to: the child, or the parent or carer
    $meeting_date       the date of the meeting, like "Tuesday 3 March 2026"
    $letter_date        the date the letter was written
    $area_name          the area whose MEG it is
    $partnership_name   the safeguarding partnership
    $lead_worker_name   the worker the family knows best (the child's allocated worker)
    $contact_email      the MEG business support mailbox of the area

There is no telephone placeholder: no record holds one. Each area has its own templates, so
business support type their telephone number into the letter itself.
"""

import datetime as dt
from collections.abc import Mapping
from string import Template
from typing import Literal

from children.learning_disability import needs_caution

PLACEHOLDERS: dict[str, str] = {
    "child_first_name": "The child's first name",
    "child_name": "The child's first and last name",
    "recipient_name": "Who the letter is to: the child, or the parent or carer",
    "meeting_date": "The date of the meeting",
    "letter_date": "The date the letter was written",
    "area_name": "The area whose MEG it is",
    "partnership_name": "The safeguarding partnership",
    "lead_worker_name": "The child's allocated worker",
    "contact_email": "The email address of the area's MEG business support",
}

# Fictional values, to preview an edited template without touching any child's record.
SAMPLE_VALUES: dict[str, str] = {
    "child_first_name": "Sam",
    "child_name": "Sam Example",
    "recipient_name": "Sam Example",
    "meeting_date": "Tuesday 3 March 2026",
    "letter_date": "20 February 2026",
    "area_name": "Exampleton",
    "partnership_name": "Exampleton Safeguarding Partnership",
    "lead_worker_name": "Alex Worker",
    "contact_email": "meg@example.org",
}

AgeBandCode = Literal["under_13", "from_13"]


class LetterTextError(ValueError):
    """A template that cannot be filled in: its problems are listed, in words for the editor."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _allowed_list() -> str:
    return ", ".join(f"${name}" for name in PLACEHOLDERS)


def placeholders_used(body: str) -> list[str]:
    """The placeholder names the body uses, in order of first use, known or not."""
    names: list[str] = []
    for match in Template.pattern.finditer(body):
        name = match.group("named") or match.group("braced")
        if name and name not in names:
            names.append(name)
    return names


def placeholders_check(body: str) -> list[str]:
    """Every problem with the placeholders of a template body, as sentences for the person editing it;
    an empty list when it can be filled in."""
    problems: list[str] = []
    for match in Template.pattern.finditer(body):
        if match.group("invalid") is not None:
            line = body.count("\n", 0, match.start()) + 1
            problem = (
                f"Line {line} has a $ sign that is not followed by a placeholder name. "
                f"Use a placeholder such as $child_first_name, or write $$ for a dollar sign"
            )
            if problem not in problems:
                problems.append(problem)
    for name in placeholders_used(body):
        if name not in PLACEHOLDERS:
            problems.append(f"${name} is not a placeholder this letter can fill in. Use one of: {_allowed_list()}")
    return problems


def letter_render(body: str, values: Mapping[str, str]) -> str:
    """Fill in a template body. Values are put in as they are, in one pass: a value that contains a
    `$` is never read as a placeholder. Raises LetterTextError if the body has a problem or uses a
    placeholder without a value."""
    problems = placeholders_check(body)
    if problems:
        raise LetterTextError(problems)
    missing = [name for name in placeholders_used(body) if name not in values]
    if missing:
        raise LetterTextError([f"No value for ${name}" for name in missing])
    return Template(body).substitute({name: str(values[name]) for name in placeholders_used(body)})


def age_years(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_band_for(*, date_of_birth: dt.date | None, on: dt.date, learning_disability: str) -> AgeBandCode:
    """Which child's letter to send. The under-13 letter is the easiest to read, so it also goes to a
    child whose date of birth is not known (a letter a teenager finds simple does less harm than one
    a young child cannot follow), to a child with a learning disability (easy read), and to a child
    of whom it is not known whether they have one (the same caution, procedure correction 7)."""
    if date_of_birth is None or needs_caution(learning_disability):
        return "under_13"
    return "under_13" if age_years(date_of_birth, on) < 13 else "from_13"


def date_in_words(day: dt.date) -> str:
    """'Tuesday 3 March 2026': how a letter to a family writes a date."""
    return f"{day:%A} {day.day} {day:%B %Y}"
