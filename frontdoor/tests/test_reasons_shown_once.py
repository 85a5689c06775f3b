"""The tool's reasons name the rules that held, and each indicator is shown once, in its domain
(decision 0027). Issue: the reasons printed the same indicator list twice."""

import pytest
from django.utils.html import escape

from assessments.selectors import assessment_tool_active, tool_definition_of
from frontdoor.tests.test_api_journey import contact_body, post, review_date

pytestmark = pytest.mark.usefixtures("assessment_tool")

# One serious indicator and six of concern across several domains: both rules for high hold, and the
# serious indicator counts for both.
SELECTED = [
    "trauma_bond",
    "going_missing",
    "older_associates",
    "unexplained_possessions",
    "tired_or_unwell",
    "sexting",
    "new_street_language",
]


def test_each_indicator_appears_once_on_the_confirm_and_the_decision_pages(signed_in, partnership):
    web = signed_in(partnership["screener.nfd"])
    contact = post(web, "/api/v1/contacts/", contact_body(linked_children=[])).json()
    screening = post(
        web,
        f"/api/v1/contacts/{contact['id']}/screening",
        {"case_status": "new_case", "selected_indicators": SELECTED},
    ).json()
    assert len(screening["assessment"]["suggestion_reasons"]) == 2  # both rules for high hold
    tool = tool_definition_of(assessment_tool_active())
    texts = {code: escape(tool.indicators[code][1].text) for code in SELECTED}

    confirm = web.get(f"/screenings/{screening['id']}/confirm/").content.decode()
    assert "The tool suggests high risk." in confirm
    assert "Suggests high because of any serious indicator (1 selected, in 1 domain)." in confirm
    for code, text in texts.items():
        assert confirm.count(text) == 1, code
    assert confirm.count("counted for the suggestion") == len(SELECTED)

    decided = post(
        web,
        f"/api/v1/screenings/{screening['id']}/decision",
        {"confirmed_level": "high", "reason": "", "review_due_on": review_date()},
    )
    assert decided.status_code == 200, decided.content
    page = web.get(f"/screenings/{screening['id']}/").content.decode()
    for code, text in texts.items():
        assert page.count(text) == 1, code
    # Grouped by domain: each indicator sits in its own domain's row.
    for code in SELECTED:
        domain, _ = tool.indicators[code]
        row_start = page.index(f"{escape(domain.title)}</dt>")
        assert page.index(texts[code]) > row_start
        assert page.index(texts[code]) < page.index("</dd>", row_start)


def test_only_what_the_rules_counted_is_marked(signed_in, partnership):
    web = signed_in(partnership["screener.nfd"])
    contact = post(web, "/api/v1/contacts/", contact_body(linked_children=[])).json()
    # The serious indicator decides high; the vulnerability factor counts for no rule at that level.
    screening = post(
        web,
        f"/api/v1/contacts/{contact['id']}/screening",
        {"case_status": "new_case", "selected_indicators": ["trauma_bond", "low_self_esteem"]},
    ).json()
    domains = {row["code"]: row for row in screening["assessment"]["domains"]}
    assert [row["counted"] for row in domains.values() if row["selected"]] in (
        [["trauma_bond"], []],
        [[], ["trauma_bond"]],
    )
    confirm = web.get(f"/screenings/{screening['id']}/confirm/").content.decode()
    assert confirm.count("counted for the suggestion") == 1
