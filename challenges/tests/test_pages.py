"""The pages through HTTP: raising, escalating, resolving and withdrawing a challenge, their error
messages, the lists, the child's chronology, and the partnership report."""

import datetime as dt
import html
import re

import pytest
from django.utils import timezone

from accounts.models import Role
from challenges.models import Challenge
from challenges.services import challenge_escalate, challenge_resolve, challenge_withdraw
from challenges.tests.conftest import raise_challenge
from tests.factories import MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db

SAFETY_NOTE = "Raising a challenge does not stop or delay any action to keep the child safe"


def text(response) -> str:
    return html.unescape(response.content.decode())


def error_summary(page: str) -> list[str]:
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', page, re.DOTALL)
    assert match, "no error summary on the page"
    return [item.strip() for item in re.findall(r"<li><a [^>]*>(.*?)</a></li>", match.group(0))]


# --- raising ----------------------------------------------------------------------------------


def test_the_raise_page_names_the_child_and_says_safeguarding_goes_on(signed_in, northfield):
    page = text(signed_in(northfield.raiser).get(f"/challenges/new/{northfield.child.id}/"))
    assert "Raise a professional challenge" in page
    assert "Zephyrine Quillfeather, NFD-777001" in page
    assert SAFETY_NOTE in page
    assert "Social care east (Northfield Council)" in page  # the teams to choose from
    assert northfield.decision_maker.display_name in page
    assert "Which agency are you raising this for?" not in page  # one agency: recorded without asking


def test_raising_with_nothing_filled_in_says_what_is_missing(signed_in, northfield):
    response = signed_in(northfield.raiser).post(
        f"/challenges/new/{northfield.child.id}/", {"decision_summary": " ", "challenge_text": ""}
    )
    page = text(response)
    assert response.status_code == 200
    assert "<title>Error: Raise a professional challenge" in page
    assert error_summary(page) == [
        "Enter what decision you are challenging",
        "Enter why you disagree with the decision",
        "Choose the team or the person who made the decision",
    ]
    assert 'href="#id_decision_summary"' in page
    assert 'href="#id_owner_team"' in page
    assert not Challenge.objects.exists()


def test_raising_a_challenge_end_to_end(signed_in, northfield):
    p = northfield
    client = signed_in(p.raiser)
    response = client.post(
        f"/challenges/new/{p.child.id}/",
        {
            "decision_summary": "Case closed after one visit",
            "decision_kind": "closure",
            "challenge_text": "She went missing twice since the visit.",
            "owner_team": str(p.social_team.id),
            "owner_user": str(p.decision_maker.id),
        },
    )
    challenge = Challenge.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/challenges/{challenge.id}/"
    page = text(client.get(response["Location"]))
    assert "Challenge raised" in page
    assert "Case closed after one visit" in page
    assert "Case closure" in page
    assert "She went missing twice since the visit." in page
    assert "Level 1: practitioner to practitioner" in page
    assert f"{p.decision_maker.display_name}, Social care east (Northfield Council)" in page
    assert "Raised at level 1" in page
    assert SAFETY_NOTE in page
    # the raiser may withdraw, resolve and escalate
    assert "Withdraw the challenge" in page
    assert "Escalate to level 2" in page
    # and the child's chronology says so, for everyone who sees the child
    record = text(signed_in(p.decision_maker).get(f"/children/{p.child.id}/"))
    assert "Professional challenge raised by Tamsin Raiser (Northfield Academy) at level 1" in record


def test_a_raiser_in_two_agencies_chooses_one(signed_in, northfield):
    p = northfield
    MembershipFactory.create(user=p.raiser, team=TeamFactory.create(agency=p.police), role=Role.LEAD_WORKER)
    client = signed_in(p.raiser)
    assert "Which agency are you raising this for?" in text(client.get(f"/challenges/new/{p.child.id}/"))
    response = client.post(
        f"/challenges/new/{p.child.id}/",
        {"decision_summary": "d", "challenge_text": "t", "owner_user": str(p.decision_maker.id)},
    )
    assert error_summary(text(response)) == ["Select the agency you are raising this challenge for"]


def test_a_made_up_choice_is_refused_by_name(signed_in, northfield):
    response = signed_in(northfield.raiser).post(
        f"/challenges/new/{northfield.child.id}/",
        {"decision_summary": "d", "decision_kind": "vibes", "challenge_text": "t", "owner_team": "999999"},
    )
    assert error_summary(text(response)) == [
        "Select the kind of decision from the list, or leave it blank",
        "Select a team from the list",
    ]


# --- escalating -------------------------------------------------------------------------------


def test_escalating_needs_a_reason_and_a_new_owner(signed_in, northfield, challenge):
    response = signed_in(northfield.raiser).post(f"/challenges/{challenge.id}/escalate/", {"to_level": "2"})
    page = text(response)
    assert "<title>Error: Escalate the challenge" in page
    assert error_summary(page) == [
        "Enter why you are escalating the challenge",
        "Choose the team or the person who will own the challenge at level 2",
    ]
    challenge.refresh_from_db()
    assert challenge.level == 1


def test_escalating_through_the_page(signed_in, northfield, challenge):
    p = northfield
    client = signed_in(p.raiser)
    page = text(client.get(f"/challenges/{challenge.id}/escalate/"))
    assert "Escalate the challenge to level 2" in page
    assert "Level 2: team managers or supervisors" in page
    assert 'name="to_level" value="2"' in page
    response = client.post(
        f"/challenges/{challenge.id}/escalate/",
        {"to_level": "2", "reason": "No reply in two working days", "owner_user": str(p.manager.id)},
    )
    assert response.status_code == 302
    page = text(client.get(response["Location"]))
    assert "Challenge escalated to level 2" in page
    assert "Escalated from level 1 to level 2" in page
    assert "No reply in two working days" in page
    assert "Escalate to level 3" in page


def test_a_stale_escalation_form_is_refused_and_shows_the_level_now(signed_in, northfield, challenge):
    p = northfield
    challenge_escalate(
        user=p.manager, challenge_id=challenge.id, to_level=2, reason="r", owner_user=p.manager, owner_team=None
    )
    response = signed_in(p.raiser).post(
        f"/challenges/{challenge.id}/escalate/",
        {"to_level": "2", "reason": "also", "owner_user": str(p.manager.id)},
    )
    page = text(response)
    assert error_summary(page) == ["This challenge is already at level 2: it can only be escalated to level 3"]
    assert 'name="to_level" value="3"' in page


def test_level_4_cannot_be_escalated_further(signed_in, northfield, challenge):
    p = northfield
    for level in (2, 3, 4):
        challenge_escalate(
            user=p.raiser,
            challenge_id=challenge.id,
            to_level=level,
            reason="r",
            owner_user=None,
            owner_team=p.police_team,
        )
    client = signed_in(p.raiser)
    assert "This challenge cannot be escalated further" in text(client.get(f"/challenges/{challenge.id}/escalate/"))
    page = text(client.get(f"/challenges/{challenge.id}/"))
    assert "Level 4: safeguarding partnership business unit or independent chair" in page
    assert "the highest level: it cannot be escalated further" in page
    response = client.post(
        f"/challenges/{challenge.id}/escalate/", {"to_level": "5", "reason": "r", "owner_team": str(p.police_team.id)}
    )
    assert error_summary(text(response)) == [
        "This challenge is at level 4, the highest level, so it cannot be escalated further"
    ]


# --- resolving and withdrawing ---------------------------------------------------------------


def test_resolving_with_nothing_filled_in_says_what_is_missing(signed_in, northfield, challenge):
    response = signed_in(northfield.decision_maker).post(f"/challenges/{challenge.id}/resolve/", {})
    page = text(response)
    assert "<title>Error: Record how the challenge was resolved" in page
    assert error_summary(page) == ["Select the outcome of the challenge", "Enter how the challenge was resolved"]
    assert 'href="#id_outcome"' in page  # the summary links to the first radio
    assert 'id="id_outcome"' in page


def test_resolving_through_the_page(signed_in, northfield, challenge):
    client = signed_in(northfield.decision_maker)
    response = client.post(
        f"/challenges/{challenge.id}/resolve/",
        {"outcome": "decision_upheld", "resolution_text": "Explained the threshold; the school agreed"},
    )
    assert response.status_code == 302
    page = text(client.get(response["Location"]))
    assert "Challenge resolved" in page
    assert "Decision upheld" in page
    assert "Explained the threshold; the school agreed" in page
    assert "Resolved at level 1: decision upheld" in page
    assert "Record the resolution" not in page
    again = text(client.get(f"/challenges/{challenge.id}/escalate/"))
    assert "This challenge is resolved" in again
    response = client.post(f"/challenges/{challenge.id}/resolve/", {"outcome": "other", "resolution_text": "again"})
    assert error_summary(text(response)) == ["This challenge is resolved, so it cannot be resolved"]


def test_withdrawing_needs_a_reason(signed_in, northfield, challenge):
    client = signed_in(northfield.raiser)
    response = client.post(f"/challenges/{challenge.id}/withdraw/", {"reason": ""})
    assert error_summary(text(response)) == ["Enter why you are withdrawing the challenge"]
    response = client.post(f"/challenges/{challenge.id}/withdraw/", {"reason": "Resolved in conversation"})
    page = text(client.get(response["Location"]))
    assert "Challenge withdrawn" in page
    assert "Withdrawn at level 1" in page


# --- lists ------------------------------------------------------------------------------------


def test_your_list_shows_what_you_raised_own_or_oversee(signed_in, northfield, challenge):
    p = northfield
    page = text(signed_in(p.raiser).get("/challenges/"))
    assert "Zephyrine Quillfeather" in page
    assert "You raised it" in page
    assert "You own it" in text(signed_in(p.decision_maker).get("/challenges/"))
    assert "Owned by someone in a team you manage" in text(signed_in(p.manager).get("/challenges/"))
    assert "Partnership report on professional challenge" in text(signed_in(p.manager).get("/challenges/"))


def test_the_childs_challenges_page_lists_them_and_offers_to_raise_one(signed_in, northfield, challenge):
    page = text(signed_in(northfield.screener).get(f"/challenges/child/{northfield.child.id}/"))
    assert "Professional challenges" in page
    assert "Risk level confirmed as low at screening" in page
    assert f"/challenges/new/{northfield.child.id}/" in page
    assert SAFETY_NOTE in page


# --- the partnership report -------------------------------------------------------------------


def test_the_report_suppresses_small_numbers_and_names_no_child(signed_in, northfield):
    p = northfield
    for _ in range(3):
        raise_challenge(p)
    page = text(signed_in(p.analyst).get("/challenges/report/"))
    assert "Professional challenge: partnership report" in page
    assert 'Numbers from 1 to 4 are shown as "fewer than 5"' in page
    assert re.search(r"Challenges raised</dt><dd[^>]*>fewer than 5</dd>", page)
    assert page.count("fewer than 5") >= 4
    for secret in ("Zephyrine", "Quillfeather", "NFD-777001", str(p.child.id), "Risk level confirmed", "Tamsin"):
        assert secret not in page
    assert "Not shown: fewer than 5 challenges have been resolved" in page


def test_the_report_shows_counts_of_5_or_more_and_the_median(signed_in, northfield):
    p = northfield
    for days in range(1, 7):  # six resolved, after 1 to 6 days
        challenge = raise_challenge(p)
        challenge_resolve(user=p.raiser, challenge_id=challenge.id, outcome="decision_upheld", resolution_text="ok")
        Challenge.objects.filter(pk=challenge.pk).update(raised_at=timezone.now() - dt.timedelta(days=days))
    challenge_withdraw(user=p.raiser, challenge_id=raise_challenge(p).id, reason="r")
    for _ in range(5):
        raise_challenge(p)
    page = text(signed_in(p.manager).get("/challenges/report/"))
    cells = dict(
        re.findall(r'<th scope="row" class="govuk-table__header">(.*?)</th>\s*<td[^>]*>(?:<strong>)?(.*?)<', page)
    )
    assert cells["Resolved"] == "6"
    assert cells["Withdrawn"] == "fewer than 5"
    assert cells["Open"] == "not shown"  # else "fewer than 5" withdrawn = 12 - 6 - 5
    assert cells["Northfield Academy"] == "12"
    assert cells["Northshire Police"] == "0"
    assert cells["Screening or risk level"] == "12"
    assert cells["Level 1: practitioner to practitioner"] == "12"
    assert "3.5 days" in page


def test_a_tampered_level_is_refused_by_name(signed_in, northfield, challenge):
    client = signed_in(northfield.raiser)
    response = client.post(f"/challenges/{challenge.id}/escalate/", {"to_level": "two", "reason": "r"})
    assert error_summary(text(response)) == ["The level to escalate to is not a level: open the page again"]
    response = client.post(
        f"/challenges/{challenge.id}/escalate/",
        {"to_level": "4", "reason": "r", "owner_team": str(northfield.police_team.id)},
    )
    assert error_summary(text(response)) == [
        "A challenge is escalated one level at a time: from level 1 it can go to level 2 only"
    ]
