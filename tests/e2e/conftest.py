"""Browser fixtures: one headless Chromium for the whole run, a fresh page per test,
and for the journeys a demo server per module and a driver per mode (`journey`).

Playwright's sync API keeps an event loop in the main thread, which makes Django's
ORM refuse to run there ("SynchronousOnlyOperation") although nothing here is
async; this flag tells Django the calls are safe.
"""

import os
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from .a11y import Axe11y
from .browser import launch, new_context
from .driving import DRIVERS, Mode

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(items):
    """Everything under tests/e2e/ is a browser test, marked or not. A module's journeys
    share its `demo_server`, so under pytest-xdist they run on one worker, which loads
    the demo once (`--dist loadgroup`, set in the Makefile)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)
            if "demo_server" in item.fixturenames:
                item.add_marker(pytest.mark.xdist_group(item.module.__name__))


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


@pytest.fixture
def axe(browser):
    """axe-core, with a page of its own to replay JavaScript-less pages into; closed
    after the test, so no connection to the test's server outlives it."""
    checker = Axe11y(browser)
    yield checker
    checker.close()


@pytest.fixture(scope="module")
def demo_server(django_db_setup, django_db_blocker):
    """The demo data, loaded once for a module's journeys, and a live server of its own.

    Loading the demo takes seconds, so a journey's three runs (mouse, no JavaScript,
    keyboard) share one load; each run acts as different people on different objects,
    so they never meet. pytest-django's `live_server` would flush the database after
    every test, so the module has its own server; the data is flushed at the end of
    the module, as a transactional test would.
    """
    from django.db import DEFAULT_DB_ALIAS, connection, connections
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        # The journeys ask for `db`, so pytest-django has made a test database; never
        # load (and flush) a real one.
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, f"not a test database: {name}"
        call_command("load_demo", stdout=StringIO())
        # Each request closes its database connection, so none is left open on a
        # kept-alive socket when the test database is dropped at the end of the run.
        database = connections.settings[DEFAULT_DB_ALIAS]
        max_age = database.get("CONN_MAX_AGE", 0)
        database["CONN_MAX_AGE"] = 0
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server.url
        finally:
            # Let requests still being answered finish (the browsers have closed) before
            # the server stops sharing the database connection with them.
            for thread in threading.enumerate():
                if thread.name.endswith("(process_request_thread)"):
                    thread.join(timeout=5)
            server._live_server_modified_settings.disable()
            server.stop()
            database["CONN_MAX_AGE"] = max_age
            call_command("flush", interactive=False, verbosity=0)
            # While Playwright runs, Django keeps this thread's connection per async
            # context, so this one is not the one the test database teardown closes.
            connection.close()


@pytest.fixture(params=list(Mode), ids=str)
def journey(request, db, browser, axe, screenshots):
    """A fresh browser for one journey, driven in each mode in turn: with a mouse, with
    JavaScript turned off, and by keyboard alone.

    With the mouse (JavaScript on or off) axe checks every page the journey shows;
    the keyboard journey shows the same pages with the same JavaScript, so there it
    is focus that is checked instead. Screenshots are taken on the mouse journey.

    It asks for `db` so that pytest-django sets up the test database (and lets the
    test read it); the data itself comes from `demo_server`, committed before the
    test's transaction begins.
    """
    mode = request.param
    context = new_context(browser, javascript=mode.javascript)
    driver = DRIVERS[mode](
        context.new_page(),
        axe=None if mode is Mode.KEYBOARD else axe,
        screenshots=screenshots if mode is Mode.MOUSE else None,
    )
    yield driver
    context.close()
