"""The rule for tests that need Redis or Chromium: skip locally, fail in CI."""

import pytest

from tests.availability import (
    REQUIRE_SERVICES_VARIABLE,
    chromium_problem,
    missing_service,
    postgres_database_problem,
    private_postgres_problem,
    redis_problem,
)

CLOSED_PORT = "redis://127.0.0.1:1/0"


def test_a_non_redis_broker_url_is_a_problem():
    assert redis_problem("memory://") == (
        "Redis not reachable at memory://: CELERY_BROKER_URL is not a redis:// URL"
    )


def test_a_closed_redis_port_is_a_problem():
    problem = redis_problem(CLOSED_PORT)
    assert problem is not None
    assert problem.startswith(f"Redis not reachable at {CLOSED_PORT}: ")


def test_a_missing_chromium_is_a_problem(tmp_path):
    assert chromium_problem(str(tmp_path / "chromium")) == (
        f"Chromium not installed at {tmp_path / 'chromium'}: apt-get install chromium"
    )


def test_a_file_that_cannot_run_is_not_chromium(tmp_path):
    not_executable = tmp_path / "chromium"
    not_executable.write_text("")
    not_executable.chmod(0o644)
    assert chromium_problem(str(not_executable)) is not None


def test_an_executable_is_accepted(tmp_path):
    executable = tmp_path / "chromium"
    executable.write_text("#!/bin/sh\n")
    executable.chmod(0o755)
    assert chromium_problem(str(executable)) is None


def test_the_fault_tests_need_the_test_database_on_postgresql():
    assert postgres_database_problem("postgresql") is None
    assert postgres_database_problem("sqlite") == (
        "PostgreSQL test database needed (the test database is sqlite): "
        "set DATABASE_URL=postgres://..."
    )


def test_a_private_postgresql_needs_initdb(tmp_path):
    assert private_postgres_problem(str(tmp_path)) == (
        f"PostgreSQL's initdb not installed at {tmp_path}/initdb: apt-get install postgresql-15"
    )


def test_a_private_postgresql_runs_as_root_or_postgres(tmp_path, monkeypatch):
    import os
    import pwd

    for program in ("initdb", "pg_ctl"):
        (tmp_path / program).write_text("#!/bin/sh\n")
        (tmp_path / program).chmod(0o755)
    monkeypatch.setattr(os, "geteuid", lambda: pwd.getpwnam("nobody").pw_uid)
    assert private_postgres_problem(str(tmp_path)) == (
        "A private PostgreSQL server runs as the postgres OS user: run the tests as root "
        "or postgres, not nobody"
    )


def test_missing_service_skips_by_default(monkeypatch):
    monkeypatch.delenv(REQUIRE_SERVICES_VARIABLE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="Redis not reachable at x"):
        missing_service("Redis not reachable at x")


def test_missing_service_fails_when_services_are_required(monkeypatch):
    monkeypatch.setenv(REQUIRE_SERVICES_VARIABLE, "1")
    with pytest.raises(pytest.fail.Exception, match="Redis not reachable at x"):
        missing_service("Redis not reachable at x")


class _Item:
    """Just enough of a pytest item for the setup hook: its markers."""

    def __init__(self, *markers):
        self.markers = {mark.name: mark for mark in markers}

    def get_closest_marker(self, name):
        return self.markers.get(name)


@pytest.fixture
def hook(monkeypatch, settings):
    """The suite's setup hook, with a fresh memory of which services are missing."""
    from tests import conftest

    monkeypatch.setattr(conftest, "_problems", {})
    settings.CELERY_BROKER_URL = CLOSED_PORT
    monkeypatch.setattr(
        conftest, "chromium_problem", lambda: "Chromium not installed at /nowhere: apt-get"
    )
    return conftest.pytest_runtest_setup


@pytest.mark.parametrize(
    ("marker", "reason"),
    [
        (pytest.mark.redis.mark, f"Redis not reachable at {CLOSED_PORT}"),
        (pytest.mark.e2e.mark, "Chromium not installed at /nowhere"),
    ],
)
def test_hook_skips_a_test_whose_service_is_missing(hook, monkeypatch, marker, reason):
    monkeypatch.delenv(REQUIRE_SERVICES_VARIABLE, raising=False)
    with pytest.raises(pytest.skip.Exception, match=reason):
        hook(_Item(marker))


@pytest.mark.parametrize(
    ("marker", "reason"),
    [
        (pytest.mark.redis.mark, f"Redis not reachable at {CLOSED_PORT}"),
        (pytest.mark.e2e.mark, "Chromium not installed at /nowhere"),
    ],
)
def test_hook_fails_a_test_whose_service_is_missing_in_ci(hook, monkeypatch, marker, reason):
    monkeypatch.setenv(REQUIRE_SERVICES_VARIABLE, "1")
    with pytest.raises(pytest.fail.Exception, match=reason):
        hook(_Item(marker))


def test_hook_leaves_unmarked_tests_alone(hook, monkeypatch):
    monkeypatch.setenv(REQUIRE_SERVICES_VARIABLE, "1")
    assert hook(_Item(pytest.mark.django_db.mark)) is None
