"""Sending one email: the single place that talks to the email provider.

Django's email backend (SMTP from EMAIL_URL; files under var/ on the embedded default)
unless EMAIL_PROVIDER is "notify", which sends through GOV.UK Notify. Errors come back
as one of two kinds, so callers decide without knowing the provider: a transient one
(worth trying again later) or a permanent one (the same message will never go).
"""

import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives


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
    if settings.EMAIL_PROVIDER == "notify":
        _send_with_notify(to=to, subject=subject, text=text, reference=reference)
    else:
        _send_with_django(to=to, subject=subject, text=text, html=html)


def _send_with_django(*, to: str, subject: str, text: str, html: str) -> None:
    message = EmailMultiAlternatives(subject, text, to=[to])
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except smtplib.SMTPResponseException as error:
        # 5xx replies are final (no such mailbox, message refused); 4xx ask us to retry.
        if 500 <= error.smtp_code < 600:
            raise PermanentEmailError(f"SMTP {error.smtp_code}: {error.smtp_error!r}") from error
        raise TransientEmailError(f"SMTP {error.smtp_code}: {error.smtp_error!r}") from error
    except smtplib.SMTPRecipientsRefused as error:
        raise PermanentEmailError(f"Recipient refused: {error.recipients!r}") from error
    except (smtplib.SMTPException, OSError) as error:
        raise TransientEmailError(f"{type(error).__name__}: {error}") from error


def _send_with_notify(*, to: str, subject: str, text: str, reference: str) -> None:
    """Notify sends from a template of its own: ours has ((subject)) and ((body)) in it.

    Notify lays out and brands the HTML itself, so only the plain-text part goes.
    """
    from notifications_python_client.errors import APIError
    from notifications_python_client.notifications import NotificationsAPIClient

    client = NotificationsAPIClient(settings.NOTIFY_API_KEY)
    try:
        client.send_email_notification(
            email_address=to,
            template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
            personalisation={"subject": subject, "body": text},
            reference=reference or None,
            email_reply_to_id=settings.NOTIFY_EMAIL_REPLY_TO_ID or None,
        )
    except APIError as error:
        # Notify answers 429 when rate limited and 5xx when down (503 for no answer).
        if error.status_code == 429 or error.status_code >= 500:
            raise TransientEmailError(f"Notify {error}") from error
        raise PermanentEmailError(f"Notify {error}") from error
