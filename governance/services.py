"""Writes about boards. Each function is one transaction and names its actor."""

from django.db import transaction

from adoptadapt.audit import save_as

from .models import BoardMembership, GovernanceBoard


@transaction.atomic
def board_membership_grant(
    *, actor, board: GovernanceBoard, user, role: str, receives_digest: bool = True
) -> BoardMembership:
    membership = BoardMembership.objects.filter(board=board, user=user).first() or (
        BoardMembership(board=board, user=user)
    )
    membership.role = role
    membership.receives_digest = receives_digest
    return save_as(membership, actor=actor)
