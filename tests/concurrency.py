"""Running several pieces of work at the same moment, each in its own thread with its
own database connection, for the race tests on PostgreSQL."""

import threading
from collections.abc import Callable

from django.db import connections


def run_at_once(*work: Callable[[], object]) -> list:
    """Start each callable in its own thread, release them together, wait for all;
    return their results in order (an exception is returned, not raised)."""
    start = threading.Barrier(len(work))
    results: list = [None] * len(work)

    def run(index: int, task: Callable[[], object]) -> None:
        try:
            start.wait(timeout=10)
            results[index] = task()
        except Exception as error:  # the caller asserts on what each one got
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(work)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
