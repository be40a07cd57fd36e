"""The checks the journeys rely on, shown to catch what they are for: axe reports a
problem with JavaScript on and off, the one accepted finding is accepted and nothing
else, and the keyboard driver fails on an element whose focus cannot be seen."""

import pytest

from .a11y import _without_accepted
from .browser import new_context
from .driving import KeyboardDriver

pytestmark = pytest.mark.e2e

BROKEN_MARKUP = '<img src="/static/build/images/favicon.svg"><input type="text">'


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_axe_finds_a_problem_with_and_without_javascript(live_server, browser, axe, javascript):
    context = new_context(browser, javascript=javascript)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    assert axe.violations(page, javascript=javascript) == []
    page.evaluate(
        "(html) => document.querySelector('main').insertAdjacentHTML('beforeend', html)",
        BROKEN_MARKUP,
    )
    found = {v["id"] for v in axe.violations(page, javascript=javascript)}
    context.close()
    assert {"image-alt", "label"} <= found


def _aria_allowed_attr(html: str, attributes: list[str]) -> dict:
    node = {"html": html, "any": [], "all": [{"data": attributes}], "none": []}
    return {"id": "aria-allowed-attr", "nodes": [node]}


def test_only_aria_expanded_on_a_govuk_radio_is_accepted():
    radio = '<input class="govuk-radios__input" type="radio" aria-expanded="false">'
    assert _without_accepted([_aria_allowed_attr(radio, ['aria-expanded="false"'])]) == []
    kept = [
        _aria_allowed_attr(radio, ['aria-expanded="true"', 'aria-pressed="true"']),
        _aria_allowed_attr('<input type="checkbox">', ['aria-expanded="true"']),
        {"id": "color-contrast", "nodes": [{"html": radio}]},
    ]
    assert _without_accepted(kept) == kept


def test_the_keyboard_driver_fails_where_focus_cannot_be_seen(live_server, browser):
    # The site's Content-Security-Policy forbids inline styles; this test adds one.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    keyboard = KeyboardDriver(page)
    page.goto(live_server.url + "/accounts/login/")
    keyboard.focus(page.get_by_label("Password", exact=True))
    assert any("Password" in step for step in keyboard.focus_path)

    page.reload()
    page.add_style_tag(content="*:focus { outline: none !important; box-shadow: none !important; }")
    with pytest.raises(AssertionError, match="no visible focus indicator"):
        keyboard.focus(page.get_by_label("Password", exact=True))
    context.close()
