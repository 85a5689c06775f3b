"""Every page a demo role works from is linked from the menu or the home page, and every page they are
offered opens for them (decision 0036): no role hunts for a page, and none is offered one that refuses."""

import re

import pytest

pytestmark = pytest.mark.django_db

# What every professional of a partner agency works from.
PROFESSIONAL = ("/", "/tasks/", "/children/", "/referrals/new/", "/referrals/", "/intelligence/share/", "/challenges/")
CASE_WORK = (*PROFESSIONAL, "/meetings/", "/meetings/actions/")
MEG = (*PROFESSIONAL, "/meetings/", "/meetings/actions/", "/meetings/summaries/", "/meetings/letter-templates/")

MAIN_PAGES: dict[str, tuple[str, ...]] = {
    "screener.nfd": (*CASE_WORK, "/contacts/new/"),
    "socialworker.nfd": CASE_WORK,
    "teammanager.nfd": (*CASE_WORK, "/caseload/team/", "/challenges/report/"),
    "firstresponse.nfd": CASE_WORK,
    "earlyhelp.nfd": CASE_WORK,
    "cseworker.nfd": CASE_WORK,
    "teacher.nfd": CASE_WORK,
    "schoolnurse.nfd": CASE_WORK,
    "youthworker.nfd": CASE_WORK,
    "megsupport.nfd": MEG,
    "megchair": MEG,
    "intel": (
        *PROFESSIONAL,
        "/intelligence/queue/",
        "/intelligence/search/",
        "/intelligence/review/",
        "/intelligence/network/",
        "/intelligence/my-submissions/",
    ),
    "analyst": (*PROFESSIONAL, "/challenges/report/", "/meetings/summaries/"),
    "admin": ("/", "/children/", "/admin/"),
}

# Pages some roles must not be offered, because they are refused there or have nothing there.
NOT_OFFERED: dict[str, tuple[str, ...]] = {
    "socialworker.nfd": ("/caseload/team/", "/contacts/new/", "/challenges/report/", "/intelligence/queue/"),
    "teacher.nfd": ("/caseload/team/", "/contacts/new/", "/meetings/letter-templates/", "/intelligence/search/"),
    "megsupport.nfd": ("/caseload/team/", "/intelligence/network/", "/challenges/report/"),
    "intel": ("/meetings/", "/caseload/team/", "/contacts/new/", "/admin/"),
    "analyst": ("/meetings/", "/meetings/letter-templates/", "/intelligence/review/", "/contacts/new/"),
    "admin": ("/referrals/new/", "/referrals/", "/meetings/actions/", "/contacts/new/", "/caseload/team/"),
}


def _offered(html: str) -> tuple[set[str], set[str]]:
    """The paths the menu links to, and those the whole page links to (fragments dropped)."""
    menu = html[html.index('id="navigation"') : html.index("</nav>", html.index('id="navigation"'))]
    paths = {href.split("#")[0] for href in re.findall(r'href="(/[^"]*)"', html)}
    menu_paths = {href.split("#")[0] for href in re.findall(r'href="(/[^"]*)"', menu)}
    return menu_paths, {path for path in paths if not path.startswith("/static/")}


@pytest.mark.parametrize("username", sorted(MAIN_PAGES))
def test_each_role_finds_its_pages_and_every_page_offered_opens(partnership, signed_in, username):
    web = signed_in(partnership[username])
    home = web.get("/")
    assert home.status_code == 200
    menu, offered = _offered(home.content.decode())
    assert {"/", "/tasks/", "/children/"} <= menu
    missing = [page for page in MAIN_PAGES[username] if page not in offered]
    assert not missing, f"{username} finds no link to {missing}"
    refused = {page: code for page in sorted(offered) if (code := web.get(page).status_code) != 200}
    assert not refused, f"{username} is offered pages that do not open: {refused}"
    wrongly = [page for page in NOT_OFFERED.get(username, ()) if page in offered]
    assert not wrongly, f"{username} is offered {wrongly}"


def test_the_menu_names_the_team_caseload_for_a_manager_and_meetings_for_case_workers(partnership, signed_in):
    manager, _ = _offered(signed_in(partnership["teammanager.nfd"]).get("/").content.decode())
    worker, _ = _offered(signed_in(partnership["socialworker.nfd"]).get("/").content.decode())
    assert {"/caseload/team/", "/meetings/"} <= manager
    assert "/meetings/" in worker
    assert "/caseload/team/" not in worker


def test_an_administrator_without_a_role_is_not_offered_the_referral_form_that_would_refuse_them(
    partnership, signed_in
):
    admin = signed_in(partnership["admin"])
    assert admin.get("/referrals/new/").status_code == 403
    assert 'href="/referrals/new/"' not in admin.get("/").content.decode()
