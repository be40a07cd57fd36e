"""Fixtures of the fault tests: servers of their own that a test stops and starts.

A fixture whose program is missing (redis-server, PostgreSQL 15's initdb and a way to
run it as the postgres OS user) or that needs the test database on PostgreSQL, so
that the processes it starts can share it, skips the test with the reason, or fails it
when ADOPTADAPT_REQUIRE_SERVICES=1 (tests/availability.py).
"""

from pathlib import Path
from urllib.parse import quote

import pytest

from tests.availability import missing_service, postgres_database_problem, program_problem

from .servers import REDIS_SERVER, RedisServer


def pytest_collection_modifyitems(items):
    """The fault tests start servers on fixed ports (servers.py), so under pytest-xdist
    they all run on one worker, one after another (`--dist loadgroup`)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.xdist_group("faults"))


def require(problem: str | None) -> None:
    if problem:
        missing_service(problem)


@pytest.fixture
def test_database_url(django_db_setup) -> str:
    """The test database as DATABASE_URL, for the processes a test starts."""
    from django.db import connection

    require(postgres_database_problem(connection.vendor))
    database = connection.settings_dict
    user = quote(database["USER"] or "", safe="")
    password = f":{quote(database['PASSWORD'], safe='')}" if database["PASSWORD"] else ""
    host = database["HOST"] or "127.0.0.1"
    port = database["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{quote(database['NAME'], safe='')}"


@pytest.fixture
def redis_server(tmp_path):
    """A Redis of the test's own, running; stopped at the end whatever the test did."""
    require(program_problem("redis-server", REDIS_SERVER, "apt-get install redis-server"))
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()
