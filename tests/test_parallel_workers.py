"""The suite runs on several pytest-xdist workers at once (`make test`): each worker has
a Redis database of its own for the broker, and Celery in the worker uses it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from adoptadapt.settings.test import redis_database_of_this_test_worker

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("worker", "url", "expected"),
    [
        ("", "redis://127.0.0.1:6379/1", "redis://127.0.0.1:6379/1"),
        ("gw0", "redis://127.0.0.1:6379/1", "redis://127.0.0.1:6379/1"),
        ("gw2", "redis://127.0.0.1:6379/1", "redis://127.0.0.1:6379/3"),
        ("gw1", "redis://:secret@redis.internal:6380", "redis://:secret@redis.internal:6380/1"),
        ("gw1", "memory://", "memory://"),
    ],
)
def test_each_worker_has_the_redis_database_after_the_one_before(
    monkeypatch, worker, url, expected
):
    monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
    assert redis_database_of_this_test_worker(url) == expected


def brokers_seen_by(environment: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """Where a process with the test settings and `environment` has its broker, where
    Celery in it publishes, and the environment a process it starts inherits."""
    ask = (
        "import json, os, django; django.setup(); from django.conf import settings; "
        "from adoptadapt.celery import app; "
        "uri = app.connection_for_write().as_uri(include_password=True); "
        "print(json.dumps([[settings.CELERY_BROKER_URL, uri], dict(os.environ)]))"
    )
    # Our own interpreter asking our own settings: no outside input.
    answer = subprocess.run(  # noqa: S603
        [sys.executable, "-c", ask],
        cwd=REPO,
        env={**environment, "DJANGO_SETTINGS_MODULE": "adoptadapt.settings.test"},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(answer.stdout)


def test_celery_in_a_worker_publishes_to_that_workers_broker_and_so_do_its_children():
    """Celery prefers the CELERY_BROKER_URL environment variable to its configuration, so
    a worker whose settings alone named its database published to the first worker's."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("ADOPTADAPT_")
    }
    environment |= {"PYTEST_XDIST_WORKER": "gw3", "CELERY_BROKER_URL": "redis://127.0.0.1:6379/1"}
    fourth = "redis://127.0.0.1:6379/4"

    brokers, inherited = brokers_seen_by(environment)
    assert brokers == [fourth, fourth]
    assert inherited["CELERY_BROKER_URL"] == fourth  # for a process on other settings
    # A process on the test settings again (a subprocess of a test) is not moved on again.
    assert brokers_seen_by(inherited)[0] == [fourth, fourth]
