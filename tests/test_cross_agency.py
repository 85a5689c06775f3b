"""A user of one local authority cannot read, list, search or export another authority's child records
through any route.

Southdale's child has a whole record, built through the services (tests/other_area.py): contacts, a
linked child, a screening and assessments, tasks, a strategy meeting, two MEGs with the child on their
agendas, a contextual item, safeguarding and disruption plans and their actions, minutes, letters,
intelligence, a challenge. One user of every Northfield role then requests every staff and API route
with the real ids of those records: a record's own pages must refuse (404, or 403/405 before any record
is read), and no response, list or search may name the child, its reference or id, or carry what was
written about it.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.test import Client

from accounts.models import Role, User
from children.access import child_visible_queryset
from children.models import Child
from core.access_policy import Policy
from tests.crawl import API_DESCRIPTION_ROUTES, converter_kind, naming_pattern, response_text, route_url
from tests.other_area import MARKER, OtherAreaRecord
from tests.routes import Route, all_routes

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

# One Northfield user of each role (demo/generator/vocabulary.py). A lead worker works for the council's
# Early Help team or for a partner agency (a school), whose actions and MEG lists are its own.
FIRST_AREA_USERS: dict[str, Role | None] = {
    "screener.nfd": Role.SCREENER,
    "socialworker.nfd": Role.SOCIAL_WORKER,
    "teammanager.nfd": Role.TEAM_MANAGER,
    "earlyhelp.nfd": Role.LEAD_WORKER,
    "teacher.nfd": Role.LEAD_WORKER,
    "cseworker.nfd": Role.DESIGNATED_CSE_WORKER,
    "megsupport.nfd": Role.MEG_BUSINESS_SUPPORT,
    # Partnership analysts work for the partnership, not one area: they see aggregates only, never a child.
    "analyst": Role.PARTNERSHIP_ANALYST,
    "admin": None,  # a system administrator with no case role sees no case content
}

# Roles whose need to know covers the other area's child (docs/security.md, children/access.py): the gate
# lets them see the child, and through it its contacts, tasks and meetings, so there is nothing here that
# they must not see.
NEED_TO_KNOW_COVERS_IT: dict[Role, str] = {
    # The police safeguarding lead chairs the MEG for the whole partnership and sees the children on every
    # area's agenda (decision 0011, `meg_area_ids`); the child is high risk, so on Southdale's agenda.
    Role.MEG_CHAIR: "sees every area's MEG children",
    # Police intelligence sees the children that submissions to the police concern (decision 0013,
    # `_intelligence`); the child is named in Southdale's submissions.
    Role.POLICE_INTELLIGENCE: "sees the children named in submissions",
}

# Pages that legitimately answer about the other area's records without naming its child: the MESA
# summary is counts only, suppressed below 5, for partnership analysts in every area (decision 0012); the
# partnership's agency serves every area, so its staff open what to bring to every area's planned MEG
# (the meeting, never its agenda: `access_meeting_to_prepare`). The text is still searched.
MAY_ANSWER: dict[str, frozenset[str]] = {
    "analyst": frozenset({"meetings:summary", "meetings:summary_csv", "meetings:bring"}),
}

# What a record's pages may answer when they refuse: not found, or refused before any record is read
# (a role's pages, a method the page does not take).
REFUSED = frozenset({403, 404, 405})

# The route parameters that name a record (tests/other_area.py `record_ids` and `record_pairs`).
SINGLE_PARAMETERS = frozenset(
    {
        "child_id",
        "contact_id",
        "screening_id",
        "assessment_id",
        "task_id",
        "challenge_id",
        "meeting_id",
        "item_id",
        "plan_id",
        "action_id",
        "template_id",
        "submission_id",
        "entity_id",
        "candidate_id",
        "mention_id",
        "referral_id",
        "episode_id",
        "allocation_id",
    }
)
PAIRED_PARAMETERS = frozenset(
    {
        ("contact_id", "link_id"),
        ("meeting_id", "child_id"),
        ("meeting_id", "version"),
        ("meeting_id", "letter_id"),
        ("entity_id", "link_id"),
    }
)


# What stands for a record that does not exist, by the route converter's kind.
MISSING_ID = {"int": "999999", "uuid": "00000000-0000-4000-8000-000000000000"}


@dataclass(frozen=True)
class Request:
    route: Route
    filling: dict[str, str]
    own: frozenset[str] = frozenset()  # the parameters that name the user's own area's records
    query: str = ""
    searched: str = ""  # the search term the page may echo back

    @property
    def url(self) -> str:
        return route_url(self.route, self.filling) + (f"?{self.query}" if self.query else "")

    @property
    def about_the_record(self) -> bool:
        """The path names one of the other area's records."""
        return bool(set(self.filling) - self.own)

    @property
    def missing_url(self) -> str:
        """The same request about records that do not exist (the user's own records kept)."""
        missing = {
            name: value if name in self.own else MISSING_ID[converter_kind(self.route, name)]
            for name, value in self.filling.items()
        }
        return route_url(self.route, missing)


def _crawled_routes() -> list[Route]:
    return [
        route
        for route in all_routes()
        if route.policy in (Policy.STAFF, Policy.API) and route.name not in API_DESCRIPTION_ROUTES
    ]


def test_every_role_is_tried_or_excluded_with_its_reason():
    tried = {role for role in FIRST_AREA_USERS.values() if role is not None}
    assert tried | set(NEED_TO_KNOW_COVERS_IT) == set(Role)
    assert not tried & set(NEED_TO_KNOW_COVERS_IT)


def test_every_route_parameter_names_a_record_the_test_builds():
    """A new route with a new kind of id must get the other area's record of that kind, not be skipped."""
    unknown = {
        route.pattern: names
        for route in _crawled_routes()
        if (names := tuple(route.converters))
        and not (len(names) == 1 and names[0] in SINGLE_PARAMETERS)
        and names not in PAIRED_PARAMETERS
    }
    assert not unknown, f"give tests/other_area.py records for these route parameters: {unknown}"


def _requests(record: OtherAreaRecord) -> Iterator[Request]:
    ids, pairs = record.record_ids(), record.record_pairs()
    assert set(ids) == SINGLE_PARAMETERS
    assert set(pairs) == PAIRED_PARAMETERS
    name, reference = record.child.last_name, record.child.reference
    for route in _crawled_routes():
        names = tuple(route.converters)
        if not names:
            # Lists and searches: by the child's name, by its reference, and with the other area's ids in
            # every query parameter a page reads (?child=, ?team=, ?task=, ?meeting=, ?agency=).
            by_name = urlencode({"name": name, "q": name, "search": name})
            by_reference = urlencode({"identifier": reference, "q": reference})
            yield Request(route, {}, query=by_name, searched=name)
            yield Request(route, {}, query=by_reference, searched=reference)
            yield Request(route, {}, query=urlencode(record.query_ids()))
        elif len(names) == 1 and names[0] in ids:
            for value in ids[names[0]]:
                yield Request(route, {names[0]: value})
        elif names in pairs:
            for pair, own in pairs[names]:
                yield Request(route, dict(zip(names, pair, strict=True)), own=own)
        else:
            raise AssertionError(f"{route.pattern}: give the test the other area's ids for {names}")


def _patterns(record: OtherAreaRecord) -> dict[str, re.Pattern[str]]:
    """What no response may contain, by the search term the request echoes (which it may contain)."""
    own_names = {
        f"{first} {last}"
        for first, last in Child.objects.exclude(responsible_authority=record.area).values_list(
            "first_name", "last_name"
        )
    }
    # A name a first-area child also has cannot tell the two apart: then the reference and id tell.
    names = {child.full_name for child in record.children if child.full_name not in own_names}
    # The two children the test made have names nobody else has: each part is theirs alone.
    for child in (record.child, record.linked_child):
        names |= {child.first_name, child.last_name}
    references = {child.reference for child in record.children} | {str(child.id) for child in record.children}
    references |= {contact.reference for contact in record.contacts}
    references |= {submission.reference for submission in record.submissions}
    references |= {referral.reference for referral in record.referrals}
    # What the police were told about the child: the man, the car.
    names |= {"Dorran Wexcombe", "Wexcombe", "ZX71 QVM"}
    patterns = {}
    for searched in ("", record.child.last_name, record.child.reference):
        naming = naming_pattern(names=names - {searched}, references=references - {searched})
        assert naming is not None
        patterns[searched] = re.compile(f"{naming.pattern}|{MARKER}\\w*")
    return patterns


def _first_area_users(record: OtherAreaRecord) -> list[User]:
    users = list(User.objects.filter(username__in=FIRST_AREA_USERS).order_by("username"))
    assert {user.username for user in users} == set(FIRST_AREA_USERS)
    for user in users:
        # The gate agrees with the test about who is out of sight, so a leak below is a leak past it.
        seen = child_visible_queryset(user).filter(pk__in=[child.pk for child in record.children])
        assert not seen.exists(), f"{user.username} may see {list(seen)}: the test's premise is wrong"
    return users


def test_the_crawl_would_see_the_child_where_it_is_shown(other_area, signed_in):
    """The other area's own screener sees the child and its contact: what the crawl looks for is there."""
    pattern = _patterns(other_area)[""]
    web = signed_in(User.objects.get(username="screener.sdl"))
    for url in (f"/children/{other_area.child.id}/", f"/contacts/{other_area.contacts[0].pk}/", "/api/v1/contacts/"):
        response = web.get(url)
        assert response.status_code == 200, url
        found = set(pattern.findall(response_text(response)))
        assert other_area.child.full_name in found, f"{url} showed {found}"


def _admin_requests() -> list[Request]:
    """The administration site, for the system administrator: it registers no child-identifiable model."""
    return [
        Request(route, {}, query="")
        for route in all_routes()
        if route.policy == Policy.SYSTEM_ADMIN and route.url() is not None and not route.converters
    ]


def _send(client: Client, request: Request, *, missing: bool = False) -> tuple[str, "Response"]:
    url = request.missing_url if missing else request.url
    response = client.get(url)
    if response.status_code == 405 and request.about_the_record:
        # A page that takes only POST reads the record there: try it, with nothing in the form.
        return "POST", client.post(url)
    return "GET", response


def _refusal_faults(
    client: Client, request: Request, response: "Response", missing: dict[str, "Response"]
) -> list[str]:
    """A page about the other area's record refuses, and refuses as it would if the record did not exist."""
    if response.status_code not in REFUSED:
        return ["did not refuse a record of the other area"]
    if request.missing_url not in missing:
        missing[request.missing_url] = _send(client, request, missing=True)[1]
    absent = missing[request.missing_url]
    if (response.status_code, response.content) != (absent.status_code, absent.content):
        return [f"differs from {absent.status_code} {absent.content[:80]!r} for a record that does not exist"]
    return []


def test_no_route_shows_another_areas_child_or_its_records(other_area, signed_in):
    requests = list(_requests(other_area))
    assert len(requests) > 200, "the crawl lost its routes"
    patterns = _patterns(other_area)
    problems: list[str] = []
    checked = 0
    for user in _first_area_users(other_area):
        client = signed_in(user)
        may_answer = MAY_ANSWER.get(user.username, frozenset())
        missing: dict[str, Response] = {}
        for request in requests + (_admin_requests() if user.is_superuser else []):
            method, response = _send(client, request)
            checked += 1
            where = f"{user.username} {method} {request.url}"
            assert response.status_code < 500, f"{where}: {response.status_code}"
            faults = []
            if found := sorted(set(patterns[request.searched].findall(response_text(response)))):
                faults.append(f"showed {', '.join(found)}")
            if request.about_the_record and request.route.name not in may_answer:
                faults.extend(_refusal_faults(client, request, response, missing))
            if faults:
                problems.append(f"{where} answered {response.status_code} and {'; '.join(faults)}")
    assert not problems, f"{len(problems)} of {checked} responses gave away another area's child:\n" + "\n".join(
        problems
    )
