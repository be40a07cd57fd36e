"""Stand-ins for the mail provider, the one boundary the digest tests replace.

`FlakySMTPBackend` refuses the first `FLAKY["failures"]` messages the way a busy SMTP
server does, then delivers to Django's locmem outbox like the test backend.
`StallingFileBackend` hangs on one address, for a worker to be killed mid-send.
"""

import os
import smtplib
import threading
from pathlib import Path

from django.core.mail.backends.locmem import EmailBackend

from adoptadapt.mail import FileEmailBackend

FLAKY = {"failures": 0, "calls": 0}
_lock = threading.Lock()


def flaky(failures: int) -> None:
    with _lock:
        FLAKY.update(failures=failures, calls=0)


class FlakySMTPBackend(EmailBackend):
    def send_messages(self, messages):
        with _lock:
            FLAKY["calls"] += 1
            refuse = FLAKY["failures"] > 0
            if refuse:
                FLAKY["failures"] -= 1
        if refuse:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


# --- for a worker process that is killed mid-send (test_worker_killed.py) ----------------

STALL_ON_VARIABLE = "ADOPTADAPT_TEST_STALL_ON"  # the address whose message stalls
STALL_AFTER_VARIABLE = "ADOPTADAPT_TEST_STALL_AFTER_WRITING"  # "1": stall once written
STALL_MARKER_VARIABLE = "ADOPTADAPT_TEST_STALL_MARKER"  # a file written on stalling


class StallingFileBackend(FileEmailBackend):
    """The embedded default's email folder, standing in for a provider that stops
    answering on one address: it never returns from that message (so the test can kill
    the worker there), either before writing it or just after."""

    def send_messages(self, messages):
        address = os.environ.get(STALL_ON_VARIABLE, "")
        if not (address and any(address in message.to for message in messages)):
            return super().send_messages(messages)
        if os.environ.get(STALL_AFTER_VARIABLE) == "1":
            super().send_messages(messages)
        Path(os.environ[STALL_MARKER_VARIABLE]).write_text(address)
        threading.Event().wait()  # until the worker is killed
