"""Only accounts reads memberships to answer who may do what (accounts/standing.py): every gate, write
check and the menu ask a user's standing. Elsewhere memberships are read only to list people to
choose from or to write to; each such place is named here with why, so a new one is looked at."""

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
MEMBERSHIPS = re.compile(r"\bMembership\b|memberships")

# Places outside accounts that read memberships, and why none of them decides a permission.
LISTS_AND_LETTERS = {
    "hub/views.py": "the home page lists the user's own teams",
    "meetings/selectors/records.py": "the people to choose as a chair or to invite",
    "meetings/selectors/plans.py": "the people to choose as an action's owner",
    "meetings/selectors/bring.py": "which children an agency's allocated workers bring to the MEG",
    "frontdoor/services/reminders.py": "whom a reminder email goes to",
    "challenges/selectors.py": "the people to choose as a challenge's owner",
    "challenges/forms.py": "the teams shown beside each person to choose",
    "children/selectors/allocations.py": "the workers to choose from when allocating, and the area's Designated "
    "CSE workers to choose from (children.access.may_manage_allocation decides who allocates)",
}


def _readers() -> set[str]:
    found = set()
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT).as_posix()
        top = relative.split("/")[0]
        if top in {"accounts", "demo", "tests", ".venv", "node_modules", "bench"} or "/tests/" in relative:
            continue
        if "/migrations/" in relative:
            continue
        if MEMBERSHIPS.search(path.read_text()):
            found.add(relative)
    return found


def test_only_accounts_reads_memberships_to_decide_who_may_act():
    readers = _readers()
    assert readers - LISTS_AND_LETTERS.keys() == set(), (
        "ask accounts.standing.standing_of(user) instead, or name the place and why it decides nothing"
    )
    assert LISTS_AND_LETTERS.keys() - readers == set(), "a named place no longer reads memberships: drop it"
