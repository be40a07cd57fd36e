"""Writes about boards. Each function is one transaction and names its actor."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from adoptadapt import security
from adoptadapt.audit import save_as
from sites.models import Adaptation, Adoption

from .models import Action, BoardMeeting, BoardMembership, Decision, GovernanceBoard
from .rules import can_record_for_board
from .selectors import action_owner_choices


@transaction.atomic
def board_membership_grant(
    *, actor, board: GovernanceBoard, user, role: str, receives_digest: bool = True
) -> BoardMembership:
    membership = BoardMembership.objects.filter(board=board, user=user).first() or (
        BoardMembership(board=board, user=user)
    )
    previous_role = membership.role if membership.pk else None
    membership.role = role
    membership.receives_digest = receives_digest
    save_as(membership, actor=actor)
    if previous_role != role:
        security.log_event_on_commit(
            security.ROLE_GRANTED,
            user=actor,
            subject_user_id=user.pk,
            role=role,
            previous_role=previous_role,
            board_id=board.pk,
        )
    return membership


# --- meetings, decisions and actions ------------------------------------------------

FINAL_OUTCOMES = (Decision.Outcome.APPROVED, Decision.Outcome.REJECTED)
MEETING_IN_FUTURE = "The meeting date must be today or in the past"


def _require_recorder(actor, board: GovernanceBoard | None) -> None:
    if not can_record_for_board(actor, board):
        raise PermissionDenied("Only the board's chair and members record for the board.")


def _meeting_day_taken(held_on: datetime.date) -> ValidationError:
    return ValidationError({"held_on": f"This board already has a meeting on {held_on:%-d %B %Y}."})


def _check_attendees(board: GovernanceBoard, attendees, *, meeting=None) -> None:
    """Attendees are the board's members; someone who has since left the board may stay
    on a meeting they attended."""
    allowed = Q(board_memberships__board=board)
    if meeting is not None and meeting.pk:
        allowed |= Q(board_meetings_attended=meeting)
    ids = {user.pk for user in attendees}
    known = set(User.objects.filter(allowed, pk__in=ids).values_list("pk", flat=True))
    if ids - known:
        raise ValidationError({"attendees": "Choose attendees from the board's members."})


def _save_meeting(meeting: BoardMeeting, *, actor) -> BoardMeeting:
    """Save in a savepoint so a clash on the board's one meeting a day is a form error."""
    try:
        with transaction.atomic():
            return save_as(meeting, actor=actor)
    except IntegrityError:
        if (
            BoardMeeting.objects.filter(board_id=meeting.board_id, held_on=meeting.held_on)
            .exclude(pk=meeting.pk)
            .exists()
        ):
            raise _meeting_day_taken(meeting.held_on) from None
        raise


@transaction.atomic
def board_meeting_create(
    *,
    actor,
    board: GovernanceBoard,
    held_on: datetime.date,
    attendees: Iterable = (),
    other_attendees: str = "",
    notes: str = "",
) -> BoardMeeting:
    _require_recorder(actor, board)
    attendees = list(attendees)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": MEETING_IN_FUTURE})
    _check_attendees(board, attendees)
    meeting = _save_meeting(
        BoardMeeting(
            board=board,
            held_on=held_on,
            other_attendees=other_attendees.strip(),
            notes=notes.strip(),
        ),
        actor=actor,
    )
    meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
def board_meeting_update(
    *,
    actor,
    meeting: BoardMeeting,
    held_on: datetime.date,
    attendees: Iterable = (),
    other_attendees: str = "",
    notes: str = "",
) -> BoardMeeting:
    meeting = BoardMeeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    _require_recorder(actor, meeting.board)
    attendees = list(attendees)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": MEETING_IN_FUTURE})
    _check_attendees(meeting.board, attendees, meeting=meeting)
    meeting.held_on = held_on
    meeting.other_attendees = other_attendees.strip()
    meeting.notes = notes.strip()
    _save_meeting(meeting, actor=actor)
    meeting.attendees.set(attendees)
    return meeting


def _meeting_on(*, actor, board: GovernanceBoard, held_on: datetime.date) -> BoardMeeting:
    """The board's meeting on that day, recorded now if it is not yet."""
    if held_on > timezone.localdate():
        raise ValidationError({"meeting_held_on": MEETING_IN_FUTURE})
    meeting = BoardMeeting.objects.filter(board=board, held_on=held_on).first()
    if meeting is not None:
        return meeting
    try:
        with transaction.atomic():
            return save_as(BoardMeeting(board=board, held_on=held_on), actor=actor)
    except IntegrityError:
        # Someone recorded that meeting a moment ago: use theirs.
        return BoardMeeting.objects.get(board=board, held_on=held_on)


def already_decided_message(adaptation: Adaptation) -> str:
    """Why an adaptation is not (or no longer) waiting for the board, in words."""
    status = adaptation.decision_status
    if status == Adaptation.DecisionStatus.WITHDRAWN:
        return "The project lead has withdrawn this adaptation, so there is nothing to decide."
    if not adaptation.needs_board_decision:
        return "This adaptation does not need a board decision."
    return (
        f"This adaptation has already been {adaptation.get_decision_status_display().lower()}"
        ". Nothing was changed."
    )


@transaction.atomic
def adaptation_decide(
    *,
    actor,
    adaptation: Adaptation,
    outcome: str,
    rationale: str,
    meeting: BoardMeeting | None = None,
    meeting_held_on: datetime.date | None = None,
) -> Decision:
    """Approve or reject an adaptation awaiting the board, as a decision of a meeting.

    The meeting is one of the board's (`meeting`) or the day of one to record now
    (`meeting_held_on`, reusing the board's meeting that day). The adaptation row is
    locked, so of two people deciding at once the second is told it is decided; the
    database's one-final-decision constraint backs that up for any other writer.
    """
    adaptation = Adaptation.objects.select_for_update().get(pk=adaptation.pk)
    adoption = Adoption.objects.select_related("board", "adopting_site").get(
        pk=adaptation.adoption_id
    )
    board = adoption.board
    _require_recorder(actor, board)
    if not adaptation.awaiting_decision:
        raise ValidationError(already_decided_message(adaptation))
    errors = {}
    if outcome not in FINAL_OUTCOMES:
        errors["outcome"] = "Select whether the board approves or rejects the adaptation"
    rationale = (rationale or "").strip()
    if not rationale:
        errors["rationale"] = "Enter the board's rationale"
    if (meeting is None) == (meeting_held_on is None):
        errors["meeting"] = "Select the meeting the board decided at, or give a new meeting's date"
    elif meeting is not None and meeting.board_id != board.pk:
        errors["meeting"] = "Choose a meeting of the board that oversees this adoption"
    if errors:
        raise ValidationError(errors)
    if meeting is None:
        meeting = _meeting_on(actor=actor, board=board, held_on=meeting_held_on)

    decision = Decision(
        meeting=meeting,
        adaptation=adaptation,
        title=f"{adoption.adopting_site.name}: {adaptation.title}"[:200],
        outcome=outcome,
        rationale=rationale,
        recorded_by=actor,
    )
    try:
        with transaction.atomic():
            save_as(decision, actor=actor)
    except IntegrityError:
        if Decision.objects.filter(adaptation=adaptation, outcome__in=FINAL_OUTCOMES).exists():
            raise ValidationError(
                "This adaptation has already been approved or rejected. Nothing was changed."
            ) from None
        raise
    adaptation.decision_status = outcome
    adaptation.decision_rationale = rationale
    adaptation.decided_at = timezone.now()
    save_as(
        adaptation,
        actor=actor,
        update_fields=["decision_status", "decision_rationale", "decided_at"],
    )
    return decision


def _check_action_fields(board, *, description, due_on, meeting) -> dict:
    errors = {}
    if not (description or "").strip():
        errors["description"] = "Enter what needs to be done"
    if due_on is None:
        errors["due_on"] = "Enter the due date"
    if meeting is not None and meeting.board_id != board.pk:
        errors["meeting"] = "Choose a meeting of this board"
    return errors


@transaction.atomic
def action_create(
    *,
    actor,
    board: GovernanceBoard,
    description: str,
    owner,
    due_on: datetime.date,
    meeting: BoardMeeting | None = None,
) -> Action:
    _require_recorder(actor, board)
    errors = _check_action_fields(board, description=description, due_on=due_on, meeting=meeting)
    if owner is None or not action_owner_choices(board).filter(pk=owner.pk).exists():
        errors["owner"] = "Choose a member of the board or a project lead of one of its adoptions"
    if errors:
        raise ValidationError(errors)
    action = Action(
        board=board,
        meeting=meeting,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
    )
    return save_as(action, actor=actor)


@transaction.atomic
def action_update(
    *,
    actor,
    action: Action,
    status: str,
    due_on: datetime.date,
    progress_note: str = "",
    completed_on: datetime.date | None = None,
) -> Action:
    """Move an action on. A done action keeps the day it was done; any other clears it."""
    action = Action.objects.select_for_update().select_related("board").get(pk=action.pk)
    _require_recorder(actor, action.board)
    errors = {}
    if status not in Action.Status.values:
        errors["status"] = "Select the action's status"
    if due_on is None:
        errors["due_on"] = "Enter the due date"
    if status == Action.Status.DONE:
        if completed_on is None:
            errors["completed_on"] = "Enter the date the action was completed"
        elif completed_on > timezone.localdate():
            errors["completed_on"] = "The completion date must be today or in the past"
    else:
        completed_on = None
    if errors:
        raise ValidationError(errors)
    action.status = status
    action.due_on = due_on
    action.progress_note = (progress_note or "").strip()
    action.completed_on = completed_on
    return save_as(action, actor=actor)


# --- digest settings ----------------------------------------------------------


@transaction.atomic
def board_digest_day_set(*, actor, board: GovernanceBoard, digest_day: int) -> GovernanceBoard:
    """Change the day of the month the board's digest goes out; from this month on."""
    if not actor.has_perm("governance.change_governanceboard", board):
        raise PermissionDenied("Only the board's chair or a directory admin can change this.")
    board = GovernanceBoard.objects.select_for_update().get(pk=board.pk)
    board.digest_day = digest_day
    board.full_clean(validate_unique=False)
    return save_as(board, actor=actor)


@transaction.atomic
def board_digest_subscription_set(
    *, actor, membership: BoardMembership, receives_digest: bool
) -> BoardMembership:
    """A member starts or stops receiving the board's digest by email (their own only)."""
    if membership.user_id != actor.pk:
        raise PermissionDenied("People choose their own emails.")
    membership = BoardMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.receives_digest != receives_digest:
        membership.receives_digest = receives_digest
        save_as(membership, actor=actor, update_fields=["receives_digest"])
    return membership
