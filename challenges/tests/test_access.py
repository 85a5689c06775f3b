"""Who may see and act on a challenge, and the access log of every page that shows a child."""

import pytest

from audit.models import AccessEvent
from challenges.access import ChallengeAction, access_challenge, challenge_permissions
from challenges.services import challenge_escalate
from challenges.tests.conftest import raise_challenge
from tests.factories import read_events

pytestmark = pytest.mark.django_db

VIEW, ESCALATE, RESOLVE, WITHDRAW = (
    ChallengeAction.VIEW,
    ChallengeAction.ESCALATE,
    ChallengeAction.RESOLVE,
    ChallengeAction.WITHDRAW,
)


def test_who_may_do_what_while_the_decision_maker_owns_it(northfield):
    p = northfield
    challenge = raise_challenge(p, owner_user=p.decision_maker)
    expected = {
        "raiser": {VIEW, ESCALATE, RESOLVE, WITHDRAW},
        "decision_maker": {VIEW, ESCALATE, RESOLVE},
        "manager": {VIEW, ESCALATE, RESOLVE},  # team manager of the owner: covers absence
        "colleague": {VIEW},  # sees the child, is no party
        "screener": {VIEW},
        "police_lead": set(),
        "analyst": set(),
        "stranger": set(),
    }
    assert {name: set(challenge_permissions(getattr(p, name), challenge)) for name in expected} == expected


def test_who_may_do_what_once_a_team_of_another_agency_owns_it(northfield):
    p = northfield
    challenge = raise_challenge(p, owner_user=p.decision_maker)
    challenge_escalate(
        user=p.raiser, challenge_id=challenge.id, to_level=2, reason="r", owner_user=None, owner_team=p.police_team
    )
    expected = {
        "raiser": {VIEW, ESCALATE, RESOLVE, WITHDRAW},
        "police_lead": {VIEW, ESCALATE, RESOLVE},  # a member of the owner team, without sight of the child record
        "decision_maker": {VIEW},
        "manager": {VIEW},
        "colleague": {VIEW},
        "stranger": set(),
    }
    assert {name: set(challenge_permissions(getattr(p, name), challenge)) for name in expected} == expected


def test_missing_and_forbidden_look_the_same(northfield, challenge):
    from django.http import Http404

    p = northfield
    for user, challenge_id in [(p.stranger, challenge.id), (p.raiser, challenge.id + 1000), (p.raiser, "abc")]:
        with pytest.raises(Http404, match="No challenge found"):
            access_challenge(user, challenge_id)
    with pytest.raises(Http404, match="No challenge found"):
        access_challenge(p.screener, challenge.id, action=ESCALATE)
    p.raiser.is_active = False
    p.raiser.save()
    with pytest.raises(Http404):
        access_challenge(p.raiser, challenge.id)


def _pages(challenge):
    child_id = challenge.child_id
    return [
        f"/challenges/{challenge.id}/",
        f"/challenges/{challenge.id}/escalate/",
        f"/challenges/{challenge.id}/resolve/",
        f"/challenges/{challenge.id}/withdraw/",
        f"/challenges/new/{child_id}/",
        f"/challenges/child/{child_id}/",
    ]


@pytest.mark.parametrize("who", ["stranger", "analyst"])
def test_a_stranger_gets_not_found_everywhere_and_no_event(signed_in, northfield, challenge, who):
    client = signed_in(getattr(northfield, who))
    for url in _pages(challenge):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in ((404,) if method == "get" else (404, 405)), f"{method} {url}"
            assert "Zephyrine" not in response.content.decode()
    listing = client.get("/challenges/").content.decode()
    assert "Zephyrine" not in listing
    assert "Risk level confirmed" not in listing
    assert not read_events().exists()
    assert challenge.events.count() == 1


def test_a_viewer_who_is_no_party_sees_the_challenge_but_cannot_act(signed_in, northfield, challenge):
    client = signed_in(northfield.screener)
    page = client.get(f"/challenges/{challenge.id}/").content.decode()
    assert "Zephyrine Quillfeather" in page
    assert "Only the person who raised this challenge, its owner, or a team manager" in page
    assert "Escalate to level 2" not in page
    for action in ("escalate", "resolve", "withdraw"):
        assert client.get(f"/challenges/{challenge.id}/{action}/").status_code == 404
        assert client.post(f"/challenges/{challenge.id}/{action}/", {"reason": "x"}).status_code == 404
    challenge.refresh_from_db()
    assert (challenge.level, challenge.status) == (1, "open")


def test_an_owner_outside_the_childs_agency_sees_the_challenge_not_the_child_record(signed_in, northfield, challenge):
    p = northfield
    challenge_escalate(
        user=p.raiser, challenge_id=challenge.id, to_level=2, reason="r", owner_user=None, owner_team=p.police_team
    )
    client = signed_in(p.police_lead)
    page = client.get(f"/challenges/{challenge.id}/").content.decode()
    assert "Zephyrine Quillfeather" in page
    assert "Escalate to level 3" in page
    assert f"/children/{p.child.id}/" not in page  # no link to a record they cannot open
    assert client.get(f"/children/{p.child.id}/").status_code == 404
    assert client.get(f"/challenges/child/{p.child.id}/").status_code == 404
    assert client.get(f"/challenges/new/{p.child.id}/").status_code == 404


# --- the access log ----------------------------------------------------------------------------


def only_event():
    events = list(AccessEvent.objects.all())
    assert len(events) == 1, f"expected exactly one access event, found {len(events)}"
    return events[0]


@pytest.mark.parametrize(
    ("path", "object_type"),
    [
        ("/challenges/{challenge}/", "challenge"),
        ("/challenges/{challenge}/escalate/", "challenge"),
        ("/challenges/{challenge}/resolve/", "challenge"),
        ("/challenges/{challenge}/withdraw/", "challenge"),
        ("/challenges/new/{child}/", "child"),
        ("/challenges/child/{child}/", "child"),
        ("/challenges/", "challenge"),
    ],
)
def test_every_page_that_shows_a_child_writes_exactly_one_event(signed_in, northfield, challenge, path, object_type):
    url = path.format(challenge=challenge.id, child=northfield.child.id)
    response = signed_in(northfield.raiser).get(url, HTTP_USER_AGENT="Test browser")
    assert response.status_code == 200
    assert "Zephyrine Quillfeather" in response.content.decode()
    event = only_event()
    expected_id = str(challenge.id) if object_type == "challenge" else str(northfield.child.id)
    assert (event.user, event.object_type, event.object_ids, event.route, event.channel) == (
        northfield.raiser,
        object_type,
        [expected_id],
        url,
        "page",
    )
    assert event.action == ("list" if path == "/challenges/" else "view")


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/challenges/new/{child}/", {"decision_summary": ""}),
        ("/challenges/{challenge}/escalate/", {"to_level": "2", "reason": ""}),
        ("/challenges/{challenge}/resolve/", {"outcome": "", "resolution_text": ""}),
        ("/challenges/{challenge}/withdraw/", {"reason": ""}),
    ],
)
def test_a_form_shown_again_with_errors_writes_one_event(signed_in, northfield, challenge, path, data):
    url = path.format(challenge=challenge.id, child=northfield.child.id)
    response = signed_in(northfield.raiser).post(url, data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    only_event()


def test_a_successful_post_redirects_and_writes_no_read_event(signed_in, northfield, challenge):
    response = signed_in(northfield.raiser).post(
        f"/challenges/{challenge.id}/withdraw/", {"reason": "Talked it through"}
    )
    assert response.status_code == 302
    assert not AccessEvent.objects.exists()


def test_an_empty_list_shows_no_child_and_writes_no_event(signed_in, northfield):
    response = signed_in(northfield.screener).get("/challenges/")
    assert "You have not raised any challenges" in response.content.decode()
    assert not AccessEvent.objects.exists()


def test_the_report_writes_no_event(signed_in, northfield, challenge):
    assert signed_in(northfield.analyst).get("/challenges/report/").status_code == 200
    assert not AccessEvent.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("analyst", 200), ("manager", 200), ("raiser", 403), ("screener", 403)])
def test_the_report_is_for_analysts_and_team_managers(signed_in, northfield, who, status):
    assert signed_in(getattr(northfield, who)).get("/challenges/report/").status_code == status
