import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from governance.models import Action, BoardMeeting, BoardMembership, Decision
from governance.services import (
    action_create,
    action_update,
    adaptation_decide,
    board_meeting_create,
    board_meeting_update,
    board_membership_grant,
)
from sites.models import Adaptation
from tests.concurrency import run_at_once
from tests.factories import BoardMembershipFactory, GovernanceBoardFactory, UserFactory
from tests.world import build_world, world_adaptation, world_meeting

pytestmark = pytest.mark.django_db


def test_grant_creates_a_membership_and_names_the_actor():
    board, user, actor = GovernanceBoardFactory(), UserFactory(), UserFactory()
    membership = board_membership_grant(
        actor=actor, board=board, user=user, role=BoardMembership.Role.CHAIR
    )
    assert (membership.board, membership.user, membership.role) == (board, user, "chair")
    assert membership.receives_digest is True
    assert membership.history.first().history_user == actor


def test_grant_again_changes_the_role_and_digest_choice():
    membership = BoardMembershipFactory(role=BoardMembership.Role.MEMBER)
    board_membership_grant(
        actor=UserFactory(),
        board=membership.board,
        user=membership.user,
        role=BoardMembership.Role.OBSERVER,
        receives_digest=False,
    )
    memberships = BoardMembership.objects.filter(board=membership.board, user=membership.user)
    assert [(m.role, m.receives_digest) for m in memberships] == [("observer", False)]


# --- meetings ---------------------------------------------------------------------

DAY = datetime.date(2025, 3, 12)


def _tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


def test_meeting_create_records_attendees_and_names_the_actor(world):
    meeting = board_meeting_create(
        actor=world.board_member,
        board=world.board,
        held_on=DAY,
        attendees=[world.board_chair, world.board_observer],
        other_attendees="  Head of service, Hull  ",
        notes="Reviewed the tramlines.",
    )
    meeting.refresh_from_db()
    assert (meeting.board, meeting.held_on, meeting.other_attendees) == (
        world.board,
        DAY,
        "Head of service, Hull",
    )
    assert set(meeting.attendees.all()) == {world.board_chair, world.board_observer}
    assert meeting.history.first().history_user == world.board_member


@pytest.mark.parametrize(
    "actor", ["board_observer", "directory_admin", "lead", "other_board_member"]
)
def test_only_the_chair_and_members_record_a_meeting(world, actor):
    with pytest.raises(PermissionDenied):
        board_meeting_create(actor=world.actor(actor), board=world.board, held_on=DAY)
    assert not BoardMeeting.objects.exists()


def test_meeting_attendees_must_be_board_members(world):
    with pytest.raises(ValidationError) as refused:
        board_meeting_create(
            actor=world.board_chair, board=world.board, held_on=DAY, attendees=[world.lead]
        )
    assert "attendees" in refused.value.message_dict


def test_meeting_cannot_be_in_the_future(world):
    with pytest.raises(ValidationError) as refused:
        board_meeting_create(actor=world.board_chair, board=world.board, held_on=_tomorrow())
    assert refused.value.message_dict["held_on"] == [
        "The meeting date must be today or in the past"
    ]


def test_one_meeting_per_board_per_day(world):
    board_meeting_create(actor=world.board_chair, board=world.board, held_on=DAY)
    with pytest.raises(ValidationError) as refused:
        board_meeting_create(actor=world.board_member, board=world.board, held_on=DAY)
    assert refused.value.message_dict["held_on"] == [
        "This board already has a meeting on 12 March 2025."
    ]
    # Another board may meet the same day.
    board_meeting_create(actor=world.other_board_member, board=world.other_board, held_on=DAY)


def test_meeting_update_keeps_an_attendee_who_has_left_the_board(world):
    meeting = board_meeting_create(
        actor=world.board_chair, board=world.board, held_on=DAY, attendees=[world.board_member]
    )
    world.board_member.board_memberships.all().delete()
    updated = board_meeting_update(
        actor=world.board_chair,
        meeting=meeting,
        held_on=DAY - datetime.timedelta(days=1),
        attendees=[world.board_member, world.board_chair],
        notes="Moved to the day before.",
    )
    assert updated.held_on == datetime.date(2025, 3, 11)
    assert set(updated.attendees.all()) == {world.board_member, world.board_chair}
    with pytest.raises(ValidationError):
        board_meeting_update(
            actor=world.board_chair, meeting=meeting, held_on=DAY, attendees=[world.lead]
        )


def test_meeting_update_refuses_a_day_the_board_already_meets(world):
    board_meeting_create(actor=world.board_chair, board=world.board, held_on=DAY)
    other = board_meeting_create(
        actor=world.board_chair, board=world.board, held_on=DAY - datetime.timedelta(days=7)
    )
    with pytest.raises(ValidationError) as refused:
        board_meeting_update(actor=world.board_chair, meeting=other, held_on=DAY)
    assert "already has a meeting" in refused.value.message_dict["held_on"][0]


def test_meeting_update_by_an_observer_is_refused(world):
    meeting = world_meeting(world)
    with pytest.raises(PermissionDenied):
        board_meeting_update(actor=world.board_observer, meeting=meeting, held_on=DAY)


# --- deciding adaptations -----------------------------------------------------------


def _decide(world, adaptation, **kwargs):
    kwargs.setdefault("actor", world.board_chair)
    kwargs.setdefault("outcome", Decision.Outcome.APPROVED)
    kwargs.setdefault("rationale", "Approved for six months while recruiting.")
    if "meeting_held_on" not in kwargs:
        kwargs.setdefault("meeting", world_meeting(world))
    return adaptation_decide(adaptation=adaptation, **kwargs)


def test_approve_records_the_decision_and_the_adaptations_outcome(world):
    adaptation = world_adaptation(world)
    decision = _decide(world, adaptation, rationale="  Approved for six months.  ")
    adaptation.refresh_from_db()
    assert decision.meeting == world_meeting(world)
    assert decision.title == f"Adopting Borough Council: {adaptation.title}"
    assert (decision.outcome, decision.rationale, decision.recorded_by) == (
        "approved",
        "Approved for six months.",
        world.board_chair,
    )
    assert adaptation.decision_status == Adaptation.DecisionStatus.APPROVED
    assert adaptation.decision_rationale == "Approved for six months."
    assert adaptation.decided_at is not None
    assert not adaptation.awaiting_decision
    assert decision.history.first().history_user == world.board_chair
    assert adaptation.history.first().history_user == world.board_chair


def test_reject_at_a_new_meeting_records_the_meeting_too(world):
    adaptation = world_adaptation(world)
    decision = _decide(
        world,
        adaptation,
        actor=world.board_member,
        outcome=Decision.Outcome.REJECTED,
        meeting_held_on=DAY,
    )
    meeting = BoardMeeting.objects.get(board=world.board, held_on=DAY)
    assert decision.meeting == meeting
    assert meeting.history.first().history_user == world.board_member
    adaptation.refresh_from_db()
    assert adaptation.decision_status == Adaptation.DecisionStatus.REJECTED


def test_a_new_meeting_date_the_board_already_met_on_reuses_that_meeting(world):
    existing = world_meeting(world)
    decision = _decide(world, world_adaptation(world), meeting_held_on=existing.held_on)
    assert decision.meeting == existing
    assert BoardMeeting.objects.filter(board=world.board).count() == 1


def test_a_second_decision_is_refused_and_changes_nothing(world):
    adaptation = world_adaptation(world)
    _decide(world, adaptation)
    with pytest.raises(ValidationError) as refused:
        _decide(world, adaptation, outcome=Decision.Outcome.REJECTED, meeting_held_on=DAY)
    assert refused.value.messages == [
        "This adaptation has already been approved. Nothing was changed."
    ]
    adaptation.refresh_from_db()
    assert adaptation.decision_status == Adaptation.DecisionStatus.APPROVED
    assert Decision.objects.filter(adaptation=adaptation).count() == 1
    assert not BoardMeeting.objects.filter(held_on=DAY).exists()


def test_a_withdrawn_adaptation_cannot_be_decided(world):
    from sites.services import adaptation_withdraw

    adaptation = adaptation_withdraw(actor=world.lead, adaptation=world_adaptation(world))
    with pytest.raises(ValidationError) as refused:
        _decide(world, adaptation)
    assert "withdrawn" in refused.value.messages[0]
    assert not Decision.objects.exists()


def test_an_adaptation_that_needs_no_decision_cannot_be_decided(world):
    from tests.factories import AdaptationFactory

    adaptation = AdaptationFactory(actor=world.lead, adoption=world.adoption)
    assert not adaptation.needs_board_decision
    with pytest.raises(ValidationError) as refused:
        _decide(world, adaptation)
    assert refused.value.messages == ["This adaptation does not need a board decision."]


def test_the_meeting_must_be_of_the_adoptions_board(world):
    with pytest.raises(ValidationError) as refused:
        _decide(world, world_adaptation(world), meeting=world_meeting(world, "other_board"))
    assert "meeting" in refused.value.message_dict


@pytest.mark.parametrize(
    ("outcome", "rationale", "field"),
    [
        (Decision.Outcome.NOTED, "Noted.", "outcome"),
        ("maybe", "Not sure.", "outcome"),
        (Decision.Outcome.APPROVED, "   ", "rationale"),
    ],
)
def test_outcome_is_approve_or_reject_and_a_rationale_is_needed(world, outcome, rationale, field):
    adaptation = world_adaptation(world)
    with pytest.raises(ValidationError) as refused:
        _decide(world, adaptation, outcome=outcome, rationale=rationale)
    assert set(refused.value.message_dict) == {field}
    adaptation.refresh_from_db()
    assert adaptation.awaiting_decision


def test_meeting_or_new_date_exactly_one(world):
    with pytest.raises(ValidationError) as refused:
        adaptation_decide(
            actor=world.board_chair,
            adaptation=world_adaptation(world),
            outcome="approved",
            rationale="Fine.",
        )
    assert "meeting" in refused.value.message_dict


def test_a_new_meeting_cannot_be_in_the_future(world):
    with pytest.raises(ValidationError) as refused:
        _decide(world, world_adaptation(world), meeting_held_on=_tomorrow())
    assert "meeting_held_on" in refused.value.message_dict


@pytest.mark.parametrize(
    "actor", ["board_observer", "directory_admin", "lead", "other_board_member"]
)
def test_only_the_boards_chair_and_members_decide(world, actor):
    adaptation = world_adaptation(world)
    with pytest.raises(PermissionDenied):
        _decide(world, adaptation, actor=world.actor(actor))
    adaptation.refresh_from_db()
    assert adaptation.awaiting_decision


def test_another_boards_chair_cannot_decide_even_at_their_own_meeting(world):
    with pytest.raises(PermissionDenied):
        _decide(
            world,
            world_adaptation(world),
            actor=world.other_board_member,
            meeting=world_meeting(world, "other_board"),
        )


def test_a_final_decision_written_past_the_service_is_caught_by_the_constraint(world):
    """Another writer (not through this service) recorded a decision but left the
    adaptation proposed: the unique constraint turns our insert into a clear refusal,
    and the meeting the call would have recorded is rolled back with it."""
    from adoptadapt.audit import save_as

    adaptation = world_adaptation(world)
    save_as(
        Decision(
            meeting=world_meeting(world),
            adaptation=adaptation,
            title="Recorded elsewhere",
            outcome=Decision.Outcome.REJECTED,
            rationale="Rejected at the meeting.",
            recorded_by=world.board_chair,
        ),
        actor=world.board_chair,
    )
    with pytest.raises(ValidationError) as refused:
        _decide(world, adaptation, meeting_held_on=DAY)
    assert refused.value.messages == [
        "This adaptation has already been approved or rejected. Nothing was changed."
    ]
    assert Decision.objects.filter(adaptation=adaptation).count() == 1
    assert not BoardMeeting.objects.filter(held_on=DAY).exists()
    adaptation.refresh_from_db()
    assert adaptation.decision_status == Adaptation.DecisionStatus.PROPOSED


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks and serialises writers, so there is no race to test",
)
@pytest.mark.django_db(transaction=True)
def test_two_people_deciding_at_once_leave_exactly_one_decision():
    world = build_world()
    adaptation = world_adaptation(world)
    meeting = world_meeting(world)

    def decide(actor, outcome):
        return lambda: adaptation_decide(
            actor=actor,
            adaptation=adaptation,
            meeting=meeting,
            outcome=outcome,
            rationale=f"{outcome} by {actor}",
        )

    results = run_at_once(
        decide(world.board_chair, "approved"), decide(world.board_member, "rejected")
    )

    decided = [result for result in results if isinstance(result, Decision)]
    refused = [result for result in results if isinstance(result, ValidationError)]
    assert len(decided) == 1 and len(refused) == 1, results
    winner = decided[0].outcome
    assert "already been" in refused[0].messages[0]
    [decision] = Decision.objects.filter(adaptation=adaptation)
    adaptation.refresh_from_db()
    assert decision.outcome == adaptation.decision_status == winner


# --- actions ------------------------------------------------------------------------


def _action(world, **kwargs):
    kwargs.setdefault("actor", world.board_member)
    kwargs.setdefault("board", world.board)
    kwargs.setdefault("description", "Bring a revised plan with fewer units.")
    kwargs.setdefault("owner", world.lead)
    kwargs.setdefault("due_on", datetime.date(2025, 4, 30))
    return action_create(**kwargs)


def test_action_create_for_a_lead_of_the_boards_adoption(world):
    action = _action(world, meeting=world_meeting(world))
    assert (action.board, action.owner, action.status, action.completed_on) == (
        world.board,
        world.lead,
        Action.Status.OPEN,
        None,
    )
    assert action.meeting == world_meeting(world)
    assert action.history.first().history_user == world.board_member


def test_action_owner_is_a_board_member_or_a_lead_of_its_adoptions(world):
    _action(world, owner=world.board_observer)
    for outsider in (world.contributor, world.other_lead, world.unrelated_user):
        with pytest.raises(ValidationError) as refused:
            _action(world, owner=outsider)
        assert "owner" in refused.value.message_dict


def test_action_meeting_must_be_the_boards_and_description_is_needed(world):
    with pytest.raises(ValidationError) as refused:
        _action(world, description="  ", meeting=world_meeting(world, "other_board"))
    assert set(refused.value.message_dict) == {"description", "meeting"}


@pytest.mark.parametrize("actor", ["board_observer", "directory_admin", "lead"])
def test_only_the_chair_and_members_add_actions(world, actor):
    with pytest.raises(PermissionDenied):
        _action(world, actor=world.actor(actor))


def test_a_done_action_needs_its_completion_date(world):
    action = _action(world)
    with pytest.raises(ValidationError) as refused:
        action_update(actor=world.board_chair, action=action, status="done", due_on=action.due_on)
    assert "completed_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        action_update(
            actor=world.board_chair,
            action=action,
            status="done",
            due_on=action.due_on,
            completed_on=_tomorrow(),
        )
    assert "completed_on" in refused.value.message_dict


@pytest.mark.parametrize("status", ["open", "in_progress", "cancelled"])
def test_an_action_that_is_not_done_loses_its_completion_date(world, status):
    action = action_update(
        actor=world.board_chair,
        action=_action(world),
        status="done",
        due_on=datetime.date(2025, 4, 30),
        completed_on=datetime.date(2025, 4, 28),
        progress_note="Plan received.",
    )
    assert (action.status, action.completed_on) == ("done", datetime.date(2025, 4, 28))
    action = action_update(
        actor=world.board_member,
        action=action,
        status=status,
        due_on=datetime.date(2025, 5, 31),
        completed_on=datetime.date(2025, 4, 28),
        progress_note="Reopened: the plan needs costing.",
    )
    action.refresh_from_db()
    assert (action.status, action.completed_on, action.due_on) == (
        status,
        None,
        datetime.date(2025, 5, 31),
    )
    assert action.progress_note == "Reopened: the plan needs costing."
    assert action.history.first().history_user == world.board_member


def test_an_observer_cannot_update_an_action(world):
    action = _action(world)
    with pytest.raises(PermissionDenied):
        action_update(
            actor=world.board_observer, action=action, status="cancelled", due_on=action.due_on
        )
