"""No page or API list makes more queries as the records grow.

The demo is built small, and every user of every demo role requests every page and API route with
real ids, counting the queries each response makes. Then the county generator adds hundreds of
children with years of contacts, screenings, tasks, MEG plans and held MEGs, and each user requests
every route again, now with the heaviest records (the child of theirs with the most contacts, the
newest meeting, plan and contact). A page whose queries grew with its rows (a query per row) fails.

The counts are only a necessary condition: the plans behind them are measured by `bench/` on the
large data set.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count, QuerySet
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from children.access import child_visible_queryset
from core.access_policy import Policy
from demo.generator import demo_usernames
from demo.generator.county import county_steps
from demo.generator.everything import demo_generate
from tests.crawl import API_DESCRIPTION_ROUTES, route_url
from tests.record_kinds import KINDS, PAIRS
from tests.routes import Route, all_routes

DEMO_CHILDREN_PER_AREA = 8
COUNTY_CHILDREN = 400  # both areas, each child with about four contacts over the years
# A list that was empty before runs its prefetch queries once it has rows: a few more queries in all,
# never one more per row.
SLACK = 3
Pick = Callable[[Route, User], dict[str, str] | None]


def _routes() -> list[Route]:
    return [
        route
        for route in all_routes()
        if route.policy in (Policy.STAFF, Policy.API) and route.name not in API_DESCRIPTION_ROUTES
    ]


# Kinds whose records come in shapes that read different things: both rounds take the same shape.
SAME_SHAPE: dict[str, Callable[[QuerySet[Any]], QuerySet[Any]]] = {
    "plan_id": lambda plans: plans.filter(child__isnull=False),  # a child's plan, not a disruption plan
}


def _ids(kind: str, newest: bool) -> list[Any]:
    records = KINDS[kind]._default_manager.all()
    records = SAME_SHAPE.get(kind, lambda same: same)(records)
    return list(records.order_by("-pk" if newest else "pk").values_list("pk", flat=True)[:1])


def _child(user: User, heaviest: bool) -> str | None:
    children = child_visible_queryset(user)
    if heaviest:
        children = children.annotate(contact_count=Count("contacts")).order_by("-contact_count", "reference")
    else:
        children = children.order_by("reference")
    first = children.values_list("pk", flat=True).first()
    return None if first is None else str(first)


def _picker(*, heaviest: bool) -> Pick:
    def pick(route: Route, user: User) -> dict[str, str] | None:
        names = tuple(route.converters)
        if not names:
            return {}
        if names == ("child_id",):
            child = _child(user, heaviest)
            return None if child is None else {"child_id": child}
        if len(names) == 1 and names[0] in KINDS:
            ids = _ids(names[0], newest=heaviest)
            return {names[0]: str(ids[0])} if ids else None
        if names in PAIRS:
            pairs = list(PAIRS[names]())
            if not pairs:
                return None
            pair = pairs[-1] if heaviest else pairs[0]
            return dict(zip(names, map(str, pair), strict=True))
        raise AssertionError(f"{route.pattern}: give the test real ids for {names}")

    return pick


def _counts(users: list[User], signed_in: Callable[[User], Any], pick: Pick) -> dict[tuple[str, str], int]:
    """(user, route) -> queries made, for every response that answered 200."""
    counts: dict[tuple[str, str], int] = {}
    for user in users:
        client = signed_in(user)
        for route in _routes():
            filling = pick(route, user)
            if filling is None:
                continue
            url = route_url(route, filling)
            connection.queries_log.clear()  # the log keeps only its last 9,000 queries
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            if response.status_code == 200:
                assert len(queries) > 0, f"{url}: no query counted (every signed-in request reads its session)"
                counts[(user.username, route.pattern)] = len(queries)
    return counts


@pytest.fixture
def demo_users(db, assessment_tool) -> list[User]:
    demo_generate(seed=5, children_per_area=DEMO_CHILDREN_PER_AREA)
    usernames = [name for name in demo_usernames() if not name.endswith(".sdl")]
    return list(User.objects.filter(username__in=usernames).order_by("username"))


def test_no_page_makes_more_queries_as_the_records_grow(demo_users, signed_in) -> None:
    small = _counts(demo_users, signed_in, _picker(heaviest=False))
    assert len(small) > 200, "the walk lost its pages"
    for step in county_steps(children=COUNTY_CHILDREN, seed=5):
        if step.name.startswith(("children", "meg")):
            step.run()
    grown = _counts(demo_users, signed_in, _picker(heaviest=True))
    grew = {key: (small[key], grown[key]) for key in small.keys() & grown.keys() if grown[key] > small[key] + SLACK}
    assert len(small.keys() & grown.keys()) > 200, "the walk lost its pages"
    assert not grew, "Pages that made more queries with more records (user, route: before -> after):\n" + "\n".join(
        f"{user} {pattern}: {before} -> {after}" for (user, pattern), (before, after) in sorted(grew.items())
    )
