"""Stand-ins for the mail provider, the one boundary the digest tests replace.

`FlakySMTPBackend` refuses the first `FLAKY["failures"]` messages the way a busy SMTP
server does, then delivers to Django's locmem outbox like the test backend.
"""

import smtplib
import threading

from django.core.mail.backends.locmem import EmailBackend

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
