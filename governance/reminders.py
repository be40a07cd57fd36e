"""Reminders to the people who submit an adoption's monthly update.

For the month being reported on, reminders go REMINDER_DAYS_BEFORE_DUE days before the
due day, on the due day, and once a week while the update is overdue, until it is
submitted (an update returned for revision is the team's again, so reminders resume).

They go to the adoption's lead, and to its contributors where the lead lets them submit:
a contributor who may only draft cannot do what the reminder asks. People who turned
reminders off in their account get none.

Each step is one `ReminderDelivery` row per person under a unique constraint, so a run
that fires twice sends once. A run that was missed catches up with the latest step only,
and the email words the timing from the day it is sent ("overdue by 8 days").
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sites.models import Adoption, AdoptionRole, ProgressUpdate, Stage
from sites.periods import PeriodStatus, due_date, next_month, period_status, reporting_period

from .delivery import (
    NOT_CLAIMED,
    Message,
    SendResult,
    delivery_abandon,
    delivery_claim,
    delivery_send,
    waiting_deliveries,
)
from .digests import absolute_url
from .models import ReminderDelivery
from .queueing import sends_queue_on_commit

Kind = ReminderDelivery.Kind
SUBMITTED = [ProgressUpdate.Status.SUBMITTED, ProgressUpdate.Status.ACCEPTED]


@dataclass(frozen=True)
class ReminderStep:
    kind: str
    sequence: int
    falls_on: datetime.date


def reminder_step(period: datetime.date, today: datetime.date) -> ReminderStep | None:
    """The latest reminder for `period` that falls on or before `today`, if any."""
    due = due_date(period)
    first = due - datetime.timedelta(days=settings.REMINDER_DAYS_BEFORE_DUE)
    if today < first:
        return None
    if today < due:
        return ReminderStep(Kind.BEFORE_DUE, 0, first)
    week = (today - due).days // 7
    if week == 0:
        return ReminderStep(Kind.DUE, 0, due)
    return ReminderStep(Kind.OVERDUE, week, due + datetime.timedelta(weeks=week))


def _submitters(adoption_ids=None):
    """The roles that submit updates and want reminders, on active accounts."""
    roles = AdoptionRole.objects.filter(
        Q(role=AdoptionRole.Role.LEAD)
        | Q(role=AdoptionRole.Role.CONTRIBUTOR, adoption__contributors_may_submit=True),
        user__is_active=True,
        user__receives_reminders=True,
    )
    return roles if adoption_ids is None else roles.filter(adoption_id__in=adoption_ids)


def adoptions_to_remind(period: datetime.date):
    """Adoptions expected to report on `period` whose update is not yet submitted."""
    submitted = ProgressUpdate.objects.filter(
        adoption=OuterRef("pk"), period=period, status__in=SUBMITTED
    )
    return (
        Adoption.objects.filter(started_on__lt=next_month(period))
        .exclude(stage=Stage.DISCONTINUED)
        .exclude(Exists(submitted))
    )


def _queue_reminder_send(delivery_id: int) -> None:
    from .tasks import send_reminder

    send_reminder.delay(delivery_id)


@transaction.atomic
def reminders_plan_due(*, now: datetime.datetime, queue: bool = True) -> list[int]:
    """Create today's reminder rows (London time) and return the rows waiting to be
    sent, queueing a send task for each on commit (unless `queue` is False)."""
    today = timezone.localdate(now)
    period = reporting_period(today)
    step = reminder_step(period, today)
    if step is not None:
        roles = _submitters().filter(adoption__in=adoptions_to_remind(period))
        ReminderDelivery.objects.bulk_create(
            [
                ReminderDelivery(
                    adoption_id=adoption_id,
                    recipient_id=user_id,
                    period=period,
                    kind=step.kind,
                    sequence=step.sequence,
                )
                for adoption_id, user_id in roles.values_list("adoption_id", "user_id")
            ],
            ignore_conflicts=True,
        )
    waiting = list(
        waiting_deliveries(ReminderDelivery, now=now)
        .filter(period=period)
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    if queue:
        sends_queue_on_commit(_queue_reminder_send, waiting)
    return waiting


def reminder_compose(*, adoption: Adoption, status: PeriodStatus, recipient) -> Message:
    period = status.period
    subject = (
        f"Monthly update for {period:%B %Y} {status.timing}: "
        f"{adoption.innovation.name} at {adoption.adopting_site.name}"
    )
    context = {
        "adoption": adoption,
        "status": status,
        "recipient": recipient,
        "subject": subject,
        "service_name": settings.SERVICE_NAME,
        "update_url": absolute_url(
            reverse("adoptions:update_edit", kwargs={"pk": adoption.pk, "period": period})
        ),
        "account_url": absolute_url(reverse("account")),
    }
    return Message(
        to=recipient.email,
        subject=subject,
        text=render_to_string("governance/email/reminder.txt", context),
        html=render_to_string("governance/email/reminder.html", context),
    )


def reminder_delivery_send(delivery_id: int, *, now: datetime.datetime | None = None) -> SendResult:
    """Claim one reminder row and send it, unless it is no longer needed: the update
    was submitted, or the person turned reminders off or no longer submits."""
    row = delivery_claim(ReminderDelivery, delivery_id)
    if row is None:
        return NOT_CLAIMED
    today = timezone.localdate(now or timezone.now())
    adoption = Adoption.objects.select_related("innovation", "adopting_site").get(
        pk=row.adoption_id
    )
    update = ProgressUpdate.objects.filter(adoption=adoption, period=row.period).first()
    status = period_status(row.period, update_status=update.status if update else None, today=today)
    role = _submitters([adoption.pk]).filter(user_id=row.recipient_id).select_related("user")
    role = role.first()
    if not status.is_open or role is None:
        delivery_abandon(row)
        return NOT_CLAIMED
    return delivery_send(
        row, reminder_compose(adoption=adoption, status=status, recipient=role.user)
    )
