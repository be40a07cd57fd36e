"""Sessions end after SESSION_IDLE_TIMEOUT seconds without a request, and after
SESSION_COOKIE_AGE seconds however busy; the sign-in page then says why."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
PRIVATE = "/boards/"


def at(minutes: float):
    return time_machine.travel(START + datetime.timedelta(minutes=minutes), tick=False)


@pytest.fixture
def timeouts(settings):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    settings.SESSION_COOKIE_AGE = 8 * 60 * 60


@pytest.fixture
def lead_client(world, timeouts):
    client = Client()
    with at(0):
        client.force_login(world.lead)
    return client


def is_signed_in(client) -> bool:
    return client.get(PRIVATE).status_code == 200


def test_the_settings_keep_sessions_alive_only_while_they_are_used():
    # The middleware saves the session when it notes activity; not every request does.
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert "adoptadapt.middleware.SessionTimeoutMiddleware" in settings.MIDDLEWARE
    assert 0 < settings.SESSION_IDLE_TIMEOUT < settings.SESSION_COOKIE_AGE


def test_a_session_idle_for_longer_than_the_timeout_is_signed_out(lead_client):
    with at(29):
        assert is_signed_in(lead_client)
    with at(29 + 31):
        response = lead_client.get(PRIVATE, follow=True)
    assert response.redirect_chain[-1][0] == f"/accounts/login/?next={PRIVATE}"
    assert (
        "You were signed out because you had not used the service for 30 minutes" in response.text
    )
    assert "_auth_user_id" not in lead_client.session


def test_each_request_restarts_the_idle_clock(lead_client):
    for minutes in range(25, 8 * 60 - 30, 25):
        with at(minutes):
            assert is_signed_in(lead_client), minutes


def test_a_busy_session_still_ends_at_its_maximum_age(lead_client, security_events):
    for minutes in range(20, 8 * 60 + 1, 20):
        with at(minutes):
            assert is_signed_in(lead_client), minutes
    with at(8 * 60 + 10):
        response = lead_client.get(PRIVATE, follow=True)
    assert "because you signed in more than 8 hours ago" in response.text
    (event,) = security_events("session_expired")
    assert event["reason"] == "maximum_age" and event["path"] == PRIVATE


def test_the_cookie_and_the_stored_session_are_renewed_when_activity_is_noted(lead_client):
    with at(10):
        response = lead_client.get(PRIVATE)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == settings.SESSION_COOKIE_AGE
    with at(10):
        assert lead_client.session.get_expiry_date() == START + datetime.timedelta(
            minutes=10, seconds=settings.SESSION_COOKIE_AGE
        )


def session_saves(client, minutes: float) -> int:
    with at(minutes), CaptureQueriesContext(connection) as queries:
        assert is_signed_in(client)
    return sum(q["sql"].startswith('UPDATE "django_session"') for q in queries.captured_queries)


def test_activity_is_saved_at_most_once_a_minute(lead_client):
    assert session_saves(lead_client, 10) == 1
    # Within a minute of the activity last saved: nothing written, no cookie sent.
    assert session_saves(lead_client, 10.5) == 0
    with at(10.9):
        response = lead_client.get(PRIVATE)
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert session_saves(lead_client, 11) == 1


def test_the_idle_clock_is_never_behind_by_more_than_a_minute(lead_client):
    with at(10):
        assert is_signed_in(lead_client)
    # Used again at 10:59, which is not saved; idle from then on.
    with at(10 + 59 / 60):
        assert is_signed_in(lead_client)
    # Signed out 30 minutes after the saved activity: up to a minute sooner, never later.
    with at(40 + 1 / 60):
        assert not is_signed_in(lead_client)


def test_an_idle_sign_out_is_logged(lead_client, world, security_events):
    with at(45):
        lead_client.get(PRIVATE)
    (event,) = security_events("session_expired")
    assert event["reason"] == "idle"
    assert event["user_id"] == world.lead.pk
    assert event["outcome"] == "success"
