"""The Content-Security-Policy in a real browser: pages, the digest's framed email, the
API docs and the second-factor pages all work with nothing blocked.

Chromium reports each thing the policy blocks on the console ("Refused to ...
because it violates the following Content Security Policy directive") and as a
`securitypolicyviolation` event; both are collected for every frame.
"""

import re
from base64 import b32decode
from binascii import unhexlify

import pytest
from django.utils import timezone
from django_otp.oath import totp

from governance.digests import digest_period, digest_plan
from tests.factories import DEFAULT_PASSWORD, ProgressUpdateFactory
from tests.world import build_world

from .browser import new_context

pytestmark = pytest.mark.e2e

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.top.__cspViolations && window.top.__cspViolations.push(
    event.violatedDirective + " " + event.blockedURI
  );
});
"""


@pytest.fixture
def site(transactional_db, live_server):
    world = build_world()
    return live_server.url, world


@pytest.fixture
def browser_page(browser):
    context = new_context(browser)
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda message: (
            page.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    yield page
    context.close()


def csp_problems(page) -> list[str]:
    reported = page.evaluate("window.__cspViolations || []")
    logged = [text for text in page.console_errors if "Content Security Policy" in text]
    return reported + logged


def sign_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_pages_run_their_scripts_and_styles_with_nothing_blocked(site, browser_page):
    base, world = site
    page = browser_page
    sign_in(page, base, world.lead.email)
    assert page.url == f"{base}/"
    # supported.js (a file, not an inline script) ran before the page rendered.
    assert "govuk-frontend-supported" in page.evaluate("document.body.className")
    # The compiled stylesheet applies on every page: GOV.UK sets the body's margin to 0
    # where a browser's own default is 8px.
    for path in ("/", world.adoption.get_absolute_url(), "/directory/", "/accounts/"):
        page.goto(base + path)
        assert page.evaluate("getComputedStyle(document.body).margin") == "0px", path
    assert csp_problems(page) == []


def test_the_digest_email_shows_with_its_inline_styles_in_its_frame(site, browser_page):
    base, world = site
    period = digest_period(timezone.localdate())
    ProgressUpdateFactory(
        actor=world.lead, adoption=world.adoption, period=period, rag="green", submit=True
    )
    digest_plan(board=world.board, period=period, now=timezone.now(), queue=False)
    page = browser_page
    sign_in(page, base, world.board_member.email)
    page.goto(f"{base}/boards/{world.board.slug}/digests/{period:%Y-%m}/")
    frame = page.frame_locator("iframe.app-digest-frame")
    heading = frame.locator("h1")
    heading.wait_for()
    assert heading.inner_text() == world.board.name
    # The email's own inline style (font-size:28px) applied inside the frame.
    assert heading.evaluate("element => getComputedStyle(element).fontSize") == "28px"
    assert csp_problems(page) == []


def test_the_api_docs_load_under_the_policy(site, browser_page):
    base, _world = site
    page = browser_page
    page.goto(f"{base}/api/docs/")
    title = page.locator(".swagger-ui .info .title")
    title.wait_for()
    assert "Adopt & Adapt API" in title.inner_text()
    page.locator(".opblock-tag").first.wait_for()
    assert csp_problems(page) == []


def test_an_admin_sets_up_an_app_and_enters_its_code(site, browser_page, settings):
    base, world = site
    settings.ADMIN_TWO_FACTOR_REQUIRED = True
    page = browser_page
    sign_in(page, base, world.directory_admin.email)
    assert re.search(r"/accounts/two-factor/setup/\?next=%2F$", page.url), page.url
    qr = page.get_by_role("img", name="QR code for your authenticator app")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box["width"] == 200 and box["height"] == 200
    key_text = page.locator("#otp-key").inner_text().replace(" ", "")
    key = _hex_key(key_text)
    page.get_by_label("Code from your authenticator app").fill(f"{totp(unhexlify(key)):06d}")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert page.url == f"{base}/"
    assert "Your authenticator app is set up" in page.content()
    page.goto(f"{base}/people/")
    assert page.get_by_role("heading", level=1).is_visible()
    assert "/accounts/two-factor" not in page.url
    assert csp_problems(page) == []


def _hex_key(base32_text: str) -> str:
    padded = base32_text + "=" * (-len(base32_text) % 8)
    return b32decode(padded).hex()


def test_the_policy_blocks_inline_code_and_the_test_sees_it(site, browser_page):
    """The checks above could fail: an inline script or style added to a page is refused,
    and reported."""
    base, _world = site
    page = browser_page
    page.goto(f"{base}/accounts/login/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ran = true";
          document.body.append(script);
          const style = document.createElement("style");
          style.textContent = "body { margin: 40px }";
          document.head.append(style);
        }"""
    )
    # Violation reports are events, dispatched after the elements are refused.
    page.wait_for_function("window.__cspViolations.length >= 2")
    assert page.evaluate("window.__ran === undefined")
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
    problems = csp_problems(page)
    assert any(problem.startswith("script-src") for problem in problems), problems
    assert any(problem.startswith("style-src") for problem in problems), problems
