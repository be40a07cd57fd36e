"""The adoption overview's body is kept until anything stored changes
(adoptadapt/fragment_cache.py): the same page, drawn again after every change, and
never one person's rights shown to another."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sites.models import AdoptionRole, Rag
from sites.services import adoption_role_grant, adoption_stage_change, milestone_create
from tests.factories import ProgressUpdateFactory, UserFactory
from tests.fragments import assert_shown_at_once, page_text

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 11, 20, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def november_2025(kept_fragments):
    with time_machine.travel(NOW, tick=False):
        yield


def overview(world, client):
    response = client.get(world.adoption.get_absolute_url())
    assert response.status_code == 200
    return response


def test_a_kept_overview_is_the_same_page_and_reads_less(world, client_for, settings):
    client = client_for(world.lead)
    with CaptureQueriesContext(connection) as drawn_queries:
        drawn = page_text(overview(world, client))
    with CaptureQueriesContext(connection) as kept_queries:
        kept = page_text(overview(world, client))
    assert kept == drawn
    assert len(kept_queries) < len(drawn_queries) - 3
    settings.FRAGMENT_CACHE = False
    assert page_text(overview(world, client)) == drawn


def test_what_the_lead_may_do_is_not_shown_to_a_board_observer(world, client_for):
    lead = overview(world, client_for(world.lead)).text
    observer = overview(world, client_for(world.board_observer)).text
    assert "Add and update milestones" in lead and "Invite someone" in lead
    assert "See the milestones" in observer
    assert "Add and update milestones" not in observer and "Invite someone" not in observer


def change_stage(world):
    adoption_stage_change(
        actor=world.lead,
        adoption=world.adoption,
        stage="paused",
        changed_on=datetime.date(2025, 11, 1),
        note="Waiting for the new service manager",
    )


def add_milestone(world):
    milestone_create(
        actor=world.lead, adoption=world.adoption, stage="preparation", title="Agree the budget"
    )


def grant_role(world):
    newcomer = UserFactory(first_name="Newly", last_name="Joined")
    adoption_role_grant(
        actor=world.lead,
        adoption=world.adoption,
        user=newcomer,
        role=AdoptionRole.Role.CONTRIBUTOR,
    )


def submit_october(world):
    ProgressUpdateFactory(
        actor=world.lead,
        adoption=world.adoption,
        period=datetime.date(2025, 10, 1),
        rag=Rag.GREEN,
        submit=True,
    )


CHANGES = [
    (change_stage, "Waiting for the new service manager"),
    (add_milestone, "Agree the budget"),
    (grant_role, "Newly Joined"),
    (submit_october, "From the October 2025 update"),
]


@pytest.mark.parametrize(("change", "shown"), CHANGES, ids=[c.__name__ for c, _ in CHANGES])
def test_a_change_is_shown_at_once(world, client_for, change, shown):
    client = client_for(world.lead)
    assert_shown_at_once(lambda: overview(world, client).text, lambda: change(world), shown)
