"""The axe helper finds real problems: a passing page means something only if a failing one fails."""

import re

import pytest
from playwright.sync_api import Page

from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_axe_reports_low_contrast_and_unlabelled_fields_with_their_selectors(live_server, page: Page) -> None:
    page.goto(f"{live_server.url}/sign-in/")
    # Spoil the page. The colour is set through the CSSOM: the CSP blocks inline style attributes.
    page.evaluate(
        """() => {
            const main = document.querySelector('main');
            main.insertAdjacentHTML('beforeend',
                '<p id="faint" class="govuk-body">Faint text</p><input id="nameless" class="govuk-input" type="text">');
            document.getElementById('faint').style.color = '#cccccc';
        }"""
    )
    with pytest.raises(AssertionError) as failure:
        assert_no_axe_violations(page)
    message = str(failure.value)
    assert re.search(r"- color-contrast \(serious\): .*\n\s+at #faint", message), message
    assert re.search(r"- label \(critical\): .*\n\s+at #nameless", message), message
