"""Email: the one function digests and reminders send through, and the GOV.UK Notify
backend.

Every email in the product goes through Django's EMAIL_BACKEND: SMTP from EMAIL_URL,
files under var/ on the embedded default, or `NotifyEmailBackend` when EMAIL_PROVIDER
is "notify" (settings choose it), so invitations and password resets follow the same
provider as digests. `email_send` adds what exactly-once sending needs: errors come
back as one of two kinds, so callers decide without knowing the provider, a
transient one (worth trying again later) or a permanent one (the message will never go).

`email_sent` asks the provider whether it took a message with a given reference, which
lets a send interrupted by a dying worker be finished without sending it twice. Notify
and the embedded default's email folder can say; SMTP cannot, so there it is unknown.
"""

import logging
import re
import smtplib
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.filebased import EmailBackend as FileBasedEmailBackend

logger = logging.getLogger(__name__)

# The header that carries `email_send`'s reference to the provider.
REFERENCE_HEADER = "X-Adoptadapt-Reference"


class EmailError(Exception):
    """The provider did not take the message."""


class TransientEmailError(EmailError):
    """A failure that may pass: connection lost, server busy, rate limited."""


class PermanentEmailError(EmailError):
    """A failure that will repeat: the address or the message was refused."""


def email_send(*, to: str, subject: str, text: str, html: str = "", reference: str = "") -> None:
    """Send one message to one address, or raise TransientEmailError/PermanentEmailError.

    `reference` identifies the send to the provider (Notify keeps it with the message).
    """
    headers = {REFERENCE_HEADER: reference} if reference else {}
    message = EmailMultiAlternatives(subject, text, to=[to], headers=headers)
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except EmailError:
        raise
    except smtplib.SMTPResponseException as error:
        # 5xx replies are final (no such mailbox, message refused); 4xx ask us to retry.
        if 500 <= error.smtp_code < 600:
            raise PermanentEmailError(f"SMTP {error.smtp_code}: {error.smtp_error!r}") from error
        raise TransientEmailError(f"SMTP {error.smtp_code}: {error.smtp_error!r}") from error
    except smtplib.SMTPRecipientsRefused as error:
        raise PermanentEmailError(f"Recipient refused: {error.recipients!r}") from error
    except (smtplib.SMTPException, OSError) as error:
        raise TransientEmailError(f"{type(error).__name__}: {error}") from error


def email_sent(reference: str) -> bool | None:
    """Whether the provider took a message sent with `reference`: True or False when it
    can say, None when it cannot (SMTP keeps no record we can ask) or did not answer."""
    backend = get_connection()
    ask = getattr(backend, "reference_sent", None)
    if ask is None:
        return None
    try:
        return ask(reference)
    except Exception as error:  # an unanswered question is an unknown, not a crash
        logger.warning("Could not ask the email provider about %s: %s", reference, error)
        return None


class FileEmailBackend(FileBasedEmailBackend):
    """Django's file backend (the embedded default writes emails to var/emails/), which
    can also say whether it wrote a message with a given reference."""

    def reference_sent(self, reference: str) -> bool:
        header = re.compile(rf"^{REFERENCE_HEADER}: {re.escape(reference)}$", re.MULTILINE)
        folder = Path(self.file_path)
        return any(header.search(path.read_text(errors="replace")) for path in folder.glob("*"))


class NotifyEmailBackend(BaseEmailBackend):
    """Sends through GOV.UK Notify, which many local authorities use.

    Notify sends from a template of its own: ours has ((subject)) and ((body)) in it,
    and Notify lays out and brands the HTML itself, so only the plain-text part goes.
    Its refusals are raised as TransientEmailError or PermanentEmailError.
    """

    def send_messages(self, email_messages) -> int:
        from notifications_python_client.notifications import NotificationsAPIClient

        client = NotificationsAPIClient(settings.NOTIFY_API_KEY)
        sent = 0
        for message in email_messages:
            for address in message.recipients():
                try:
                    self._send(client, message, address)
                except EmailError:
                    if not self.fail_silently:
                        raise
                else:
                    sent += 1
        return sent

    def reference_sent(self, reference: str) -> bool:
        """Notify keeps each notification's reference and can be searched by it."""
        from notifications_python_client.notifications import NotificationsAPIClient

        client = NotificationsAPIClient(settings.NOTIFY_API_KEY)
        found = client.get_all_notifications(reference=reference, template_type="email")
        return bool(found.get("notifications"))

    def _send(self, client, message, address: str) -> None:
        from notifications_python_client.errors import APIError

        try:
            client.send_email_notification(
                email_address=address,
                template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
                personalisation={"subject": message.subject, "body": message.body},
                reference=message.extra_headers.get(REFERENCE_HEADER) or None,
                email_reply_to_id=settings.NOTIFY_EMAIL_REPLY_TO_ID or None,
            )
        except APIError as error:
            # Notify answers 429 when rate limited and 5xx when down (503 for no answer).
            if error.status_code == 429 or error.status_code >= 500:
                raise TransientEmailError(f"Notify {error}") from error
            raise PermanentEmailError(f"Notify {error}") from error
