"""Sending one delivery row exactly once: pending → sending → sent, or failed.

Celery may run a send task twice (a redelivered message, a retry racing the daily
catch-up), so the row, not the task, decides. A task first claims the row: under
`select_for_update(skip_locked=True)` and a compare-and-set on the status, exactly one
task moves it from pending to sending. Only that task sends, then marks it sent. A
transient provider error puts it back to pending to be retried later; the last allowed
attempt, or a permanent error, marks it failed with the error.

If a worker dies between claiming and marking sent, the row stays in "sending". Once it
has been there EMAIL_STUCK_AFTER_MINUTES, the daily catch-up (`stuck_resolve`) asks the
provider about the row's reference: if the provider took the email the row is marked
sent, if not it goes back to pending and is sent again. Only a provider that cannot say
(SMTP) leaves the row stuck, reported for a person to check, never resent blindly. So at
most one email per row, and exactly one whenever the provider can be asked.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from adoptadapt.mail import PermanentEmailError, TransientEmailError, email_send, email_sent

from .models import Delivery, DigestDelivery, ReminderDelivery

logger = logging.getLogger(__name__)

Status = Delivery.Status


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class SendResult:
    """What became of one attempt; `retry_in` is seconds until the next try, if any."""

    status: str
    retry_in: int | None = None

    @property
    def sent(self) -> bool:
        return self.status == Status.SENT


NOT_CLAIMED = SendResult(status="not claimed")


def retry_delay(attempts: int) -> int:
    """Exponential backoff: the base wait, doubled after each failed attempt."""
    return settings.EMAIL_RETRY_BACKOFF_SECONDS * 2 ** max(0, attempts - 1)


def delivery_claim(model: type[Delivery], pk: int) -> Delivery | None:
    """Move a pending row to sending and return it; None if it is not pending (already
    sent, failed, being sent by another task) or another transaction holds it."""
    with transaction.atomic():
        row = (
            model.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status=Status.PENDING)
            .first()
        )
        if row is None:
            return None
        now = timezone.now()
        # The compare-and-set is what holds on SQLite, which has no row locks.
        claimed = model.objects.filter(pk=pk, status=Status.PENDING).update(
            status=Status.SENDING, attempts=F("attempts") + 1, claimed_at=now
        )
        if not claimed:
            return None
        row.status, row.attempts, row.claimed_at = Status.SENDING, row.attempts + 1, now
        return row


def delivery_abandon(row: Delivery) -> None:
    """Remove a claimed row whose email is no longer needed; nothing was sent."""
    type(row).objects.filter(pk=row.pk, status=Status.SENDING).delete()


def _finish(row: Delivery, **fields) -> None:
    type(row).objects.filter(pk=row.pk, status=Status.SENDING).update(**fields)


def delivery_reference(row: Delivery) -> str:
    """What the provider keeps with the row's email, to be asked about it later."""
    return f"{row._meta.model_name}-{row.pk}"


def delivery_send(row: Delivery, message: Message) -> SendResult:
    """Send a claimed row's message and record the outcome on the row."""
    reference = delivery_reference(row)
    try:
        email_send(
            to=message.to,
            subject=message.subject,
            text=message.text,
            html=message.html,
            reference=reference,
        )
    except TransientEmailError as error:
        if row.attempts >= settings.EMAIL_SEND_MAX_ATTEMPTS:
            logger.error("%s failed after %s attempts: %s", reference, row.attempts, error)
            _finish(row, status=Status.FAILED, last_error=str(error))
            return SendResult(status=Status.FAILED)
        logger.warning("%s attempt %s failed, will retry: %s", reference, row.attempts, error)
        _finish(row, status=Status.PENDING, last_error=str(error))
        return SendResult(status=Status.PENDING, retry_in=retry_delay(row.attempts))
    except PermanentEmailError as error:
        logger.error("%s refused: %s", reference, error)
        _finish(row, status=Status.FAILED, last_error=str(error))
        return SendResult(status=Status.FAILED)
    _finish(row, status=Status.SENT, sent_at=timezone.now(), last_error="")
    return SendResult(status=Status.SENT)


def stuck_deliveries(model: type[Delivery], *, now: datetime.datetime) -> models.QuerySet:
    """Rows claimed more than EMAIL_STUCK_AFTER_MINUTES ago and never finished: the
    worker died mid-send, so whether the email went is unknown. Someone must look."""
    cutoff = now - datetime.timedelta(minutes=settings.EMAIL_STUCK_AFTER_MINUTES)
    return model.objects.filter(status=Status.SENDING, claimed_at__lt=cutoff).select_related(
        "recipient"
    )


def waiting_deliveries(model: type[Delivery], *, now: datetime.datetime) -> models.QuerySet:
    """Pending rows no task may be holding any more: never claimed, or last tried longer
    ago than the longest backoff. The catch-up queues them again; the claim makes any
    duplicate task harmless."""
    longest = retry_delay(settings.EMAIL_SEND_MAX_ATTEMPTS)
    cutoff = now - datetime.timedelta(seconds=longest)
    return model.objects.filter(status=Status.PENDING).filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=cutoff)
    )


@dataclass(frozen=True)
class StuckOutcome:
    """What the catch-up made of the rows stuck in sending."""

    resend: list[Delivery]  # the provider never took them: back to pending, to send again
    recovered: list[Delivery]  # the provider took them: now marked sent
    unknown: list[Delivery]  # the provider cannot say: left stuck and reported


def stuck_resolve(*, now: datetime.datetime) -> StuckOutcome:
    """Settle every stuck row (digests and reminders) by asking the provider about it."""
    stuck = [
        *stuck_deliveries(DigestDelivery, now=now).select_related("board"),
        *stuck_deliveries(ReminderDelivery, now=now),
    ]
    outcome = StuckOutcome(resend=[], recovered=[], unknown=[])
    for row in stuck:
        reference = delivery_reference(row)
        provider_took_it = email_sent(reference)
        if provider_took_it is True:
            _finish(row, status=Status.SENT, sent_at=now, last_error="")
            logger.warning("%s was sent before its worker stopped; marked sent", reference)
            outcome.recovered.append(row)
        elif provider_took_it is False:
            _finish(row, status=Status.PENDING, last_error="Its worker stopped before sending")
            logger.warning("%s was not sent before its worker stopped; sending again", reference)
            outcome.resend.append(row)
        else:
            logger.error(
                "Stuck in sending since %s, not resent: %s (id %s); check the mail provider's "
                "log before sending it by hand",
                row.claimed_at,
                row,
                row.pk,
            )
            outcome.unknown.append(row)
    return outcome
