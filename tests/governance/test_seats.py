"""The board rules read two ways, as queryset filters (`visible_to`, `recordable_by`,
`chaired_by`) and as checks of one person's seat (governance/seats.py), give the same
answer for every seat; a board page reads the seat with the board and asks no more."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.rules import invitable_roles
from adoptadapt.context_processors import service
from governance import seats
from governance.models import BoardMembership, GovernanceBoard
from governance.rules import can_record_for_board, can_see_board, chairs_board
from tests.access_rules import PEOPLE, answers_in_request, assert_each_predicate_agrees
from tests.factories import BoardMembershipFactory, GovernanceBoardFactory, UserFactory

pytestmark = pytest.mark.django_db

SEATS = [None, *BoardMembership.Role.values]

PREDICATES_AND_QUERYSETS = [
    (can_see_board, lambda user: GovernanceBoard.objects.visible_to(user)),
    (can_record_for_board, lambda user: GovernanceBoard.objects.recordable_by(user)),
    (chairs_board, lambda user: GovernanceBoard.objects.chaired_by(user)),
]


@pytest.fixture
def person_with_every_seat():
    """One person with each seat (none, chair, member, observer) on a board of its own."""
    person, actor = UserFactory(), UserFactory()
    boards = {}
    for seat in SEATS:
        board = GovernanceBoardFactory()
        if seat:
            BoardMembershipFactory(board=board, user=person, role=seat, actor=actor)
        boards[seat] = board
    return person, boards


@pytest.mark.parametrize("as_who", PEOPLE)
def test_each_predicate_agrees_with_its_queryset(person_with_every_seat, as_who):
    person, boards = person_with_every_seat
    compared = assert_each_predicate_agrees(
        person, as_who, list(boards.values()), PREDICATES_AND_QUERYSETS
    )
    assert compared == len(PREDICATES_AND_QUERYSETS) * len(SEATS)


@pytest.mark.parametrize("as_who", PEOPLE)
@pytest.mark.parametrize("seat", SEATS)
def test_the_navigations_boards_check_agrees_with_the_boards_listed(as_who, seat):
    board, person = GovernanceBoardFactory(), UserFactory()
    if seat:
        BoardMembershipFactory(board=board, user=person, role=seat)
    person.is_directory_admin = as_who == "directory_admin"
    person.is_active = as_who != "deactivated"
    listed = GovernanceBoard.objects.visible_to(person).exists()
    assert seats.sees_any_board(person) == listed
    assert listed == (as_who == "directory_admin" or (as_who == "active" and seat is not None))


def test_the_rules_say_what_the_seats_allow(person_with_every_seat):
    person, boards = person_with_every_seat
    assert [can_see_board(person, boards[seat]) for seat in SEATS] == [False, True, True, True]
    assert [can_record_for_board(person, boards[seat]) for seat in SEATS] == [
        False,
        True,
        True,
        False,
    ]
    assert [chairs_board(person, boards[seat]) for seat in SEATS] == [False, True, False, False]
    assert invitable_roles(person, boards["chair"]) == ["chair", "member", "observer"]
    assert invitable_roles(person, boards["member"]) == []
    assert not can_see_board(AnonymousUser(), boards["chair"])
    assert not can_see_board(person, None)


def test_the_recording_seats_are_the_models_chair_and_member():
    assert {BoardMembership.Role.CHAIR, BoardMembership.Role.MEMBER} == seats.RECORDING_SEATS


def test_outside_a_request_a_changed_seat_shows_at_once():
    board, person = GovernanceBoardFactory(), UserFactory()
    assert not can_record_for_board(person, board)
    membership = BoardMembershipFactory(board=board, user=person, role="member")
    assert can_record_for_board(person, board)
    membership.delete()
    assert not can_record_for_board(person, board)
    assert not seats.sees_any_board(person)


def test_a_board_fetched_with_the_seat_needs_no_more_queries(django_assert_num_queries):
    board, person = GovernanceBoardFactory(), UserFactory()
    BoardMembershipFactory(board=board, user=person, role="chair")

    def page():
        fetched = (
            GovernanceBoard.objects.visible_to(person)
            .annotate(viewer_seat=seats.seat_annotation(person))
            .get(pk=board.pk)
        )
        seats.seat_remember(person, fetched)
        return [
            can_see_board(person, fetched),
            can_record_for_board(person, fetched),
            chairs_board(person, fetched),
            bool(invitable_roles(person, fetched)),
            seats.sees_any_board(person),
        ]

    with django_assert_num_queries(1):
        assert answers_in_request("get", page) == [True, True, True, True, True]
    # Outside a GET nothing is kept: each check asks again.
    with django_assert_num_queries(6):
        assert answers_in_request("post", page) == [True, True, True, True, True]


def test_the_navigation_offers_boards_to_members_only(rf):
    board, member, outsider = GovernanceBoardFactory(), UserFactory(), UserFactory()
    BoardMembershipFactory(board=board, user=member, role="observer")

    def labels(user):
        request = rf.get("/")
        request.user, request.resolver_match = user, None
        return [item["label"] for item in service(request)["navigation"]]

    assert "Boards" in labels(member)
    assert "Boards" not in labels(outsider)


def test_a_board_read_without_a_seat_says_nothing_of_the_others(django_assert_num_queries):
    """Reading a board someone has no seat on must not answer "does this person see any
    board?": the navigation still asks."""
    theirs, other, person = GovernanceBoardFactory(), GovernanceBoardFactory(), UserFactory()
    BoardMembershipFactory(board=theirs, user=person, role="observer")

    def page():
        fetched = GovernanceBoard.objects.annotate(viewer_seat=seats.seat_annotation(person)).get(
            pk=other.pk
        )
        seats.seat_remember(person, fetched)
        return [can_see_board(person, fetched), seats.sees_any_board(person)]

    with django_assert_num_queries(2):
        assert answers_in_request("get", page) == [False, True]
