"""A person's seat on a board (chair, member, observer or none), read once per GET request.

The board rules (governance/rules.py) are checks of the seat, and the `GovernanceBoard`
querysets (`visible_to`, `recordable_by`, `chaired_by`) are the same rules written as
filters; tests/governance/test_seats.py checks that both agree for every seat. The board
pages fetch the seat along with the board (`seat_annotation`), so the checks a page
makes (may this person see the board, record for it, chair it, invite to it; does the
navigation offer "Boards") need no query of their own.
"""

from django.db.models import OuterRef, Subquery

from accounts.rules import is_directory_admin, is_signed_in
from adoptadapt.request_memo import memoised, remember
from sites.access import CHAIR, MEMBER

RECORDING_SEATS = frozenset({CHAIR, MEMBER})


def _seat_key(user, board_pk) -> tuple:
    return ("governance.seat", user.pk, board_pk)


def _sees_any_key(user) -> tuple:
    return ("governance.sees-any-board", user.pk)


def seat_annotation(user) -> Subquery:
    """The role `user` holds on each board of a queryset (None without a seat)."""
    from .models import BoardMembership

    # One membership per board and person, so no ordering: the default one joins tables.
    seats = BoardMembership.objects.filter(board=OuterRef("pk"), user=user).order_by()
    return Subquery(seats.values("role")[:1])


def seat_remember(user, board) -> None:
    """Keep the seat a board was fetched with (`seat_annotation` as `viewer_seat`) for
    the rest of the request."""
    if is_signed_in(user):
        remember(_seat_key(user, board.pk), board.viewer_seat)
        if board.viewer_seat is not None or is_directory_admin(user):
            remember(_sees_any_key(user), True)


def seat_of(user, board) -> str | None:
    """`user`'s role on `board`, or None (read once per GET request)."""
    from .models import BoardMembership

    if not is_signed_in(user):
        return None
    return memoised(
        _seat_key(user, board.pk),
        lambda: (
            BoardMembership.objects.filter(board=board.pk, user=user)
            .order_by()
            .values_list("role", flat=True)
            .first()
        ),
    )


def sees_board(user, board) -> bool:
    return is_directory_admin(user) or seat_of(user, board) is not None


def records_for_board(user, board) -> bool:
    return seat_of(user, board) in RECORDING_SEATS


def chairs(user, board) -> bool:
    return seat_of(user, board) == CHAIR


def sees_any_board(user) -> bool:
    """Whether `user` may see any board at all (the navigation's "Boards", asked on
    every signed-in page): a directory admin, or anyone with a seat. The seat is read
    from the memberships alone; `GovernanceBoard.objects.visible_to(user).exists()`
    gives the same answer but costs three times the Python to build."""
    from .models import BoardMembership

    if not is_signed_in(user):
        return False
    if is_directory_admin(user):
        return True
    return memoised(
        _sees_any_key(user), lambda: BoardMembership.objects.filter(user=user).order_by().exists()
    )
