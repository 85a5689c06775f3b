"""No page or API response names a child to a user whom the child gate refuses.

The whole demo is built as `seed_demo` builds it (contacts, screenings, tasks, meetings, agenda
items, plans, actions, minutes, letters, intelligence, entities). Then every demo user requests every
page and API route they could reach, with the real ids of every kind of record, and each response
(HTML, JSON, CSV, the text of a PDF) is searched for the name and reference of every child that the
gate does not let that user see.
"""

from collections.abc import Iterator
from typing import Any

import pytest

from accounts.models import User
from children.access import child_visible_queryset
from children.models import Child
from core.access_policy import Policy
from demo.generator import demo_usernames
from demo.generator.everything import demo_generate
from tests.crawl import API_DESCRIPTION_ROUTES, naming_pattern, response_text, route_url
from tests.record_kinds import KINDS, PAIRS
from tests.routes import Route, all_routes

PER_KIND = 4  # records of each kind tried on each route, spread across the areas and children


def _spread(values: list[Any]) -> list[Any]:
    if len(values) <= PER_KIND:
        return values
    step = len(values) / PER_KIND
    return [values[int(i * step)] for i in range(PER_KIND)]


def _fillings(route: Route) -> Iterator[dict[str, str]]:
    names = tuple(route.converters)
    if not names:
        yield {}
    elif len(names) == 1 and names[0] in KINDS:
        ids = list(KINDS[names[0]]._default_manager.order_by("pk").values_list("pk", flat=True))
        for record_id in _spread(ids):
            yield {names[0]: str(record_id)}
    elif names in PAIRS:
        for pair in _spread(list(PAIRS[names]())):
            yield dict(zip(names, map(str, pair), strict=True))
    else:
        raise AssertionError(f"{route.pattern}: give the test real ids for {names}")


def _urls() -> list[str]:
    urls: list[str] = []
    for route in all_routes():
        if route.policy not in (Policy.STAFF, Policy.API) or route.name in API_DESCRIPTION_ROUTES:
            continue
        urls.extend(route_url(route, filling) for filling in _fillings(route))
    return urls


@pytest.fixture
def whole_demo(db, assessment_tool):
    """The demo, and one user of every demo role: Northfield's, the partnership's and the administrator
    (Southdale's users hold the same roles; Northfield's meet Southdale's records in every list)."""
    demo_generate(seed=11, children_per_area=8)
    usernames = [name for name in demo_usernames() if not name.endswith(".sdl")]
    return User.objects.filter(username__in=usernames).order_by("username")


def test_no_response_names_a_child_the_reader_may_not_see(whole_demo, signed_in):
    children = list(Child.objects.values_list("pk", "first_name", "last_name", "reference"))
    urls = _urls()
    assert len(urls) > 150, "the crawl lost its routes"
    leaks: dict[str, set[str]] = {}
    for user in whole_demo:
        visible = set(child_visible_queryset(user).values_list("pk", flat=True))
        hidden = {reference: f"{first} {last}" for pk, first, last, reference in children if pk not in visible}
        # A name that a child the reader may see also has cannot tell the two apart: look for the reference.
        seen_names = {f"{first} {last}" for pk, first, last, _ in children if pk in visible}
        hidden_names = {name for name in hidden.values() if name not in seen_names}
        naming = naming_pattern(names=hidden_names, references=hidden)
        client = signed_in(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code < 500, f"{user.username} GET {url}: {response.status_code}"
            if response.status_code != 200:
                continue
            found = set(naming.findall(response_text(response))) if naming else set()
            if found:
                leaks.setdefault(f"{user.username} GET {url}", set()).update(found)
    assert not leaks, f"{len(leaks)} responses named a child the reader may not see:\n" + "\n".join(
        f"{request}: {', '.join(sorted(references))}" for request, references in sorted(leaks.items())
    )
