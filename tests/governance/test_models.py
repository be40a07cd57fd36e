"""Every database constraint on boards, their meetings and the emails they send."""

import datetime

import pytest
from django.utils import timezone

from governance.models import (
    Action,
    BoardMeeting,
    BoardMembership,
    DigestDelivery,
    GovernanceBoard,
    ReminderDelivery,
)
from tests.constraints import violates
from tests.factories import (
    AdoptionFactory,
    BoardMembershipFactory,
    GovernanceBoardFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

JAN = datetime.date(2025, 1, 1)


@pytest.mark.parametrize("day", [0, 29])
def test_digest_day_exists_in_every_month(day):
    with violates("board_digest_day_in_every_month"):
        GovernanceBoard.objects.create(name="Board", slug="board", digest_day=day)


@pytest.mark.parametrize("day", [1, 28])
def test_digest_day_bounds_are_allowed(day):
    assert GovernanceBoardFactory(digest_day=day).pk


def test_one_membership_per_person_per_board():
    membership = BoardMembershipFactory()
    with violates("one_membership_per_board"):
        BoardMembership.objects.create(
            board=membership.board, user=membership.user, role=BoardMembership.Role.OBSERVER
        )


def test_one_meeting_per_board_per_day():
    board = GovernanceBoardFactory()
    BoardMeeting.objects.create(board=board, held_on=JAN)
    with violates("one_meeting_per_board_per_day"):
        BoardMeeting.objects.create(board=board, held_on=JAN)


def test_done_action_has_a_completion_date():
    with violates("action_done_has_completion_date"):
        Action.objects.create(
            board=GovernanceBoardFactory(),
            description="Share the new rota",
            due_on=JAN,
            status=Action.Status.DONE,
        )


def test_open_action_needs_no_completion_date():
    action = Action.objects.create(
        board=GovernanceBoardFactory(), description="Share the new rota", due_on=JAN
    )
    assert action.status == Action.Status.OPEN


def test_one_digest_per_board_recipient_and_month():
    board, recipient = GovernanceBoardFactory(), UserFactory()
    DigestDelivery.objects.create(board=board, recipient=recipient, period=JAN)
    with violates("one_digest_per_recipient_per_month"):
        DigestDelivery.objects.create(board=board, recipient=recipient, period=JAN)


def test_digest_for_another_month_or_person_is_allowed():
    board, recipient = GovernanceBoardFactory(), UserFactory()
    DigestDelivery.objects.create(board=board, recipient=recipient, period=JAN)
    DigestDelivery.objects.create(
        board=board, recipient=recipient, period=datetime.date(2025, 2, 1)
    )
    DigestDelivery.objects.create(board=board, recipient=UserFactory(), period=JAN)
    assert DigestDelivery.objects.count() == 3


def test_sent_digest_has_a_sent_time():
    with violates("digest_sent_has_time"):
        DigestDelivery.objects.create(
            board=GovernanceBoardFactory(),
            recipient=UserFactory(),
            period=JAN,
            status=DigestDelivery.Status.SENT,
        )


def _reminder(adoption, recipient, **fields):
    values = {
        "adoption": adoption,
        "recipient": recipient,
        "period": JAN,
        "kind": ReminderDelivery.Kind.OVERDUE,
        "sequence": 1,
    }
    values.update(fields)
    return ReminderDelivery.objects.create(**values)


def test_one_reminder_per_recipient_per_step():
    adoption, recipient = AdoptionFactory(), UserFactory()
    _reminder(adoption, recipient)
    with violates("one_reminder_per_recipient_per_step"):
        _reminder(adoption, recipient)


def test_next_overdue_week_is_another_step():
    adoption, recipient = AdoptionFactory(), UserFactory()
    _reminder(adoption, recipient, sequence=1)
    _reminder(adoption, recipient, sequence=2)
    _reminder(adoption, recipient, kind=ReminderDelivery.Kind.DUE, sequence=0)
    assert ReminderDelivery.objects.count() == 3


def test_sent_reminder_has_a_sent_time():
    with violates("reminder_sent_has_time"):
        _reminder(AdoptionFactory(), UserFactory(), status=ReminderDelivery.Status.SENT)


def test_sent_reminder_with_a_time_is_allowed():
    reminder = _reminder(
        AdoptionFactory(),
        UserFactory(),
        status=ReminderDelivery.Status.SENT,
        sent_at=timezone.now(),
    )
    assert reminder.pk


def test_board_url_uses_its_slug():
    assert GovernanceBoardFactory(slug="bradford").get_absolute_url() == "/boards/bradford/"
