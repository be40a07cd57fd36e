"""Celery tasks for digests and reminders: thin wrappers round the services.

Every task here is idempotent, because the delivery rows, not the messages, decide what
is sent; so each acknowledges late and is redelivered if its worker dies, and the
redelivered run finds the work done, or the row stuck in "sending", which the daily
catch-up settles with the provider (governance/delivery.py).
"""

from celery import shared_task
from celery.signals import beat_init
from django.utils import timezone

from .delivery import stuck_resolve
from .digests import digest_delivery_send, digests_plan_due
from .models import DigestDelivery, ReminderDelivery
from .queueing import sends_queue_on_commit
from .reminders import reminder_delivery_send, reminders_plan_due

IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True}


@shared_task(**IDEMPOTENT)
def plan_due_digests() -> int:
    """Daily: settle sends stuck by a dead worker, then plan (or catch up on) every
    digest due today."""
    now = timezone.now()
    resends_queue(stuck_resolve(now=now).resend)
    return len(digests_plan_due(now=now))


@shared_task(bind=True, max_retries=None, **IDEMPOTENT)
def send_digest(self, delivery_id: int) -> str:
    result = digest_delivery_send(delivery_id)
    if result.retry_in is not None:
        raise self.retry(countdown=result.retry_in)
    return result.status


@shared_task(**IDEMPOTENT)
def plan_due_reminders() -> int:
    """Daily: plan the reminders due today (London time) and send them."""
    return len(reminders_plan_due(now=timezone.now()))


@shared_task(bind=True, max_retries=None, **IDEMPOTENT)
def send_reminder(self, delivery_id: int) -> str:
    result = reminder_delivery_send(delivery_id)
    if result.retry_in is not None:
        raise self.retry(countdown=result.retry_in)
    return result.status


SEND_TASKS = {DigestDelivery: send_digest, ReminderDelivery: send_reminder}


def resends_queue(rows) -> None:
    """Queue a send for each row `stuck_resolve` put back to pending, broker permitting
    (a refused one stays pending for the next catch-up)."""
    for model, task in SEND_TASKS.items():
        sends_queue_on_commit(task.delay, [row.pk for row in rows if isinstance(row, model)])


@beat_init.connect
def catch_up_when_beat_starts(sender, **kwargs) -> None:
    """Beat does not run a daily entry it missed while it was down (a laptop asleep at
    06:15, a deploy at the wrong moment), so on starting it asks for today's catch-up."""
    plan_due_digests.delay()
    plan_due_reminders.delay()
