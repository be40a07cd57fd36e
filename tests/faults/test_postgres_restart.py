"""PostgreSQL restarted or down: gunicorn carries on without a restart of its own.

A private PostgreSQL 15 cluster (port 5441), migrated and given a little data, serves a
real gunicorn on production settings: persistent connections (CONN_MAX_AGE) checked
before reuse (CONN_HEALTH_CHECKS). A restart cuts every connection the workers hold;
the next requests must reconnect and answer 200. While the server is down, a request
gets the "service unavailable" page (503, Retry-After), not a bare 500, and /healthz
says the database is down.
"""

import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from tests.availability import private_postgres_problem
from tests.factories import DEFAULT_PASSWORD
from tests.figures import figure_add

from .browser import Browser
from .conftest import require
from .servers import (
    POSTGRES_BIN,
    WEB_PORT_ON_PRIVATE_POSTGRES,
    PostgresCluster,
    WebServer,
    production_environment,
    run,
    run_python,
)

pytestmark = pytest.mark.faults

DATABASE = "aa_faults"
EMAIL = "lee@example.test"
# Some data for the pages to query; the password is hashed by production's hasher.
SEED = f"""
from tests.factories import InnovationFactory, UserFactory
InnovationFactory(name="Systemic Units", slug="systemic-units")
UserFactory(email="{EMAIL}", first_name="Lee")
"""
# Pages that query the database, for anyone and for the signed-in person.
PUBLIC_PAGES = ["/directory/", "/directory/systemic-units/", "/api/innovations/"]
SIGNED_IN_PAGES = ["/", "/accounts/"]


@pytest.fixture(scope="module")
def postgres():
    """The cluster, running, with the app's database migrated and seeded."""
    require(private_postgres_problem(POSTGRES_BIN))
    # Under /tmp rather than pytest's folder: the postgres OS user must reach it.
    directory = Path(tempfile.mkdtemp(prefix="aa_faults-postgres-"))
    directory.chmod(0o755)
    cluster = PostgresCluster(directory / "cluster")
    try:
        cluster.create()
        cluster.start()
        cluster.query(f"CREATE DATABASE {DATABASE}")
        environment = web_environment(cluster, directory)
        run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], environment)
        run_python(SEED, environment)
        yield cluster
    finally:
        if cluster.running():
            cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


def web_environment(cluster: PostgresCluster, directory: Path) -> dict[str, str]:
    # The in-memory broker answers /healthz in-process: these tests are about the database.
    return production_environment(
        directory / "var", database_url=cluster.url(DATABASE), broker_url="memory://"
    )


@pytest.fixture(scope="module")
def web(postgres):
    directory = postgres.directory.parent
    server = WebServer(
        WEB_PORT_ON_PRIVATE_POSTGRES, web_environment(postgres, directory), directory / "web.log"
    )
    server.start()
    yield server
    server.stop()


@pytest.fixture
def running(postgres, web):
    """Each test starts with the database up, whatever the one before left."""
    if not postgres.running():
        postgres.start()
    return web


def statuses(anonymous: Browser, signed_in: Browser) -> dict[str, int]:
    answers = {path: anonymous.get(path).status for path in PUBLIC_PAGES}
    answers |= {f"signed in {path}": signed_in.get(path).status for path in SIGNED_IN_PAGES}
    return answers


def all_ok(answers: dict[str, int]) -> dict[str, int]:
    return dict.fromkeys(answers, 200)


def test_requests_recover_after_a_restart_without_restarting_gunicorn(postgres, running):
    web = running
    anonymous, signed_in = Browser(web.port), Browser(web.port)
    assert signed_in.sign_in(EMAIL, DEFAULT_PASSWORD).status == 302
    before = statuses(anonymous, signed_in)
    assert before == all_ok(before)
    # The workers keep their connections open between requests: the restart cuts them.
    held = postgres.backend_pids(DATABASE)
    assert held
    web_processes = web.process_ids()

    postgres.restart()

    # Every request after the restart, as many as there are workers and more.
    for _ in range(3):
        after = statuses(anonymous, signed_in)
        assert after == all_ok(after)
    assert EMAIL in signed_in.get("/").text
    assert anonymous.get("/healthz").json()["database"] == {"ok": True, "detail": "postgresql"}
    # New connections, from the same gunicorn master and workers.
    assert postgres.backend_pids(DATABASE).isdisjoint(held)
    assert web.process_ids() == web_processes
    figure_add("faults survived", item="PostgreSQL restarted: requests recover")


def test_while_postgres_is_down_pages_say_unavailable_and_healthz_reports_it(postgres, running):
    web = running
    anonymous, signed_in = Browser(web.port), Browser(web.port)
    assert signed_in.sign_in(EMAIL, DEFAULT_PASSWORD).status == 302
    web_processes = web.process_ids()
    # A visitor's directory page, now in the public page cache (PUBLIC_PAGE_CACHE).
    assert anonymous.get("/directory/").status == 200

    postgres.stop()

    # The cached public page is still served: it needs no query.
    cached = anonymous.get("/directory/")
    assert cached.status == 200
    assert "Sorry, the service is unavailable" not in cached.text
    # A query in a view (a search never cached), or loading the session in a middleware.
    for browser, path in [(anonymous, "/directory/?q=never-asked-before"), (signed_in, "/")]:
        page = browser.get(path)
        assert page.status == 503, path
        assert int(page.headers["Retry-After"]) > 0
        assert "Sorry, the service is unavailable" in page.text
    # An API answer not kept from before: JSON, with Retry-After.
    answer = anonymous.get("/api/innovations/?search=never-asked-before")
    assert answer.status == 503
    assert int(answer.headers["Retry-After"]) > 0
    assert answer.json()["detail"].startswith("The service is unavailable")
    health = anonymous.get("/healthz")
    assert health.status == 503
    assert health.json()["status"] == "unavailable"
    assert health.json()["database"] == {"ok": False, "detail": "OperationalError"}
    assert anonymous.get("/healthz/live").status == 200

    postgres.start()

    for _ in range(3):
        after = statuses(anonymous, signed_in)
        assert after == all_ok(after)
    assert anonymous.get("/healthz").status == 200
    assert web.process_ids() == web_processes
    figure_add("faults survived", item="PostgreSQL down: 503 and /healthz, then recovery")
