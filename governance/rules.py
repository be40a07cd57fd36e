"""Who may see and run a board; `GovernanceBoard.objects.visible_to` is the definition."""

import rules

from accounts.rules import is_directory_admin

from .models import GovernanceBoard


@rules.predicate
def can_see_board(user, board):
    if board is None:
        return False
    return GovernanceBoard.objects.visible_to(user).filter(pk=board.pk).exists()


@rules.predicate
def can_record_for_board(user, board):
    """Records meetings, decides adaptations and keeps the board's actions."""
    if board is None:
        return False
    return GovernanceBoard.objects.recordable_by(user).filter(pk=board.pk).exists()


@rules.predicate
def chairs_board(user, board):
    if board is None:
        return False
    return GovernanceBoard.objects.chaired_by(user).filter(pk=board.pk).exists()


rules.add_perm("governance.view_governanceboard", can_see_board)
rules.add_perm("governance.change_governanceboard", chairs_board | is_directory_admin)
rules.add_perm("governance.record_for_governanceboard", can_record_for_board)
