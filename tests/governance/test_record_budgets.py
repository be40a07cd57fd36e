"""Query budgets for a board's meetings and actions pages, at two data sizes: the
count must not grow with the rows, and stays within the budget measured when written."""

import datetime

import pytest
from django.urls import reverse

from governance.services import action_create, adaptation_decide, board_meeting_create
from tests.factories import AdaptationFactory, AdoptionFactory, AdoptionRoleFactory
from tests.querycount import assert_queries_do_not_grow
from tests.world import world_adaptation

pytestmark = pytest.mark.django_db

FIRST_DAY = datetime.date(2024, 1, 1)


def _meetings(world, start: int, count: int) -> list:
    return [
        board_meeting_create(
            actor=world.board_chair,
            board=world.board,
            held_on=FIRST_DAY + datetime.timedelta(days=day),
            attendees=[world.board_chair, world.board_member, world.board_observer],
            notes="Reviewed the month.",
        )
        for day in range(start, start + count)
    ]


def _actions(world, count: int, meeting=None) -> None:
    for n in range(count):
        action_create(
            actor=world.board_chair,
            board=world.board,
            description=f"Action {n}",
            owner=world.lead if n % 2 else world.board_member,
            due_on=FIRST_DAY + datetime.timedelta(days=n * 20),
            meeting=meeting,
        )


def _decision(world, meeting):
    adoption = AdoptionFactory(actor=world.directory_admin, board=world.board)
    AdoptionRoleFactory(actor=world.directory_admin, adoption=adoption)
    adaptation = AdaptationFactory(
        actor=world.directory_admin, adoption=adoption, fidelity_relation="inconsistent"
    )
    adaptation_decide(
        actor=world.board_chair,
        adaptation=adaptation,
        meeting=meeting,
        outcome="approved",
        rationale="Fine for now.",
    )


def test_meetings_list_with_2_then_20_meetings(world, client_for):
    first = _meetings(world, 0, 2)
    _actions(world, 2, meeting=first[0])

    def grow():
        more = _meetings(world, 2, 18)
        _actions(world, 10, meeting=more[0])

    count = assert_queries_do_not_grow(
        client_for(world.board_member),
        reverse("boards:meetings", kwargs={"slug": world.board.slug}),
        grow=grow,
        small="2 meetings",
        large="20 meetings",
    )
    # Session, user, board, may-record, count, the page of meetings with their counts,
    # and the navigation's boards check.
    assert count <= 7


def test_meeting_page_with_1_then_5_of_everything(world, client_for):
    [meeting] = _meetings(world, 0, 1)
    _actions(world, 1, meeting=meeting)
    adaptation_decide(
        actor=world.board_chair,
        adaptation=world_adaptation(world),
        meeting=meeting,
        outcome="rejected",
        rationale="Keep the tramline.",
    )

    def grow():
        _actions(world, 4, meeting=meeting)
        for _ in range(4):
            _decision(world, meeting)
        meeting.attendees.add(world.lead, world.contributor)

    count = assert_queries_do_not_grow(
        client_for(world.board_chair),
        reverse("boards:meeting_detail", kwargs={"slug": world.board.slug, "pk": meeting.pk}),
        grow=grow,
        small="1",
        large="5",
    )
    # The list's seven, less the count, plus attendees, decisions and actions.
    assert count <= 9


@pytest.mark.parametrize("show", ["open", "all"])
def test_actions_list_with_2_then_30_actions(world, client_for, show):
    [meeting] = _meetings(world, 0, 1)
    _actions(world, 2, meeting=meeting)
    count = assert_queries_do_not_grow(
        client_for(world.board_chair),
        reverse("boards:actions", kwargs={"slug": world.board.slug}) + f"?show={show}",
        grow=lambda: _actions(world, 28, meeting=meeting),
        small="2 actions",
        large="30 actions (two pages)",
    )
    assert count <= 7
