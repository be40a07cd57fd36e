"""Rate limits: per person (token and session together) and per address when anonymous,
counted in the shared cache so every web process sees the same count."""

import uuid

import pytest
from django.core.cache import caches
from django.test import Client
from django.test.utils import override_settings

from tests.api.objects import api_token, bearer

pytestmark = pytest.mark.django_db

URL = "/api/innovations/"


@pytest.fixture
def two_a_minute(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "2/minute"},
    }


def test_anonymous_callers_get_429_past_their_rate(world, two_a_minute):
    client = Client()
    assert [client.get(URL).status_code for _ in range(3)] == [200, 200, 429]
    refused = client.get(URL)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "throttled" in refused.json()["detail"].lower()


def test_a_person_has_one_allowance_for_their_tokens_and_session(world, two_a_minute):
    _token, secret = api_token(world.lead)
    session = Client()
    session.force_login(world.lead)
    assert Client().get(URL, **bearer(secret)).status_code == 200
    assert session.get(URL).status_code == 200
    assert Client().get(URL, **bearer(secret)).status_code == 429
    # Someone else still has theirs.
    _other, other_secret = api_token(world.contributor)
    assert Client().get(URL, **bearer(other_secret)).status_code == 200


def test_the_rates_come_from_settings(world, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "user": "5/minute"},
    }
    client = Client()
    assert [client.get(URL).status_code for _ in range(2)] == [200, 429]


def test_the_embedded_cache_is_shared_through_files(world, two_a_minute, tmp_path):
    """The embedded default keeps counts in files, so a second web process (here: a
    second cache object on the same folder) sees the first one's requests."""
    file_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }
    with override_settings(CACHES=file_cache):
        client = Client()
        assert [client.get(URL).status_code for _ in range(2)] == [200, 200]
        caches["default"].close()
        from django.core.cache.backends.filebased import FileBasedCache

        another_process = FileBasedCache(str(tmp_path), {})
        assert another_process.get("throttle_anon_127.0.0.1") is not None
        assert client.get(URL).status_code == 429


@pytest.mark.redis
def test_redis_holds_the_counts_in_production(world, two_a_minute, settings):
    # A prefix of its own, and only its own key deleted: the database is the broker's too.
    redis_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.CELERY_BROKER_URL,
            "KEY_PREFIX": f"throttle-test-{uuid.uuid4().hex}",
        }
    }
    with override_settings(CACHES=redis_cache):
        client = Client()
        try:
            assert [client.get(URL).status_code for _ in range(3)] == [200, 200, 429]
        finally:
            caches["default"].delete("throttle_anon_127.0.0.1")


def test_the_embedded_default_is_a_file_cache_and_cache_url_overrides_it(monkeypatch):
    """base.py without CACHE_URL: files under the var folder; with it: that cache."""
    import importlib

    import adoptadapt.settings.base as base

    monkeypatch.delenv("CACHE_URL", raising=False)
    embedded = importlib.reload(base).CACHES["default"]
    assert embedded["BACKEND"].endswith("FileBasedCache")
    assert embedded["LOCATION"].startswith(str(base.VAR_DIR))
    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/1")
    production = importlib.reload(base).CACHES["default"]
    assert production["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    # A Redis that stops answering fails fast rather than holding the request.
    assert production["OPTIONS"] == {"socket_connect_timeout": 2, "socket_timeout": 2}
    monkeypatch.delenv("CACHE_URL")
    importlib.reload(base)


def test_an_unreachable_cache_lets_requests_through_with_a_warning(world, two_a_minute, caplog):
    """Redis down: nothing can be counted, so the API answers (uncounted) rather than
    failing every call with a 500; each such request is logged."""
    closed_port = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=closed_port), caplog.at_level("WARNING", logger="api"):
        client = Client()
        assert [client.get(URL).status_code for _ in range(3)] == [200, 200, 200]
    warnings = [r.getMessage() for r in caplog.records if r.name == "api.throttling"]
    # Both rates apply to every call, and each says it was not counted.
    assert len(warnings) == 6
    assert {warning.split(" not applied")[0] for warning in warnings} == {
        "API rate limit 'anon'",
        "API rate limit 'user'",
    }
    assert all("the cache is unavailable (ConnectionError" in warning for warning in warnings)
