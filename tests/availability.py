"""Whether the services a test needs are here, and what to do when one is not.

Locally a missing Redis or Chromium skips the tests that need it, with the reason.
In CI (ADOPTADAPT_REQUIRE_SERVICES=1) nothing may skip for want of a service, so
the same reason fails the test instead.
"""

import os
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


def chromium_problem(path: str = CHROMIUM_PATH) -> str | None:
    """Why the browser tests cannot start Chromium, or None when it is installed."""
    executable = Path(path)
    if not (executable.is_file() and os.access(executable, os.X_OK)):
        return f"Chromium not installed at {path}: apt-get install chromium"
    return None


def missing_service(reason: str) -> None:
    """Skip the test with `reason`, or fail it when the environment requires services."""
    if services_required():
        pytest.fail(
            f"{reason} ({REQUIRE_SERVICES_VARIABLE}=1, so this fails rather than skips)",
            pytrace=False,
        )
    pytest.skip(reason)
