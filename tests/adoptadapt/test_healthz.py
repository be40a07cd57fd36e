"""/healthz: 200 when the database and broker answer, 503 when either does not."""

import pytest
from django.urls import reverse

from adoptadapt.health import broker_ok, database_ok

pytestmark = pytest.mark.django_db

CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def memory_broker(settings):
    settings.CELERY_BROKER_URL = "memory://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}


def test_healthy_with_a_reachable_broker(memory_broker, anonymous_client):
    response = anonymous_client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"] == {"ok": True, "detail": "memory"}


def test_healthz_is_never_cached(memory_broker, anonymous_client):
    response = anonymous_client.get(reverse("healthz"))
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_healthz_only_answers_get(memory_broker, anonymous_client):
    assert anonymous_client.post(reverse("healthz")).status_code == 405


def test_healthz_is_public_even_for_signed_in_people(memory_broker, client_for, world):
    assert client_for(world.lead).get(reverse("healthz")).status_code == 200


@pytest.mark.redis
def test_healthy_with_the_real_redis_broker(settings, anonymous_client):
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    response = anonymous_client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["broker"] == {"ok": True, "detail": "redis"}


def test_unavailable_when_the_broker_is_down(settings, anonymous_client):
    settings.CELERY_BROKER_URL = CLOSED_PORT_BROKER
    response = anonymous_client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["broker"]["ok"] is False
    assert body["broker"]["detail"]  # the kind of error, for whoever reads the probe
    assert body["database"]["ok"] is True


def test_database_check_names_the_backend():
    from django.db import connection

    assert database_ok() == (True, connection.vendor)


def test_broker_check_reports_a_closed_port(settings):
    settings.CELERY_BROKER_URL = CLOSED_PORT_BROKER
    up, detail = broker_ok()
    assert up is False
    assert "Error" in detail


def test_liveness_answers_without_the_database_or_broker(
    settings, anonymous_client, django_assert_num_queries
):
    settings.CELERY_BROKER_URL = CLOSED_PORT_BROKER
    with django_assert_num_queries(0):
        response = anonymous_client.get(reverse("healthz_live"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert anonymous_client.post(reverse("healthz_live")).status_code == 405
