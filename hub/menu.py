"""The home page's list of the pages a user works from beyond the menu (decision 0036). Each link is
offered on the same answer its page's gate gives, so that no one is shown a page that refuses them,
and each role finds its pages from the home page. This module reads no child's data."""

from dataclasses import dataclass

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from accounts.models import User
from accounts.standing import standing_of
from challenges.access import may_read_challenge_report
from frontdoor.access import may_make_referral
from frontdoor.services.contacts import front_door_team_of


@dataclass(frozen=True)
class PageLink:
    label: str
    url: str
    hint: str = ""


def _records_contacts(user: User) -> bool:
    try:
        front_door_team_of(user)
    except ValidationError:
        return False
    return True


def home_page_links(*, request: HttpRequest, user: User) -> list[PageLink]:
    """The pages the user works from that the menu does not name, in the order of their work."""
    standing = standing_of(user)
    links: list[PageLink] = []
    if _records_contacts(user):
        links += [
            PageLink("Record a contact", reverse("frontdoor:contact_new"), "a concern about a child, to screen"),
            PageLink("Contacts to screen", reverse("hub:worklist") + "#to-screen"),
        ]
    if standing.managed_team_ids:
        links.append(PageLink("Team caseload", reverse("hub:team_caseload"), "the children your teams hold"))
    if may_make_referral(user):  # a professional (decision 0031): the referrals they made
        referrals_hint = "referrals to match, and those you made" if standing.is_screener else "those you made"
        links.append(PageLink("Referrals", reverse("frontdoor:referral_list"), referrals_hint))
    if standing.agency_ids:
        links.append(PageLink("Your agency's MEG actions", reverse("meetings:my_actions")))
    if standing.is_meg_member:
        links.append(PageLink("Letter templates", reverse("meetings:letter_templates"), "the MEG's standard letters"))
    if standing.is_meg_member or standing.is_partnership_analyst:
        links.append(PageLink("MEG strategic summaries", reverse("meetings:summaries"), "de-identified, for MESA"))
    if may_read_challenge_report(user):
        links.append(PageLink("Professional challenge: partnership report", reverse("challenges:report")))
    if standing.is_intelligence_officer:
        links += [
            PageLink("Search intelligence", reverse("intelligence:search")),
            PageLink("Suggested matches to review", reverse("intelligence:review_list")),
            PageLink("The network", reverse("intelligence:network"), "who links to whom"),
        ]
    links.append(PageLink("Your submissions", reverse("intelligence:my_submissions"), "information you shared"))
    if admin.site.has_permission(request):
        links.append(PageLink("Administration", reverse("admin:index"), "agencies, teams and accounts"))
    return links
