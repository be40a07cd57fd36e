"""API answers are kept until anything stored changes (adoptadapt/fragment_cache.py):
per caller and address, never one caller's answer for another, and a change is seen
at once."""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adoptadapt.fragment_cache import STORED_DATA
from sites.models import Rag
from tests.api.test_permissions import LISTINGS, _clients
from tests.factories import ProgressUpdateFactory
from tests.world import ACTORS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept_answers(settings):
    settings.FRAGMENT_CACHE = True
    caches["pages"].clear()


@pytest.mark.parametrize("row", LISTINGS, ids=[row.id for row in LISTINGS])
def test_every_caller_gets_their_own_answer_at_the_same_address(row, world):
    objects = row.objects(world)
    by_key = {getattr(obj, row.key): name for name, obj in objects.items()}
    callers = [
        (actor, expected, how, client, extra)
        for actor, expected in zip(ACTORS, row.expected, strict=True)
        for how, client, extra in _clients(world, actor)
    ]
    url = reverse(row.url_name)
    version = STORED_DATA.version()
    for round_ in ("first", "kept"):
        for actor, expected, how, client, extra in callers:
            response = client.get(url, {"page_size": 200}, **extra)
            if expected == 401:
                assert response.status_code == 401, f"{actor} by {how}"
                continue
            keys = {item[row.key] for item in response.json()["results"]}
            listed = {name for key, name in by_key.items() if key in keys}
            assert listed == expected, f"{round_} round, {actor} by {how}: {listed}"
    # Nothing stored changed meanwhile, so the second round was answered from the cache.
    assert STORED_DATA.version() == version


def list_updates(client, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("api:progress-update-list"), **extra)
    assert response.status_code == 200
    return response.json(), len(queries)


def test_a_kept_answer_is_the_same_and_reads_less(world, client_for):
    client = client_for(world.lead)
    first, first_queries = list_updates(client)
    kept, kept_queries = list_updates(client)
    assert kept == first
    assert kept_queries < first_queries


def test_a_new_update_is_listed_at_once(world, client_for):
    client = client_for(world.lead)
    before, _ = list_updates(client)
    ProgressUpdateFactory(
        actor=world.lead,
        adoption=world.adoption,
        period=datetime.date(2025, 3, 1),
        rag=Rag.GREEN,
        submit=True,
    )
    after, _ = list_updates(client)
    assert after["count"] == before["count"] + 1
    assert "2025-03-01" in {item["period"] for item in after["results"]}


def test_links_are_kept_per_address_as_asked(world, client_for):
    client = client_for(world.directory_admin)
    url = reverse("api:site-list")
    plain = client.get(url, {"page_size": 1}).json()
    secure = client.get(url, {"page_size": 1}, secure=True).json()
    assert plain["next"].startswith("http://testserver/")
    assert secure["next"].startswith("https://testserver/")
