"""The board dashboard's month is kept until anything stored changes
(adoptadapt/fragment_cache.py): the same page, drawn again after every change, per
viewer's rights and per day, and drawn anyway when the cache fails."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adoptadapt.fragment_cache import STORED_DATA, is_bookkeeping
from governance.models import BoardMembership
from governance.services import action_create, board_membership_grant
from sites.models import Rag
from sites.services import site_update
from tests.factories import (
    DEFAULT_PASSWORD,
    AdaptationFactory,
    FidelityCriterionFactory,
    ProgressUpdateFactory,
    UserFactory,
)
from tests.fragments import assert_shown_at_once, page_text

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 11, 20, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def november_2025(kept_fragments):
    """Today is 20 November 2025, and fragments are kept."""
    with time_machine.travel(NOW, tick=False):
        yield


def dashboard(world, client, query=""):
    response = client.get(reverse("boards:detail", kwargs={"slug": world.board.slug}) + query)
    assert response.status_code == 200
    return response


def queries_made(world, client, query="") -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = dashboard(world, client, query)
    return len(queries), page_text(response)


def test_a_kept_month_is_the_same_page_without_working_it_out_again(world, client_for, settings):
    client = client_for(world.board_member)
    drawn_queries, drawn = queries_made(world, client)
    kept_queries, kept = queries_made(world, client)
    assert kept == drawn
    # The month's own reading (adoptions, updates, figures, actions, ...) is not done.
    assert kept_queries < drawn_queries - 5
    settings.FRAGMENT_CACHE = False
    assert queries_made(world, client)[1] == drawn


def test_each_month_and_page_is_kept_apart(world, client_for):
    client = client_for(world.board_member)
    october = page_text(dashboard(world, client))
    june = page_text(dashboard(world, client, "?month=2025-06"))
    assert "Final figures: what was known on 31 July 2025" in june
    assert "Final figures" not in october
    assert page_text(dashboard(world, client)) == october


def test_what_one_viewer_may_do_is_not_shown_to_another(world, client_for):
    must_have = FidelityCriterionFactory(innovation=world.innovation)
    with time_machine.travel(datetime.datetime(2025, 10, 3, tzinfo=datetime.UTC), tick=False):
        AdaptationFactory(
            actor=world.lead, adoption=world.adoption, criteria=[must_have], title="Fewer units"
        )
    member = dashboard(world, client_for(world.board_member)).text
    observer = dashboard(world, client_for(world.board_observer)).text
    assert ">Decide<" in member and "Add an action" in member
    assert "Fewer units" in observer
    assert ">Decide<" not in observer and "Add an action" not in observer


def submit_september(world):
    with time_machine.travel(datetime.datetime(2025, 10, 3, tzinfo=datetime.UTC), tick=False):
        ProgressUpdateFactory(
            actor=world.lead,
            adoption=world.adoption,
            period=datetime.date(2025, 9, 1),
            rag=Rag.AMBER,
            submit=True,
            lessons_learned="Families trust a worker who stays.",
        )


def add_action(world):
    action_create(
        actor=world.board_chair,
        board=world.board,
        description="Ask the lead for a recovery plan",
        owner=world.board_member,
        due_on=datetime.date(2025, 11, 1),
    )


def rename_site(world):
    site_update(actor=world.directory_admin, site=world.adopting_site, name="Renamed Borough")


def add_member(world):
    newcomer = UserFactory(first_name="Newly", last_name="Appointed")
    board_membership_grant(
        actor=world.directory_admin,
        board=world.board,
        user=newcomer,
        role=BoardMembership.Role.OBSERVER,
    )


def rename_member(world):
    world.board_observer.first_name = "Renamed"
    world.board_observer.save()


CHANGES = [
    (submit_september, "?month=2025-09", "Families trust a worker who stays."),
    (add_action, "", "Ask the lead for a recovery plan"),
    (rename_site, "", "Renamed Borough"),
    (add_member, "", "Newly Appointed"),
    (rename_member, "", "Renamed "),
]


@pytest.mark.parametrize(
    ("change", "query", "shown"), CHANGES, ids=[change.__name__ for change, _, _ in CHANGES]
)
def test_a_change_is_shown_at_once(world, client_for, change, query, shown):
    client = client_for(world.board_member)
    assert_shown_at_once(lambda: dashboard(world, client, query).text, lambda: change(world), shown)


def test_a_new_day_draws_the_month_again(world, client_for):
    assert "Overdue by 10 days" in dashboard(world, client_for(world.board_member)).text
    with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False):
        tomorrow = dashboard(world, client_for(world.board_member)).text
    assert "Overdue by 11 days" in tomorrow


def test_signing_in_and_other_bookkeeping_leave_kept_fragments_alone(world, client):
    version = STORED_DATA.version()
    assert client.login(email=world.board_member.email, password=DEFAULT_PASSWORD)
    dashboard(world, client)
    assert STORED_DATA.version() == version
    rename_site(world)
    assert STORED_DATA.version() != version


def test_only_sessions_sign_ins_and_audit_rows_count_as_bookkeeping():
    ours = {"accounts", "innovations", "adoptadapt_sites", "governance"}
    kept_by_us = [m for m in apps.get_models() if m._meta.app_label in ours]
    bookkeeping = {m._meta.label for m in kept_by_us if is_bookkeeping(m)}
    assert bookkeeping == {m._meta.label for m in kept_by_us if m.__name__.startswith("Historical")}
    assert is_bookkeeping(apps.get_model("sessions", "Session"))


def test_a_failing_cache_only_means_drawing_the_month_every_time(world, client_for, settings):
    client = client_for(world.board_member)
    drawn = page_text(dashboard(world, client))
    settings.CACHES = {
        **settings.CACHES,
        # Nothing listens on port 1: every read and write of the cache fails.
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        },
    }
    assert page_text(dashboard(world, client)) == drawn


def test_migrate_draws_every_page_again(world):
    """A deploy's migrate (data migrations, new templates) replaces both versions."""
    from django.core.management.sql import emit_post_migrate_signal

    from innovations.public_pages import DIRECTORY_PAGES

    before = STORED_DATA.version(), DIRECTORY_PAGES.version()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    after = STORED_DATA.version(), DIRECTORY_PAGES.version()
    assert after[0] != before[0] and after[1] != before[1]
