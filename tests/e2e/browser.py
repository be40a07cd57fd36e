"""How the browser tests start Chromium and open a clean window."""

from tests.availability import CHROMIUM_PATH

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright):
    return playwright.chromium.launch(
        executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
    )


def new_context(browser, *, javascript: bool = True):
    """A clean browser context: no cookies, so no one is signed in."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", java_script_enabled=javascript
    )
    context.set_default_timeout(10_000)
    return context
