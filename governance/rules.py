"""Who may see and run a board: checks of the person's seat on it (governance/seats.py);
`GovernanceBoard.objects.visible_to`, `recordable_by` and `chaired_by` are the same
rules as queryset filters."""

import rules

from accounts.rules import is_directory_admin

from .seats import chairs, records_for_board, sees_board


@rules.predicate
def can_see_board(user, board):
    return board is not None and sees_board(user, board)


@rules.predicate
def can_record_for_board(user, board):
    """Records meetings, decides adaptations and keeps the board's actions."""
    return board is not None and records_for_board(user, board)


@rules.predicate
def chairs_board(user, board):
    return board is not None and chairs(user, board)


rules.add_perm("governance.view_governanceboard", can_see_board)
rules.add_perm("governance.change_governanceboard", chairs_board | is_directory_admin)
rules.add_perm("governance.record_for_governanceboard", can_record_for_board)
