import pytest

from governance.models import BoardMembership
from governance.services import board_membership_grant
from tests.factories import BoardMembershipFactory, GovernanceBoardFactory, UserFactory

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
