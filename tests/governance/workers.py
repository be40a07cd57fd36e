"""Real Celery workers for the digest tests, in threads of the test process.

They consume from the Redis broker named by CELERY_BROKER_URL and share the test
database (committed data: `transaction=True` tests) and the locmem outbox.
`TaskTally` counts the tasks published and finished, so a test waits until every
task it caused, retries and duplicates included, has run, rather than for a time.
"""

import threading
import time
from collections import Counter
from contextlib import contextmanager

from celery.contrib.testing.worker import TestWorkController, setup_app_for_worker
from celery.signals import after_task_publish, task_postrun
from celery.worker import state
from kombu.asynchronous import set_event_loop

from adoptadapt.celery import app

# Generous: a bound on a hung test, not a measure of speed.
WAIT_SECONDS = 20


class TaskTally:
    """The tasks this test published (each retry republishes its task under the same
    id) and the runs of them that finished. A message left on the broker by an earlier
    test may run too; it is not this test's, so the tally does not wait for it or
    count it (one such stray once kept a test waiting forever)."""

    def __init__(self):
        self.published = Counter()
        self.finished = Counter()
        self._lock = threading.Lock()

    def on_publish(self, sender=None, headers=None, **kwargs):
        with self._lock:
            self.published[headers["id"]] += 1

    def on_finish(self, sender=None, task_id=None, **kwargs):
        with self._lock:
            self.finished[task_id] += 1

    def settled(self) -> bool:
        with self._lock:
            return bool(self.published) and all(
                self.finished[task_id] >= times for task_id, times in self.published.items()
            )

    def wait_until_settled(self, what: str = "every task") -> None:
        wait_for(self.settled, what)


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"Waited {WAIT_SECONDS} s for {what}")


def queue_purge() -> None:
    """Drop messages an earlier, interrupted run left in the queue."""
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge(app.conf.task_default_queue)


@contextmanager
def celery_workers(count: int = 1, concurrency: int = 2):
    """Start `count` workers (thread pools of `concurrency`); yield a TaskTally.

    Like celery.contrib.testing's `start_worker`, but several at once: the stop flag
    is process-wide, so all are stopped together and joined before it is cleared.
    """
    queue_purge()
    tally = TaskTally()
    after_task_publish.connect(tally.on_publish, weak=False)
    task_postrun.connect(tally.on_finish, weak=False)
    setup_app_for_worker(app, "WARNING", None)
    threads = []
    try:
        for number in range(count):
            # Each worker makes its own event loop only if none is current: kombu keeps
            # one per process, and two workers polling one loop steal each other's reads.
            set_event_loop(None)
            worker = TestWorkController(
                app=app,
                concurrency=concurrency,
                hostname=f"digest-test-{number}@localhost",
                pool="threads",
                loglevel="WARNING",
                logfile=None,
                ready_callback=None,
                without_heartbeat=True,
                without_mingle=True,
                without_gossip=True,
            )
            thread = threading.Thread(target=worker.start, daemon=True)
            thread.start()
            worker.ensure_started()
            threads.append(thread)
        yield tally
    finally:
        state.should_terminate = 0
        for thread in threads:
            thread.join(WAIT_SECONDS)
        state.should_terminate = None
        set_event_loop(None)
        after_task_publish.disconnect(tally.on_publish)
        task_postrun.disconnect(tally.on_finish)
        assert not any(thread.is_alive() for thread in threads), "a worker did not stop"
