"""Whether the services a test needs are here, and what to do when one is not.

Locally a missing Redis or Chromium skips the tests that need it, with the reason.
In CI (ADOPTADAPT_REQUIRE_SERVICES=1) nothing may skip for want of a service, so
the same reason fails the test instead.
"""

import os
import pwd
import shutil
from pathlib import Path

import pytest

CHROMIUM_PATH = "/usr/bin/chromium"
REQUIRE_SERVICES_VARIABLE = "ADOPTADAPT_REQUIRE_SERVICES"


def services_required() -> bool:
    return os.environ.get(REQUIRE_SERVICES_VARIABLE, "") == "1"


def redis_problem(url: str) -> str | None:
    """Why the Redis broker at `url` cannot be used, or None when it answers PING."""
    if not url.startswith("redis://"):
        return f"Redis not reachable at {url}: CELERY_BROKER_URL is not a redis:// URL"
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        try:
            client.ping()
        finally:
            client.close()
    except redis.RedisError as error:
        return f"Redis not reachable at {url}: {type(error).__name__}: {error}"
    return None


def program_problem(name: str, path: str, install: str) -> str | None:
    """Why the program `name` cannot run from `path`, or None when it is installed."""
    executable = Path(path)
    if not (executable.is_file() and os.access(executable, os.X_OK)):
        return f"{name} not installed at {path}: {install}"
    return None


def chromium_problem(path: str = CHROMIUM_PATH) -> str | None:
    """Why the browser tests cannot start Chromium, or None when it is installed."""
    return program_problem("Chromium", path, "apt-get install chromium")


def postgres_database_problem(vendor: str) -> str | None:
    """Why processes a test starts cannot share its database, or None when they can:
    only a server database (PostgreSQL, from DATABASE_URL) is seen by other processes."""
    if vendor != "postgresql":
        return (
            f"PostgreSQL test database needed (the test database is {vendor}): "
            "set DATABASE_URL=postgres://..."
        )
    return None


def private_postgres_problem(bin_dir: str) -> str | None:
    """Why a test cannot run a PostgreSQL server of its own, or None when it can: initdb
    and pg_ctl installed, and a way to run them as the postgres OS user (PostgreSQL
    refuses to run as root), which means running the tests as root or as postgres."""
    for program in ("initdb", "pg_ctl"):
        problem = program_problem(
            f"PostgreSQL's {program}", f"{bin_dir}/{program}", "apt-get install postgresql-15"
        )
        if problem:
            return problem
    user = pwd.getpwuid(os.geteuid()).pw_name
    if user == "postgres":
        return None
    if os.geteuid() != 0:
        return (
            f"A private PostgreSQL server runs as the postgres OS user: run the tests as "
            f"root or postgres, not {user}"
        )
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return "No postgres OS user to run a private PostgreSQL server as"
    if shutil.which("runuser") is None:
        return "runuser not installed (util-linux): needed to run PostgreSQL as postgres"
    return None


def missing_service(reason: str) -> None:
    """Skip the test with `reason`, or fail it when the environment requires services."""
    if services_required():
        pytest.fail(
            f"{reason} ({REQUIRE_SERVICES_VARIABLE}=1, so this fails rather than skips)",
            pytrace=False,
        )
    pytest.skip(reason)
