"""Security events: each logged once, as JSON, with who, from where, on which page,
and how it ended; never a password."""

import json
import logging

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.services import directory_admin_set
from adoptadapt.jsonlog import JsonFormatter
from adoptadapt.security import client_ip
from sites.models import AdoptionRole
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

IP = "192.0.2.10"


def the(events):
    assert len(events) == 1, events
    return events[0]


# --- Sign-in and sign-out -------------------------------------------------------------


def test_signing_in_and_out(world, security_events):
    client = Client(REMOTE_ADDR=IP)
    client.post("/accounts/login/", {"username": world.lead.email, "password": DEFAULT_PASSWORD})
    signed_in = the(security_events("sign_in"))
    assert signed_in == {
        "event": "sign_in",
        "outcome": "success",
        "user_id": world.lead.pk,
        "ip": IP,
        "path": "/accounts/login/",
        "method": "POST",
    }
    client.post("/accounts/logout/")
    signed_out = the(security_events("sign_out"))
    assert signed_out["user_id"] == world.lead.pk
    assert signed_out["path"] == "/accounts/logout/" and signed_out["ip"] == IP


def test_a_failed_sign_in_names_the_address_tried_but_never_the_password(
    world, security_events, caplog
):
    Client(REMOTE_ADDR=IP).post(
        "/accounts/login/", {"username": world.lead.email, "password": "Secret-guess-123"}
    )
    failed = the(security_events("sign_in_failed"))
    assert failed["outcome"] == "failure"
    assert failed["username"] == world.lead.email
    assert failed["user_id"] is None and failed["ip"] == IP
    lines = [JsonFormatter().format(record) for record in caplog.records]
    assert lines and not any("Secret-guess-123" in line for line in lines)


# --- Permission denied ----------------------------------------------------------------


def test_a_403_is_logged_with_who_and_where(world, client_for, security_events):
    response = client_for(world.lead).get("/directory/export/", REMOTE_ADDR=IP)
    assert response.status_code == 403
    denied = the(security_events("permission_denied"))
    assert denied == {
        "event": "permission_denied",
        "outcome": "denied",
        "user_id": world.lead.pk,
        "ip": IP,
        "path": "/directory/export/",
        "method": "GET",
    }


def test_a_csrf_failure_is_logged_as_permission_denied(world, security_events):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.lead)
    assert client.post("/accounts/logout/").status_code == 403
    assert the(security_events("permission_denied"))["path"] == "/accounts/logout/"


def test_pages_that_are_allowed_log_nothing(world, client_for, security_events):
    assert client_for(world.lead).get("/").status_code == 200
    assert security_events("permission_denied") == []


# --- Exports --------------------------------------------------------------------------


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_a_board_pack_download_is_logged(world, client_for, security_events, extension):
    url = reverse(f"boards:pack_{extension}", kwargs={"slug": world.board.slug})
    assert client_for(world.board_member).get(url).status_code == 200
    export = the(security_events("export"))
    assert export["export"] == "board_pack" and export["file_format"] == extension
    assert export["board_id"] == world.board.pk
    assert export["user_id"] == world.board_member.pk and export["path"] == url


def test_a_directory_export_is_logged(world, client_for, security_events):
    response = client_for(world.directory_admin).get("/directory/export.csv")
    assert response.status_code == 200
    export = the(security_events("export"))
    assert export["export"] == "directory" and export["file_format"] == "csv"
    assert export["user_id"] == world.directory_admin.pk


# --- Role changes ---------------------------------------------------------------------


def test_changing_someones_role_is_logged_once_it_is_saved(
    world, client_for, security_events, django_capture_on_commit_callbacks
):
    grant = AdoptionRole.objects.get(adoption=world.adoption, user=world.contributor)
    url = f"/people/{world.contributor.pk}/roles/adoption/{grant.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.directory_admin).post(url, {"role": "lead"}, REMOTE_ADDR=IP)
    assert response.status_code == 302
    granted = the(security_events("role_granted"))
    assert granted == {
        "event": "role_granted",
        "outcome": "success",
        "user_id": world.directory_admin.pk,
        "ip": IP,
        "path": url,
        "method": "POST",
        "subject_user_id": world.contributor.pk,
        "role": "lead",
        "previous_role": "contributor",
        "adoption_id": world.adoption.pk,
    }


def test_removing_a_role_and_deactivating_are_logged(
    world, client_for, security_events, django_capture_on_commit_callbacks
):
    admin = client_for(world.directory_admin)
    membership = world.board_member.board_memberships.get(board=world.board)
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(f"/people/{world.board_member.pk}/roles/board/{membership.pk}/remove/")
        admin.post(f"/people/{world.lead.pk}/deactivate/")
    removed = the(security_events("role_removed"))
    assert removed["subject_user_id"] == world.board_member.pk
    assert removed["role"] == membership.role and removed["board_id"] == world.board.pk
    deactivated = the(security_events("account_deactivated"))
    assert deactivated["subject_user_id"] == world.lead.pk
    assert deactivated["user_id"] == world.directory_admin.pk


def test_a_change_rolled_back_is_not_logged(world, security_events):
    # Without the commit (the test's transaction is never committed), nothing is logged.
    directory_admin_set(actor=world.directory_admin, user=world.lead, is_directory_admin=True)
    assert security_events("role_granted") == []


def test_granting_directory_admin_outside_a_request_is_logged_without_ip(
    world, security_events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        directory_admin_set(actor=world.directory_admin, user=world.lead, is_directory_admin=True)
    granted = the(security_events("role_granted"))
    assert granted["role"] == "directory_admin" and granted["subject_user_id"] == world.lead.pk
    assert granted["user_id"] == world.directory_admin.pk
    assert granted["ip"] is None and granted["path"] is None


# --- The format -----------------------------------------------------------------------


def test_each_event_is_one_line_of_json():
    record = logging.LogRecord(
        "adoptadapt.security", logging.WARNING, __file__, 1, "sign_in_failed", None, None
    )
    record.security = {"event": "sign_in_failed", "outcome": "failure", "user_id": None}
    line = JsonFormatter().format(record)
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["event"] == "sign_in_failed" and parsed["outcome"] == "failure"
    assert parsed["level"] == "WARNING" and parsed["logger"] == "adoptadapt.security"
    assert parsed["time"].endswith("+00:00")


def test_the_security_logger_writes_json_to_its_own_handler():
    config = settings.LOGGING
    logger = config["loggers"]["adoptadapt.security"]
    assert logger["propagate"] is False
    (handler,) = logger["handlers"]
    formatter = config["handlers"][handler]["formatter"]
    assert config["formatters"][formatter]["()"] == "adoptadapt.jsonlog.JsonFormatter"


# --- The client's address -------------------------------------------------------------


def test_the_address_is_remote_addr_unless_proxies_are_trusted(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.5"
    # Behind one proxy, the client is what that proxy appended: the last entry. What
    # the client itself put in front ("6.6.6.6") is never believed.
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "6.6.6.6"
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_ip(request) == "10.0.0.5"
