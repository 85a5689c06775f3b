"""Which pages to measure, found by reading the pages themselves, so that any data set the demo
generator made will do.

For each signed-in role: the menu of its home page, then a breadth-first walk from its menu pages that
follows the first link of every kind below (a contact, a meeting, a plan...), so that every page
measured is one the role was shown a link to. Where a kind has a better candidate the database can
rank (the child with the most records, the entity with the most mentions), the best of the links the
role was shown is measured. Search terms come from the data: the chosen child's surname, the name
and registration mentioned most often in intelligence.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

import psycopg

from tests.production_server import HttpClient

CHILD = "child page"
ENTITY = "entity page"
CHART = "network chart"
PLATE_API = "plate search API: "
MENU = re.compile(r'<a class="govuk-service-navigation__link" href="([^"]+)"')
# What each menu page is called in the results.
MENU_LABELS = {
    "/": "caseload (home)",
    "/tasks/": "worklist",
    "/meetings/": "MEG list",
    "/intelligence/queue/": "intelligence queue",
    "/intelligence/share/": "share information",
    "/challenges/": "challenges",
    "/children/": "find a child (form)",
}
# How often a practitioner opens each kind of page, relative to the others, in the mixed load.
WEIGHTS = {
    "caseload (home)": 10,
    "worklist": 10,
    CHILD: 10,
    "child search": 6,
    "child search (inner letters)": 2,
    "contact": 4,
    "screening": 3,
    "task": 3,
    "MEG list": 2,
    "agenda": 3,
    "meeting actions": 2,
    "my actions": 2,
    "action": 2,
    "plan": 2,
    "child's plan": 2,
    "intelligence queue": 3,
    "submission": 2,
    "intelligence search: name": 3,
    "intelligence search: registration": 3,
    PLATE_API + "anchored": 2,
    PLATE_API + "unanchored": 2,
    "network": 1,
    CHART: 1,
    ENTITY: 3,
    "share information": 1,
    "challenges": 1,
    "find a child (form)": 1,
}
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
# The links followed, by kind: the first of each found is opened (and walked) too.
KINDS = {
    CHILD: re.compile(rf'href="(/children/{UUID}/)"'),
    "contact": re.compile(r'href="(/contacts/\d+/)"'),
    "screening": re.compile(r'href="(/screenings/\d+/)"'),
    "task": re.compile(r'href="(/tasks/\d+/)"'),
    "agenda": re.compile(r'href="(/meetings/\d+/)"'),
    "meeting actions": re.compile(r'href="(/meetings/\d+/actions/)"'),
    "my actions": re.compile(r'href="(/meetings/actions/)"'),
    "action": re.compile(r'href="(/meetings/actions/\d+/)"'),
    "plan": re.compile(r'href="(/meetings/plans/\d+/)"'),
    "child's plan": re.compile(rf'href="(/meetings/plans/child/{UUID}/)"'),
    "submission": re.compile(r'href="(/intelligence/submissions/\d+/)"'),
    "intelligence search": re.compile(r'href="(/intelligence/search/)"'),
    "network": re.compile(r'href="(/intelligence/network/)"'),
    CHART: re.compile(r'href="(/intelligence/network/entities/\d+/)"'),
    ENTITY: re.compile(r'href="(/intelligence/entities/\d+/)"'),
}
# Kinds followed to find others but not measured themselves (the search is measured with a query).
NOT_MEASURED = {"intelligence search"}
CHILD_LINK = KINDS[CHILD].pattern
RESULT_ROW = r'<td class="govuk-table__cell"'
PAGES_WALKED = 40  # per role: enough to reach a screening from the menu (menu, child, contact)


@dataclass(frozen=True)
class Page:
    role: str
    label: str
    path: str
    weight: int
    expect: str = ""  # a pattern the body must contain: a search must find something
    term: str = ""  # what a search page searches for

    @property
    def name(self) -> str:
        return f"{self.role}: {self.label}"

    def as_json(self) -> dict[str, Any]:
        found = {"role": self.role, "label": self.label, "path": self.path, "weight": self.weight}
        return found | ({"term": self.term} if self.term else {})


@dataclass
class Walk:
    """What one role was shown: its menu, and the links of each kind in the order they were found."""

    menu: list[str] = field(default_factory=list)
    links: dict[str, list[str]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)  # a link that leads on (a child's plan to the plan)
    problems: list[str] = field(default_factory=list)

    def final(self, path: str) -> str:
        return self.redirects.get(path, path)


def _collect(body: str, walk: Walk, queue: list[str]) -> None:
    for kind, pattern in KINDS.items():
        for href in pattern.findall(body):
            found = walk.links.setdefault(kind, [])
            if href not in found:
                if not found:
                    queue.append(href)
                found.append(href)


def walk_role(client: HttpClient, username: str) -> Walk:
    walk = Walk()
    home = client.get("/")
    if home.status != 200:
        walk.problems.append(f"{username} /: answered {home.status}")
        return walk
    walk.menu = list(dict.fromkeys(["/", *MENU.findall(home.body)]))
    queue, visited = list(walk.menu), set[str]()
    while queue and len(visited) < PAGES_WALKED:
        path = queue.pop(0)
        if path in visited:
            continue
        visited.add(path)
        answer = home if path == "/" else client.get(path)
        target = urlsplit(answer.location)
        leads_on = target.path.startswith("/") and not target.path.startswith("/sign-in/") and not target.netloc
        if answer.status in (301, 302, 303) and leads_on:
            walk.redirects[path] = answer.location
            queue.append(answer.location)
            continue
        if answer.status != 200:
            walk.problems.append(f"{username} {path}: answered {answer.status}")
            continue
        _collect(answer.body, walk, queue)
    return walk


def _ranked(connection: psycopg.Connection[Any], sql: str, candidates: Sequence[str], pattern: str) -> str:
    """The candidate link the query ranks first (it gets the links' ids as `%s`); the first link
    found when the query ranks none."""
    by_id = {found.group(1): link for link in candidates if (found := re.search(pattern, link))}
    row = connection.execute(sql, [list(by_id)]).fetchone()
    return by_id.get(str(row[0]), candidates[0]) if row else candidates[0]


CHILD_RANK = """
    SELECT c.id FROM children_child c WHERE c.id::text = ANY(%s)
    ORDER BY (SELECT count(*) FROM children_chronologyentry e WHERE e.child_id = c.id)
           + (SELECT count(*) FROM children_missingepisode m WHERE m.child_id = c.id)
           + (SELECT count(*) FROM frontdoor_contact f WHERE f.child_id = c.id) DESC, c.id
    LIMIT 1
"""
ENTITY_RANK = """
    SELECT e.id FROM intelligence_entity e WHERE e.id::text = ANY(%s)
    ORDER BY (SELECT count(*) FROM intelligence_mention m WHERE m.entity_id = e.id) DESC, e.id
    LIMIT 1
"""


def chosen_links(connection: psycopg.Connection[Any], walk: Walk) -> dict[str, str]:
    chosen = {kind: links[0] for kind, links in walk.links.items() if links and kind not in NOT_MEASURED}
    if walk.links.get(CHILD):
        chosen[CHILD] = _ranked(connection, CHILD_RANK, walk.links[CHILD], rf"/children/({UUID})/")
    for kind in (ENTITY, CHART):
        if walk.links.get(kind):
            chosen[kind] = _ranked(connection, ENTITY_RANK, walk.links[kind], r"/entities/(\d+)/")
    return chosen


@dataclass(frozen=True)
class SearchTerms:
    """Terms from the data: a name and a registration that intelligence mentions most often."""

    person_name: str
    registration: str

    @property
    def anchored_plate(self) -> str:
        """'MX58CEF' -> 'MX5?C*': the start known, one character unknown, the end unknown."""
        return f"{self.registration[:3]}?{self.registration[4]}*"

    @property
    def unanchored_plate(self) -> str:
        """'MX58CEF' -> '*8CE*': three characters from the middle."""
        return f"*{self.registration[3:6]}*"


def search_terms(connection: psycopg.Connection[Any]) -> SearchTerms:
    person = connection.execute(
        """SELECT e.label FROM intelligence_entity e JOIN intelligence_mention m ON m.entity_id = e.id
           WHERE e.kind = 'person' GROUP BY e.id, e.label ORDER BY count(*) DESC, e.id LIMIT 1"""
    ).fetchone()
    vehicle = connection.execute(
        """SELECT key FROM intelligence_mention WHERE kind = 'vehicle' AND NOT partial AND length(key) >= 7
           GROUP BY key ORDER BY count(*) DESC, key LIMIT 1"""
    ).fetchone()
    if person is None or vehicle is None:
        raise RuntimeError("The database has no person or no full registration mentioned in intelligence")
    words = sorted(person[0].split(), key=len, reverse=True)
    return SearchTerms(person_name=words[0], registration=vehicle[0])


def _surname(connection: psycopg.Connection[Any], child_link: str) -> str:
    child_id = child_link.strip("/").split("/")[-1]
    row = connection.execute("SELECT last_name FROM children_child WHERE id = %s", [child_id]).fetchone()
    return str(row[0]) if row else ""


def _page(role: str, label: str, path: str, expect: str = "", term: str = "") -> Page:
    return Page(role=role, label=label, path=path, weight=WEIGHTS.get(label, 1), expect=expect, term=term)


def _child_searches(role: str, surname: str) -> Iterable[Page]:
    """The first three letters of a surname the role can see, and three letters from inside it."""
    for label, term in (("child search", surname[:3]), ("child search (inner letters)", surname[1:4])):
        if len(term) == 3:
            yield _page(role, label, "/children/?" + urlencode({"name": term}), CHILD_LINK, term)


def _intelligence_searches(role: str, terms: SearchTerms) -> Iterable[Page]:
    def page(label: str, query: str, kind: str) -> Page:
        path = "/intelligence/search/?" + urlencode({"q": query, "kind": kind})
        return _page(role, label, path, RESULT_ROW, query)

    def api(label: str, query: str) -> Page:
        path = "/api/v1/intelligence/search?" + urlencode({"q": query, "kind": "vehicle"})
        return _page(role, label, path, '"mention_id"', query)

    yield page("intelligence search: name", terms.person_name, "person")
    yield page("intelligence search: registration", terms.registration, "vehicle")
    yield api(PLATE_API + "anchored", terms.anchored_plate)
    yield api(PLATE_API + "unanchored", terms.unanchored_plate)


def role_pages(connection: psycopg.Connection[Any], role: str, walk: Walk, terms: SearchTerms) -> list[Page]:
    pages = [_page(role, MENU_LABELS.get(path, path), path) for path in walk.menu]
    chosen = chosen_links(connection, walk)
    pages += [_page(role, kind, walk.final(path)) for kind, path in chosen.items() if kind not in MENU_LABELS.values()]
    if CHILD in chosen:
        pages += _child_searches(role, _surname(connection, chosen[CHILD]))
    if "intelligence search" in walk.links:
        pages += _intelligence_searches(role, terms)
    return list({page.path: page for page in pages}.values())


def check_pages(pages: Sequence[Page], request: Callable[[Page], tuple[int, str]]) -> list[str]:
    """Every page must answer 200, and a search must find something."""
    problems = []
    for page in pages:
        status, body = request(page)
        if status != 200:
            problems.append(f"{page.name} {page.path}: answered {status}")
        elif page.expect and not re.search(page.expect, body):
            problems.append(f"{page.name} {page.path}: found nothing (expected {page.expect!r})")
    return problems
