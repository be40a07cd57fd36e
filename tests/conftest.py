"""Fixtures shared by the whole suite, and the rule for tests that need a service.

`@pytest.mark.redis` tests run only when CELERY_BROKER_URL is a redis:// URL that
answers; `@pytest.mark.e2e` tests only when /usr/bin/chromium is installed.
Otherwise they skip with the reason, or fail when ADOPTADAPT_REQUIRE_SERVICES=1.
"""

from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from .availability import chromium_problem, missing_service, redis_problem
from .figures import figures, figures_merge, figures_report
from .world import World, build_world

# One check per service per run: the answer does not change while the suite runs.
_problems: dict[str, str | None] = {}


def _service_problem(service: str) -> str | None:
    if service not in _problems:
        if service == "redis":
            _problems[service] = redis_problem(settings.CELERY_BROKER_URL)
        else:
            _problems[service] = chromium_problem()
    return _problems[service]


def pytest_configure(config):
    # WhiteNoise warns when collectstatic has not been run; tests use the finders.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


def pytest_sessionfinish(session):
    """On a pytest-xdist worker: send this worker's figures to the controller."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["figures"] = figures()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """On the pytest-xdist controller: a worker finished; count its figures."""
    figures_merge(node.workeroutput.get("figures", {}))


def pytest_terminal_summary(terminalreporter):
    figures_report(terminalreporter, Path(__file__).resolve().parents[1] / "test-artifacts")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Every test has a node id of its own: pytest-xdist hands tests out by node id, and
    of several that share one it runs only the first, without a word."""
    shared = [nodeid for nodeid, count in Counter(i.nodeid for i in items).items() if count > 1]
    if shared:
        raise pytest.UsageError(f"tests share a node id: {', '.join(shared)}")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any fixture is set up: skip (or fail) a test whose service is missing."""
    for service in ("redis", "e2e"):
        if item.get_closest_marker(service) is not None:
            problem = _service_problem(service)
            if problem:
                missing_service(problem)


# --- The world and its people --------------------------------------------------


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def directory_admin(world):
    return world.directory_admin


@pytest.fixture
def lead(world):
    return world.lead


@pytest.fixture
def contributor(world):
    return world.contributor


@pytest.fixture
def originating_partner(world):
    return world.originating_partner


@pytest.fixture
def board_chair(world):
    return world.board_chair


@pytest.fixture
def board_member(world):
    return world.board_member


@pytest.fixture
def board_observer(world):
    return world.board_observer


@pytest.fixture
def unrelated_user(world):
    return world.unrelated_user


@pytest.fixture
def anonymous_client() -> Client:
    return Client()


@pytest.fixture
def client_for():
    """A signed-in test client for a user (a fresh client each call); None → anonymous."""

    def make(user) -> Client:
        client = Client()
        if user is not None and user.is_authenticated:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def kept_fragments(settings):
    """What adoptadapt/fragment_cache.py keeps is kept (the suite's default is off), from
    an empty cache; tests/fragments.py has the helpers."""
    from django.core.cache import caches

    settings.FRAGMENT_CACHE = True
    caches["pages"].clear()


# --- Security events -------------------------------------------------------------


@pytest.fixture
def security_events(caplog):
    """The security events logged during the test, as dicts of their fields.

    The `adoptadapt.security` logger writes JSON lines to its own handler and does not
    propagate, so pytest's capturing handler is attached to it directly."""
    import logging

    logger = logging.getLogger("adoptadapt.security")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="adoptadapt.security")

    def events(name=None):
        found = [
            record.security for record in caplog.records if record.name == "adoptadapt.security"
        ]
        return [event for event in found if name is None or event["event"] == name]

    yield events
    logger.removeHandler(caplog.handler)
