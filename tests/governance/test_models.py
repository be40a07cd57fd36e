"""Every database constraint on boards, their meetings and the emails they send."""

import datetime

import pytest
from django.utils import timezone

from governance.models import (
    Action,
    BoardDigest,
    BoardMeeting,
    BoardMembership,
    Decision,
    DigestDelivery,
    GovernanceBoard,
    ReminderDelivery,
)
from tests.constraints import violates
from tests.factories import (
    AdaptationFactory,
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


def _digest(board, period=JAN):
    return BoardDigest.objects.create(
        board=board, period=period, subject="Digest", body_text="Text", body_html="<p>Text</p>"
    )


def test_one_archived_digest_per_board_and_month():
    board = GovernanceBoardFactory()
    _digest(board)
    with violates("one_digest_per_board_per_month"):
        _digest(board)


def test_archived_digest_period_is_the_first_of_a_month():
    with violates("digest_period_is_first_of_month"):
        _digest(GovernanceBoardFactory(), datetime.date(2025, 1, 2))


def test_one_digest_per_board_recipient_and_month():
    board, recipient = GovernanceBoardFactory(), UserFactory()
    digest = _digest(board)
    DigestDelivery.objects.create(board=board, digest=digest, recipient=recipient, period=JAN)
    with violates("one_digest_per_recipient_per_month"):
        DigestDelivery.objects.create(board=board, digest=digest, recipient=recipient, period=JAN)


def test_digest_for_another_month_or_person_is_allowed():
    board, recipient = GovernanceBoardFactory(), UserFactory()
    january, february = _digest(board), _digest(board, datetime.date(2025, 2, 1))
    DigestDelivery.objects.create(board=board, digest=january, recipient=recipient, period=JAN)
    DigestDelivery.objects.create(
        board=board, digest=february, recipient=recipient, period=february.period
    )
    DigestDelivery.objects.create(board=board, digest=january, recipient=UserFactory(), period=JAN)
    assert DigestDelivery.objects.count() == 3


def test_sent_digest_has_a_sent_time():
    board = GovernanceBoardFactory()
    with violates("digest_sent_has_time"):
        DigestDelivery.objects.create(
            board=board,
            digest=_digest(board),
            recipient=UserFactory(),
            period=JAN,
            status=DigestDelivery.Status.SENT,
        )


def _decision(adaptation, outcome, held_on=JAN):
    board = adaptation.adoption.board
    meeting, _ = BoardMeeting.objects.get_or_create(board=board, held_on=held_on)
    return Decision.objects.create(
        meeting=meeting,
        adaptation=adaptation,
        title=adaptation.title,
        outcome=outcome,
        rationale="Discussed at the board.",
        recorded_by=UserFactory(),
    )


def test_an_adaptation_is_approved_or_rejected_once():
    adaptation = AdaptationFactory(adoption__board=GovernanceBoardFactory())
    _decision(adaptation, Decision.Outcome.APPROVED)
    with violates("one_final_decision_per_adaptation"):
        _decision(adaptation, Decision.Outcome.REJECTED, held_on=datetime.date(2025, 2, 1))


def test_an_adaptation_can_be_noted_more_than_once_before_its_decision():
    adaptation = AdaptationFactory(adoption__board=GovernanceBoardFactory())
    _decision(adaptation, Decision.Outcome.NOTED)
    _decision(adaptation, Decision.Outcome.NOTED, held_on=datetime.date(2025, 2, 1))
    _decision(adaptation, Decision.Outcome.APPROVED, held_on=datetime.date(2025, 3, 1))
    assert adaptation.decisions.count() == 3


def test_a_decision_outcome_is_one_of_the_known_ones():
    adaptation = AdaptationFactory(adoption__board=GovernanceBoardFactory())
    with violates("decision_outcome_is_known"):
        _decision(adaptation, "deferred")


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
