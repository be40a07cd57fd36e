"""Redis stopped: the pages and the API keep working, /healthz says the broker is down,
and digests planned meanwhile are sent, once each, when Redis is back.

Redis is the Celery broker and the shared cache the API's rate limits count in, as in
production (CELERY_BROKER_URL and CACHE_URL on one server). The web process is a real
gunicorn, because production reads those settings once, at start: a process started
while Redis answered must cope when it stops answering. The planner and the worker are
real processes too, on the test database (data committed: transaction=True) and on
the same Redis, writing emails as files the test reads.
"""

import email
import json
from collections import Counter
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils import timezone

from adoptadapt.mail import REFERENCE_HEADER
from governance.models import BoardDigest, BoardMembership, DigestDelivery, GovernanceBoard
from sites.models import ProgressUpdate
from sites.periods import reporting_period
from tests.factories import DEFAULT_PASSWORD, BoardMembershipFactory
from tests.figures import figure_add

from .browser import Browser
from .servers import (
    WEB_PORT_ON_PRIVATE_REDIS,
    CeleryWorker,
    WebServer,
    production_environment,
    run_python,
    wait_until,
)

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

Status = DigestDelivery.Status
BROKER, CACHE = 0, 1  # Redis databases, as .env.example names them


@pytest.fixture
def environment(test_database_url, redis_server, tmp_path):
    return production_environment(
        tmp_path / "var",
        database_url=test_database_url,
        broker_url=redis_server.url(BROKER),
        cache_url=redis_server.url(CACHE),
    )


@pytest.fixture
def web(environment, tmp_path):
    server = WebServer(WEB_PORT_ON_PRIVATE_REDIS, environment, tmp_path / "gunicorn.log")
    server.start()
    yield server
    server.stop()


def signs_in_on_production_settings(user) -> None:
    """The test settings hash passwords with MD5, for speed; the web process, on
    production settings, accepts only Django's default hashers."""
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(DEFAULT_PASSWORD, hasher.salt())
    user.save(update_fields=["password"])


def test_pages_and_the_api_keep_working_while_redis_is_down(world, redis_server, web):
    lead = world.lead
    signs_in_on_production_settings(lead)
    BoardMembershipFactory(
        actor=world.directory_admin, board=world.board, user=lead, role=BoardMembership.Role.MEMBER
    )
    period = reporting_period(timezone.localdate())
    update_form = f"/adoptions/{world.adoption.pk}/updates/{period:%Y-%m}/"
    anonymous = Browser(web.port)
    # Redis is the web process's cache: the API's rate limit counted this call there.
    assert anonymous.get("/api/innovations/").status == 200
    assert redis_server.client(CACHE).keys("*throttle_anon_127.0.0.1")
    assert anonymous.get("/healthz").status == 200

    redis_server.stop()
    assert not redis_server.answers()

    health = anonymous.get("/healthz")
    assert health.status == 503
    assert health.json()["status"] == "unavailable"
    assert health.json()["broker"]["ok"] is False
    assert health.json()["database"] == {"ok": True, "detail": "postgresql"}

    browser = Browser(web.port)
    signed_in = browser.sign_in(lead.email, DEFAULT_PASSWORD)
    assert (signed_in.status, signed_in.headers["Location"]) == (302, "/")
    assert lead.email in browser.get("/").text
    for path, shows in [
        ("/directory/", "Systemic Units"),
        (f"/directory/{world.innovation.slug}/", "Systemic Units"),
        (world.adoption.get_absolute_url(), world.adopting_site.name),
        (f"/boards/{world.board.slug}/", world.board.name),
    ]:
        page = browser.get(path)
        assert (page.status, shows in page.text) == (200, True), path
    saved = browser.post(
        update_form,
        {"version": "0", "rag": "amber", "summary": "Saved while Redis was down."},
    )
    assert (saved.status, saved.headers["Location"]) == (302, update_form)
    update = ProgressUpdate.objects.get(adoption=world.adoption, period=period)
    assert update.summary == "Saved while Redis was down."
    # The API answers, uncounted (its rate limits fail open with a warning).
    assert anonymous.get("/api/innovations/").json()["results"][0]["slug"] == "systemic-units"
    adoptions = browser.get("/api/adoptions/")
    assert adoptions.status == 200
    assert [row["id"] for row in adoptions.json()["results"]] == [world.adoption.pk]
    assert "rate limit 'anon' not applied" in web.owner.log_tail(20_000)

    redis_server.start()
    assert anonymous.get("/healthz").status == 200
    assert anonymous.get("/api/innovations/").status == 200
    assert redis_server.client(CACHE).keys("*throttle_anon_127.0.0.1")
    figure_add("faults survived", item="Redis down: pages, API and /healthz")


PLAN_DUE_DIGESTS = """
import json
from django.utils import timezone
from governance.digests import digests_plan_due
print(json.dumps(digests_plan_due(now=timezone.now())))
"""


def emails_sent(folder: Path) -> list[email.message.Message]:
    """Every message Django's file backend wrote: one file per connection, each message
    followed by a line of 79 dashes."""
    messages = []
    for path in sorted(folder.glob("*.log")):
        for text in path.read_text().split("\n" + "-" * 79 + "\n"):
            if text.strip():
                messages.append(email.message_from_string(text))
    return messages


def test_digests_planned_while_redis_is_down_are_sent_once_when_it_returns(
    world, redis_server, environment
):
    """Both boards' digests are due; the observer has opted out: three emails in all."""
    GovernanceBoard.objects.update(digest_day=1)
    BoardMembership.objects.filter(user=world.board_observer).update(receives_digest=False)
    expected = sorted(
        [world.board_chair.email, world.board_member.email, world.other_board_member.email]
    )
    emails = Path(environment["ADOPTADAPT_VAR_DIR"]) / "emails"

    redis_server.stop()
    planner = run_python(PLAN_DUE_DIGESTS, environment)
    rows = list(DigestDelivery.objects.order_by("pk"))
    # Planned and kept: the rows wait, pending, for the catch-up.
    assert json.loads(planner.stdout) == [row.pk for row in rows]
    assert [(row.status, row.attempts) for row in rows] == [(Status.PENDING, 0)] * 3
    assert BoardDigest.objects.count() == 2
    assert "sends not queued" in planner.stderr
    assert "Could not plan" not in planner.stderr
    assert emails_sent(emails) == []

    redis_server.start()
    queue = redis_server.client(BROKER)
    with CeleryWorker(environment, emails.parent / "worker.log") as worker:
        # The daily catch-up, twice over (beat's run and one by hand, say).
        worker.call("governance.tasks.plan_due_digests")
        worker.call("governance.tasks.plan_due_digests")
        wait_until(
            lambda: (
                set(DigestDelivery.objects.values_list("status", flat=True)) == {Status.SENT}
                and queue.llen("celery") == 0
                and queue.hlen("unacked") == 0
            ),
            "every digest sent and every task done",
            owner=worker.owner,
        )
    sent = emails_sent(emails)
    assert sorted(message["To"] for message in sent) == expected
    assert Counter(message[REFERENCE_HEADER] for message in sent) == {
        f"digestdelivery-{row.pk}": 1 for row in rows
    }
    subjects = {str(make_header(decode_header(message["Subject"]))) for message in sent}
    assert subjects == set(BoardDigest.objects.values_list("subject", flat=True))
    assert set(DigestDelivery.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}
    figure_add("faults survived", item="Redis down: digests sent once when it returns")
