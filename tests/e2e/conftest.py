"""Browser fixtures: one headless Chromium for the whole run, a fresh page per test.

Playwright's sync API keeps an event loop in the main thread, which makes Django's
ORM refuse to run there ("SynchronousOnlyOperation") although nothing here is
async; this flag tells Django the calls are safe.
"""

import os
from pathlib import Path

import pytest

from .browser import launch, new_context

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(items):
    """Everything under tests/e2e/ is a browser test, marked or not."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = new_context(browser)
    yield context.new_page()
    context.close()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
