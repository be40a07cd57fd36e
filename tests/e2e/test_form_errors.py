"""Every form's error state in a real browser (the forms are listed in form_errors.py).

Each form is submitted empty or invalid, and the page that comes back must show the
GOV.UK error summary with links to fields that exist, start its title with "Error:",
have moved focus to the summary, and pass axe-core with no violations.

One world, one test: each form is a subtest, and each person signs in once (a
session cookie), so the whole list takes seconds rather than minutes.
"""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.world import build_world

from .browser import new_context
from .form_errors import ERROR_CASES

pytestmark = pytest.mark.e2e

# Empties every box a person types in; radios, checkboxes and lists are left alone.
CLEAR_SCRIPT = """(form) => {
  for (const box of form.querySelectorAll('input, textarea')) {
    if (box.tagName === 'TEXTAREA' ||
        ['text', 'email', 'search', 'password', 'url', 'tel', 'number'].includes(box.type)) {
      box.value = '';
    }
  }
}"""

SUMMARY_SCRIPT = """() => {
  const summary = document.querySelector('.govuk-error-summary');
  const links = [...summary.querySelectorAll('a')].map(a => a.getAttribute('href'));
  return {
    focused: summary.contains(document.activeElement),
    missing: links.filter(href => !href.startsWith('#') ||
                                  !document.getElementById(href.slice(1))),
    count: links.length,
  };
}"""


def _page_for(browser, base_url, user):
    context = new_context(browser)
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]
        )
    return context.new_page()


def _submit_invalid(page, case):
    form = page.locator("main form[method='post']").first
    if case.prepare is None:
        form.evaluate(CLEAR_SCRIPT)
    else:
        case.prepare(page)
    if case.button:
        button = page.get_by_role("button", name=case.button, exact=True)
    else:
        button = form.locator("button[type='submit'], input[type='submit']").first
    with page.expect_navigation():
        button.click()


def test_every_form_shows_its_errors_accessibly(
    transactional_db, live_server, browser, axe, subtests
):
    world = build_world()
    pages = {}
    try:
        for case in ERROR_CASES:
            with subtests.test(form=case.id):
                if case.actor not in pages:
                    user = None if case.actor == "anonymous" else world.actor(case.actor)
                    pages[case.actor] = _page_for(browser, live_server.url, user)
                page = pages[case.actor]
                response = page.goto(live_server.url + case.path(world))
                assert response.ok, f"{case.id}: {response.status} at {page.url}"
                _submit_invalid(page, case)

                expect(page.locator(".govuk-error-summary")).to_be_visible()
                assert page.title().startswith("Error: "), page.title()
                summary = page.evaluate(SUMMARY_SCRIPT)
                assert summary["count"] > 0, "the error summary links to no field"
                assert not summary["missing"], f"summary links to nothing: {summary['missing']}"
                assert summary["focused"], "focus did not move to the error summary"
                axe.assert_no_violations(page, f"the error state of {case.id}")
    finally:
        for page in pages.values():
            page.context.close()
