"""Queueing the send tasks of planned delivery rows, whether or not the broker answers.

The rows, not the queue, record what is owed: a row the broker never took stays
pending, and the next catch-up (the daily planner, or beat's start-up run) finds it
with `waiting_deliveries` and queues it again. So a broker that is down when a plan
commits is logged, not raised: planning succeeded and nothing is lost, and the planner
must not report the board's digest as unplanned or fail the day's reminders.
"""

import logging
from collections.abc import Callable
from functools import partial

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerUnavailable

logger = logging.getLogger(__name__)


def sends_queue_on_commit(queue_send: Callable[[int], None], delivery_ids: list[int]) -> None:
    """When the transaction commits, call `queue_send` for each row id; at the first
    one the broker refuses, stop and leave the rest pending for the catch-up."""
    if delivery_ids:
        transaction.on_commit(partial(_queue_each, queue_send, list(delivery_ids)))


def _queue_each(queue_send: Callable[[int], None], delivery_ids: list[int]) -> None:
    for queued, delivery_id in enumerate(delivery_ids):
        try:
            queue_send(delivery_id)
        except BrokerUnavailable as error:
            # kombu has already retried the publish; more tries would only slow the plan.
            logger.warning(
                "Broker unavailable (%s): %s of %s sends not queued (rows %s); they stay "
                "pending and the next catch-up queues them",
                error,
                len(delivery_ids) - queued,
                len(delivery_ids),
                delivery_ids[queued:],
            )
            return
