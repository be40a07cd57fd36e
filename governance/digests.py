"""A board's monthly digest: composed once, archived, and one delivery row per recipient.

On its digest day a board's digest of the previous month is composed from the same
`board_month` the dashboard shows and stored as a `BoardDigest` (the archive), with a
`DigestDelivery` row for each member who receives it. Both inserts ignore conflicts on
their unique constraints, so planning twice, or in two processes at once, adds nothing.
Days are worked out in Europe/London (TIME_ZONE) whatever the time of the run.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from sites.periods import reporting_period

from .dashboard import board_month
from .delivery import (
    NOT_CLAIMED,
    Message,
    SendResult,
    delivery_abandon,
    delivery_claim,
    delivery_send,
    waiting_deliveries,
)
from .models import BoardDigest, BoardMembership, DigestDelivery, GovernanceBoard
from .months import BoardMonthWindow
from .queueing import sends_queue_on_commit

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """A link that works from an email: the site's public address and the path."""
    return f"{settings.SITE_URL}{path}"


def dashboard_url(board: GovernanceBoard, month: datetime.date) -> str:
    return absolute_url(
        f"{reverse('boards:detail', kwargs={'slug': board.slug})}?month={month:%Y-%m}"
    )


def digest_period(today: datetime.date) -> datetime.date:
    """A digest sent in a month is about the month before it."""
    return reporting_period(today)


@dataclass(frozen=True)
class ComposedDigest:
    subject: str
    text: str
    html: str


def digest_compose(
    *, board: GovernanceBoard, period: datetime.date, now: datetime.datetime
) -> ComposedDigest:
    """Render a board's digest of `period` as known at `now`, without storing it."""
    window = BoardMonthWindow.for_month(period, now=now)
    month = board_month(board, window)
    context = {
        "board": board,
        "month": month,
        "window": window,
        "service_name": settings.SERVICE_NAME,
        "site_url": settings.SITE_URL,
        "dashboard_url": dashboard_url(board, window.month),
        "archive_url": absolute_url(reverse("boards:digests", kwargs={"slug": board.slug})),
    }
    subject = f"{board.name}: digest for {window.month:%B %Y}"
    return ComposedDigest(
        subject=subject,
        text=render_to_string("governance/email/digest.txt", {**context, "subject": subject}),
        html=render_to_string("governance/email/digest.html", {**context, "subject": subject}),
    )


def _queue_digest_send(delivery_id: int) -> None:
    from .tasks import send_digest

    send_digest.delay(delivery_id)


@transaction.atomic
def digest_plan(
    *, board: GovernanceBoard, period: datetime.date, now: datetime.datetime, queue: bool = True
) -> list[int]:
    """Store the board's digest of `period` (once) and a delivery row for each active
    member who receives digests; return the rows waiting to be sent, and queue a send
    task for each when the transaction commits (unless `queue` is False)."""
    if not BoardDigest.objects.filter(board=board, period=period).exists():
        composed = digest_compose(board=board, period=period, now=now)
        BoardDigest.objects.bulk_create(
            [
                BoardDigest(
                    board=board,
                    period=period,
                    subject=composed.subject,
                    body_text=composed.text,
                    body_html=composed.html,
                )
            ],
            ignore_conflicts=True,
        )
    digest = BoardDigest.objects.get(board=board, period=period)
    recipients = BoardMembership.objects.filter(
        board=board, receives_digest=True, user__is_active=True
    ).values_list("user_id", flat=True)
    DigestDelivery.objects.bulk_create(
        [
            DigestDelivery(board=board, digest=digest, recipient_id=user_id, period=period)
            for user_id in recipients
        ],
        ignore_conflicts=True,
    )
    waiting = list(
        waiting_deliveries(DigestDelivery, now=now)
        .filter(board=board, period=period)
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    if queue:
        sends_queue_on_commit(_queue_digest_send, waiting)
    return waiting


def digests_plan_due(*, now: datetime.datetime, queue: bool = True) -> list[int]:
    """Plan every board's digest that is due today (London time); the daily catch-up,
    which also queues again any earlier month's row never sent.

    One board's failure is logged and does not stop the others; tomorrow's run retries it.
    """
    today = timezone.localdate(now)
    period = digest_period(today)
    waiting = []
    # Due from the board's digest day to the end of the month, so missed days catch up.
    for board in GovernanceBoard.objects.filter(digest_day__lte=today.day).order_by("pk"):
        try:
            waiting += digest_plan(board=board, period=period, now=now, queue=queue)
        except Exception:
            logger.exception("Could not plan the %s digest for %s", board, f"{period:%B %Y}")
    # Earlier months' rows still owed: planned while the broker was down, and the month
    # turned before it came back. Late is better than never; the archive has them too.
    earlier = list(
        waiting_deliveries(DigestDelivery, now=now)
        .filter(period__lt=period)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if queue:
        sends_queue_on_commit(_queue_digest_send, earlier)
    return earlier + waiting


def digest_delivery_send(delivery_id: int) -> SendResult:
    """Claim one recipient's row and send them the stored digest."""
    row = delivery_claim(DigestDelivery, delivery_id)
    if row is None:
        return NOT_CLAIMED
    still_wanted = BoardMembership.objects.filter(
        board_id=row.board_id, user_id=row.recipient_id, receives_digest=True, user__is_active=True
    ).exists()
    if not still_wanted:
        # They opted out or left between planning and sending: nothing went.
        delivery_abandon(row)
        return NOT_CLAIMED
    digest = BoardDigest.objects.get(pk=row.digest_id)
    recipient = User.objects.get(pk=row.recipient_id)
    return delivery_send(
        row,
        Message(
            to=recipient.email,
            subject=digest.subject,
            text=digest.body_text,
            html=digest.body_html,
        ),
    )
