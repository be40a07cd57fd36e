"""Digests through real Celery workers on Redis: one email per recipient per month,
however often the planner runs, however many workers there are, and after a crash.

Only the mail provider is replaced (locmem outbox, or a flaky SMTP stand-in)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery.signals import after_task_publish
from django.core import mail
from django.utils import timezone

from governance.delivery import delivery_claim, stuck_resolve
from governance.digests import digest_period
from governance.models import BoardDigest, BoardMembership, DigestDelivery, GovernanceBoard
from governance.tasks import plan_due_digests, send_digest
from tests.world import build_world

from .workers import WAIT_SECONDS, celery_workers, wait_for

Status = DigestDelivery.Status


def on_redis(test):
    """A test with real workers on Redis, and data committed so their threads see it."""
    return pytest.mark.redis(pytest.mark.django_db(transaction=True)(test))


@pytest.fixture
def world(settings, mailoutbox, transactional_db):
    """Both boards' digests due today; the observer has opted out."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world = build_world()
    GovernanceBoard.objects.update(digest_day=1)
    BoardMembership.objects.filter(user=world.board_observer).update(receives_digest=False)
    return world


def expected_recipients(world) -> list[str]:
    return sorted(
        [world.board_chair.email, world.board_member.email, world.other_board_member.email]
    )


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@on_redis
def test_a_months_digest_reaches_each_opted_in_member_once(world):
    with celery_workers() as tally:
        plan_due_digests.delay()
        tally.wait_until_settled()
    assert recipients() == expected_recipients(world)
    period = digest_period(timezone.localdate())
    digest = BoardDigest.objects.get(board=world.board, period=period)
    assert {
        message.subject for message in mail.outbox if world.board_chair.email in message.to
    } == {digest.subject}
    message = next(m for m in mail.outbox if world.board_chair.email in m.to)
    assert message.alternatives[0][1] == "text/html"
    assert message.alternatives[0][0] == digest.body_html
    assert set(DigestDelivery.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}


@on_redis
def test_running_the_planner_twice_still_sends_one_email_each(world):
    with celery_workers() as tally:
        plan_due_digests.delay()
        plan_due_digests.delay()
        tally.wait_until_settled()
        plan_due_digests.delay()
        tally.wait_until_settled()
    assert recipients() == expected_recipients(world)
    assert BoardDigest.objects.count() == 2
    assert DigestDelivery.objects.count() == 3


@on_redis
def test_two_workers_given_every_task_twice_send_one_email_each(world):
    with celery_workers(count=2, concurrency=3) as tally:
        plan_due_digests.delay()
        plan_due_digests.delay()
        wait_for(lambda: DigestDelivery.objects.count() == 3, "the delivery rows")
        for delivery_id in DigestDelivery.objects.values_list("pk", flat=True):
            for _ in range(3):
                send_digest.delay(delivery_id)
        tally.wait_until_settled()
    assert recipients() == expected_recipients(world)
    assert set(DigestDelivery.objects.values_list("status", flat=True)) == {Status.SENT}


@on_redis
def test_a_task_redelivered_after_a_crash_sends_nothing_more(world, settings):
    from governance.digests import digests_plan_due

    waiting = digests_plan_due(now=timezone.now(), queue=False)
    assert len(waiting) == 3
    crashed, *others = waiting
    # A worker claims the first row and sends the email, then dies before recording it.
    row = delivery_claim(DigestDelivery, crashed)
    mail.EmailMessage("sent by the worker that died", "", to=[row.recipient.email]).send()
    # Its message comes back (acks_late), alongside the ordinary ones.
    with celery_workers() as tally:
        for delivery_id in [crashed, *others, crashed]:
            send_digest.delay(delivery_id)
        tally.wait_until_settled()
    assert recipients() == expected_recipients(world)
    assert DigestDelivery.objects.get(pk=crashed).status == Status.SENDING
    # The locmem outbox, like SMTP, cannot say what it took: reported once it has been
    # stuck long enough, and left alone.
    settings.EMAIL_STUCK_AFTER_MINUTES = 0
    assert [stuck.pk for stuck in stuck_resolve(now=timezone.now()).unknown] == [crashed]


@on_redis
def test_a_task_left_by_an_earlier_test_does_not_hold_this_ones(world):
    """A message another test left on the broker runs beside this test's tasks; the
    tally waits for this test's own, and the digest still goes once to each member."""
    with celery_workers() as tally:
        after_task_publish.disconnect(tally.on_publish)
        left_behind = send_digest.delay(DigestDelivery.objects.count() + 1000)
        after_task_publish.connect(tally.on_publish, weak=False)
        plan_due_digests.delay()
        tally.wait_until_settled()
        wait_for(lambda: tally.finished[left_behind.id] == 1, "the task left behind")
    assert recipients() == expected_recipients(world)


@on_redis
def test_an_smtp_failure_is_retried_then_recorded_as_failed(world, settings):
    from .mail_backends import FLAKY, flaky

    settings.EMAIL_BACKEND = "tests.governance.mail_backends.FlakySMTPBackend"
    settings.EMAIL_RETRY_BACKOFF_SECONDS = 0
    settings.EMAIL_SEND_MAX_ATTEMPTS = 3
    BoardMembership.objects.exclude(user=world.board_chair).update(receives_digest=False)
    flaky(failures=10)
    with celery_workers() as tally:
        plan_due_digests.delay()
        tally.wait_until_settled()
    row = DigestDelivery.objects.get()
    assert row.status == Status.FAILED
    assert row.attempts == 3
    assert "SMTPServerDisconnected" in row.last_error
    assert FLAKY["calls"] == 3
    assert mail.outbox == []


@on_redis
def test_a_transient_smtp_failure_is_retried_until_it_goes(world, settings):
    from .mail_backends import FLAKY, flaky

    settings.EMAIL_BACKEND = "tests.governance.mail_backends.FlakySMTPBackend"
    settings.EMAIL_RETRY_BACKOFF_SECONDS = 0
    BoardMembership.objects.exclude(user=world.board_chair).update(receives_digest=False)
    flaky(failures=2)
    with celery_workers() as tally:
        plan_due_digests.delay()
        tally.wait_until_settled()
    row = DigestDelivery.objects.get()
    assert (row.status, row.attempts, row.last_error) == (Status.SENT, 3, "")
    assert FLAKY["calls"] == 3
    assert recipients() == [world.board_chair.email]


# --- the embedded default: `make run`'s worker with beat --------------------------------

REPO = Path(__file__).resolve().parents[2]
SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", "--noinput", verbosity=0)
from accounts.models import User
from governance.models import BoardMembership, GovernanceBoard
board = GovernanceBoard.objects.create(name="Embedded Board", slug="embedded-board", digest_day=1)
user = User.objects.create_user("embedded.member@example.test", first_name="Em")
BoardMembership.objects.create(board=board, user=user, role="member")
"""


def _procfile_worker() -> list[str]:
    for line in (REPO / "Procfile").read_text().splitlines():
        if line.startswith("worker:"):
            return line.removeprefix("worker:").split()
    raise AssertionError("Procfile has no worker line")


def test_the_embedded_worker_with_beat_sends_a_digest_into_the_email_folder(tmp_path):
    """No Redis, no PostgreSQL, no SMTP: SQLite, the filesystem broker and email files,
    as `make run` starts them. Beat's start-up catch-up plans the digest due today."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "EMAIL_URL", "EMAIL_PROVIDER"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="adoptadapt.settings.local",
        ADOPTADAPT_VAR_DIR=str(tmp_path),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
    )
    # Our own interpreter and the Procfile's command line: no outside input.
    subprocess.run(  # noqa: S603
        [sys.executable, "-c", SETUP], cwd=REPO, env=env, check=True, timeout=120
    )
    emails = tmp_path / "emails"
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(  # noqa: S603
        _procfile_worker(), cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 2 * WAIT_SECONDS
        sent = []
        while time.monotonic() < deadline and not sent and worker.poll() is None:
            time.sleep(0.5)
            sent = [path for path in emails.glob("*.log") if "Embedded Board" in path.read_text()]
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()
    output = (tmp_path / "worker.log").read_text()
    assert sent, f"No digest email in {emails}; the worker said:\n{output[-4000:]}"
    message = sent[0].read_text()
    assert "To: embedded.member@example.test" in message
    assert "Subject: Embedded Board: digest for" in message
    assert "Content-Type: text/html" in message
