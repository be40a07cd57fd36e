"""A Celery worker killed (SIGKILL) in the middle of sending a month's digests: after a
restart the period completes, with no email lost and none sent twice.

Real worker processes on Redis and the test's PostgreSQL database. The email provider is
the embedded default's email folder, made to hang on one address (the only stand-in), so
the kill lands mid-send: either before the provider took that email or just after. The
catch-up asks the provider which, and sends it again only if it never went."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from governance.digests import digests_plan_due
from governance.models import DigestDelivery, GovernanceBoard
from governance.tasks import plan_due_digests, send_digest
from tests.figures import figure_add
from tests.world import build_world

from .mail_backends import STALL_AFTER_VARIABLE, STALL_MARKER_VARIABLE, STALL_ON_VARIABLE
from .workers import queue_purge

REPO = Path(__file__).resolve().parents[2]
# A bound on a hung test (a worker that never starts), not a measure of speed.
WAIT_SECONDS = 120
Status = DigestDelivery.Status

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the worker process needs a database it can share: PostgreSQL, not the "
        "test run's in-memory SQLite",
    ),
    pytest.mark.django_db(transaction=True),
]


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """`celery worker` in its own process group, so SIGKILL takes its pool with it."""

    def __init__(self, var_dir: Path, name: str, **extra_env: str):
        self.log_path = var_dir / f"{name}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.governance.worker_settings",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "ADOPTADAPT_VAR_DIR": str(var_dir),
            "EMAIL_STUCK_AFTER_MINUTES": "0",
            **extra_env,
        }
        command = [sys.executable, "-m", "celery", "-A", "adoptadapt", "worker"]
        command += ["--concurrency=1", "--prefetch-multiplier=1", "--loglevel=INFO"]
        command += ["--without-heartbeat", "--without-gossip", "--without-mingle"]
        with self.log_path.open("w") as log:
            # Our own interpreter running Celery: no outside input.
            self.process = subprocess.Popen(  # noqa: S603
                command,
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def log(self) -> str:
        return self.log_path.read_text()[-4000:]

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=WAIT_SECONDS)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def _wait(condition, what: str, worker: Worker) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        assert worker.process.poll() is None, f"the worker stopped:\n{worker.log()}"
        time.sleep(0.2)
    raise AssertionError(f"Waited {WAIT_SECONDS} s for {what}; the worker said:\n{worker.log()}")


def _emails_to(folder: Path) -> list[str]:
    """The recipient of every email the provider took, one entry per email."""
    return sorted(
        line.removeprefix("To: ")
        for path in folder.glob("*")
        for line in path.read_text().splitlines()
        if line.startswith("To: ")
    )


@pytest.mark.parametrize(
    ("stall_after_writing", "case"),
    [("0", "before the provider took the email"), ("1", "after the provider took the email")],
)
def test_a_worker_killed_mid_digest_leaves_every_email_sent_exactly_once(
    tmp_path, stall_after_writing, case
):
    world = build_world()
    GovernanceBoard.objects.update(digest_day=1)
    rows = digests_plan_due(now=timezone.now(), queue=False)
    recipients = sorted(row.recipient.email for row in DigestDelivery.objects.all())
    assert len(rows) == len(recipients) == 4
    stalled = DigestDelivery.objects.get(pk=rows[1]).recipient.email
    marker = tmp_path / "stalled"
    emails = tmp_path / "emails"
    queue_purge()

    first = Worker(
        tmp_path,
        "first",
        **{
            STALL_ON_VARIABLE: stalled,
            STALL_AFTER_VARIABLE: stall_after_writing,
            STALL_MARKER_VARIABLE: str(marker),
        },
    )
    try:
        for pk in rows:
            send_digest.delay(pk)
        _wait(marker.exists, f"the send to {stalled} to stall", first)
        first.kill()
    finally:
        first.stop()
    # Killed mid-send: the stalled row is claimed and unfinished; some never started.
    assert DigestDelivery.objects.get(pk=rows[1]).status == Status.SENDING
    assert DigestDelivery.objects.filter(status=Status.PENDING).exists()

    second = Worker(tmp_path, "second")
    try:
        plan_due_digests.delay()
        _wait(
            lambda: set(DigestDelivery.objects.values_list("status", flat=True)) == {Status.SENT},
            "every digest to be sent",
            second,
        )
    finally:
        second.stop()

    assert _emails_to(emails) == recipients, f"{case}: {_emails_to(emails)}"
    stalled_row = DigestDelivery.objects.get(pk=rows[1])
    # Sent again only when the provider never had it.
    assert stalled_row.attempts == (1 if stall_after_writing == "1" else 2)
    assert world.board_chair.email in recipients
    figure_add("faults survived", item=f"worker killed mid-digest, {case}")
