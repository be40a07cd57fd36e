"""Reminders to the people who submit an adoption's monthly update: before it is due,
on the day, weekly while overdue, and none once it is submitted."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from governance.models import ReminderDelivery
from governance.reminders import reminder_delivery_send, reminder_step, reminders_plan_due
from sites.models import Adoption

from ..factories import ProgressUpdateFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
OCTOBER = datetime.date(2026, 10, 1)
Kind = ReminderDelivery.Kind


@pytest.fixture(autouse=True)
def due_day(settings):
    settings.PROGRESS_UPDATE_DUE_DAY = 10
    settings.REMINDER_DAYS_BEFORE_DUE = 3


def run_day(day: int, month: int = 11) -> list:
    """The daily task's work at 06:30 UTC on a day of November 2026: plan, then send."""
    with time_machine.travel(datetime.datetime(2026, month, day, 6, 30, tzinfo=UTC), tick=False):
        now = timezone.now()
        before = len(mail.outbox)
        for delivery_id in reminders_plan_due(now=now, queue=False):
            reminder_delivery_send(delivery_id, now=now)
        return mail.outbox[before:]


def to(person, messages) -> list[str]:
    return [message.subject for message in messages if person.email in message.to]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (6, None),
        (7, (Kind.BEFORE_DUE, 0)),
        (9, (Kind.BEFORE_DUE, 0)),
        (10, (Kind.DUE, 0)),
        (16, (Kind.DUE, 0)),
        (17, (Kind.OVERDUE, 1)),
        (23, (Kind.OVERDUE, 1)),
        (24, (Kind.OVERDUE, 2)),
    ],
)
def test_the_step_due_on_each_day(day, expected):
    step = reminder_step(OCTOBER, datetime.date(2026, 11, day))
    assert (step and (step.kind, step.sequence)) == expected


def test_the_lead_is_reminded_before_on_and_weekly_after_the_due_day(world, mailoutbox):
    sent = {day: to(world.lead, run_day(day)) for day in range(1, 31)}
    days = {day: subjects for day, subjects in sent.items() if subjects}
    assert sorted(days) == [7, 10, 17, 24]
    assert "due in 3 days" in days[7][0]
    assert "due today" in days[10][0]
    assert "overdue by 7 days" in days[17][0]
    assert "overdue by 14 days" in days[24][0]
    assert all(len(subjects) == 1 for subjects in days.values())
    assert "Systemic Units at Adopting Borough Council" in days[7][0]
    message = next(m for m in mailoutbox if world.lead.email in m.to)
    assert f"/adoptions/{world.adoption.pk}/updates/2026-10/" in message.body
    assert message.alternatives[0][1] == "text/html"
    # The other adoption's lead gets theirs; the contributor, who may not submit, none.
    assert len(to(world.other_lead, mailoutbox)) == 4
    assert to(world.contributor, mailoutbox) == []


def test_reminders_stop_once_the_update_is_submitted(world, mailoutbox):
    assert to(world.lead, run_day(10))
    with time_machine.travel(datetime.datetime(2026, 11, 12, 9, tzinfo=UTC), tick=False):
        ProgressUpdateFactory(
            actor=world.lead, adoption=world.adoption, period=OCTOBER, rag="green", submit=True
        )
    later = [to(world.lead, run_day(day)) for day in range(11, 31)]
    assert later == [[]] * 20
    assert len(to(world.other_lead, mailoutbox)) == 3


def test_a_reminder_planned_before_the_update_was_submitted_is_not_sent(world, mailoutbox):
    with time_machine.travel(datetime.datetime(2026, 11, 17, 6, 30, tzinfo=UTC), tick=False):
        waiting = reminders_plan_due(now=timezone.now(), queue=False)
        ProgressUpdateFactory(
            actor=world.lead, adoption=world.adoption, period=OCTOBER, rag="amber", submit=True
        )
        for delivery_id in waiting:
            reminder_delivery_send(delivery_id, now=timezone.now())
    assert to(world.lead, mailoutbox) == []
    assert not ReminderDelivery.objects.filter(recipient=world.lead).exists()
    assert len(to(world.other_lead, mailoutbox)) == 1


def test_contributors_who_may_submit_are_reminded_unless_they_opted_out(world, mailoutbox):
    Adoption.objects.filter(pk=world.adoption.pk).update(contributors_may_submit=True)
    type(world.lead).objects.filter(pk=world.lead.pk).update(receives_reminders=False)
    run_day(10)
    assert len(to(world.contributor, mailoutbox)) == 1
    assert to(world.lead, mailoutbox) == []


def test_a_run_that_fires_twice_sends_once(world, mailoutbox):
    first, second = run_day(10), run_day(10)
    assert len(to(world.lead, first)) == 1
    assert second == []


def test_a_missed_day_catches_up_with_the_latest_step_only(world, mailoutbox):
    """Nothing ran from the 1st to the 12th: the 12th sends the due-day reminder."""
    assert to(world.lead, run_day(12)) == [
        "Monthly update for October 2026 overdue by 2 days: "
        "Systemic Units at Adopting Borough Council"
    ]
    assert ReminderDelivery.objects.get(recipient=world.lead).kind == Kind.DUE
