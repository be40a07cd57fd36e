"""The stored search vector: the services (and admin edits) keep it in step with what
it is made of, and the directory searches it. PostgreSQL only."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.urls import reverse

from innovations.models import FidelityCriterion, Innovation, Theme
from innovations.search import SEARCH_CONFIG, search_documents_refresh
from innovations.services import (
    RowChange,
    criteria_save,
    criterion_retire,
    innovation_create,
    innovation_update,
)
from tests.factories import InnovationFactory, ThemeFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="full-text search needs PostgreSQL"
    ),
]


def stored_match(word: str) -> set[str]:
    """Names of the entries whose *stored* vector matches `word`."""
    query = SearchQuery(word, config=SEARCH_CONFIG)
    return set(Innovation.objects.filter(search_document=query).values_list("name", flat=True))


@pytest.fixture
def entry(world):
    return innovation_create(
        actor=world.directory_admin,
        name="Kinship Circles",
        summary="Grandparents raising grandchildren meet monthly.",
        evidence_level="3",
    )


def test_creating_an_entry_stores_its_vector(entry):
    assert stored_match("grandparents") == {"Kinship Circles"}


def test_editing_the_summary_and_themes_refreshes_it(world, entry):
    theme = ThemeFactory(name="Special guardianship")
    innovation_update(
        actor=world.directory_admin,
        innovation=entry,
        summary="Carers meet each month.",
        themes=[theme],
    )
    assert stored_match("grandparents") == set()
    assert stored_match("guardianship") == {"Kinship Circles"}


def test_criteria_added_and_retired_refresh_it(world, entry):
    criteria_save(
        actor=world.directory_admin,
        innovation=entry,
        rows=[
            RowChange(
                instance=None,
                values={
                    "name": "Peer mentoring",
                    "description": "",
                    "kind": FidelityCriterion.Kind.MUST_HAVE,
                    "dimension": FidelityCriterion.Dimension.ADHERENCE,
                    "how_evidenced": "",
                    "position": 1,
                },
            )
        ],
    )
    assert stored_match("mentoring") == {"Kinship Circles"}
    criterion_retire(actor=world.directory_admin, criterion=entry.criteria.get())
    assert stored_match("mentoring") == set()


def test_the_directory_searches_the_stored_vector(world, entry, client_for):
    # Set a stored vector by hand to show the search reads it rather than computing it.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE innovations_innovation SET search_document = to_tsvector('english', "
            "'lighthouse') WHERE id = %s",
            [entry.pk],
        )
    admin = client_for(world.directory_admin)  # the new entry is still a draft
    found = admin.get(reverse("innovations:list"), {"q": "lighthouse"})
    assert [i.name for i in found.context["innovations"]] == ["Kinship Circles"]
    missed = admin.get(reverse("innovations:list"), {"q": "grandparents"})
    assert list(missed.context["innovations"]) == []


def test_an_entry_without_a_stored_vector_is_still_found(world, client_for):
    InnovationFactory(name="Family Drop-in", summary="Parents drop in on Saturdays.")
    assert Innovation.objects.get(name="Family Drop-in").search_document is None
    found = client_for(None).get(reverse("innovations:list"), {"q": "saturdays"})
    assert [i.name for i in found.context["innovations"]] == ["Family Drop-in"]


def test_admin_edits_to_a_theme_refresh_its_entries(world, entry, client_for):
    theme = ThemeFactory(name="Fostering")
    innovation_update(actor=world.directory_admin, innovation=entry, themes=[theme])
    admin = world.directory_admin
    admin.is_staff = admin.is_superuser = True
    admin.save()
    response = client_for(admin).post(
        reverse("admin:innovations_theme_change", args=[theme.pk]),
        {"name": "Residential care", "slug": "residential-care"},
    )
    assert response.status_code == 302
    assert Theme.objects.get(pk=theme.pk).name == "Residential care"
    assert stored_match("residential") == {"Kinship Circles"}


def test_refreshing_everything_fills_bulk_loaded_entries(world):
    Innovation.objects.bulk_create(
        [Innovation(name="Bulk One", slug="bulk-one", summary="Orchard")]
    )
    assert stored_match("orchard") == set()
    assert search_documents_refresh() == Innovation.objects.count()
    assert stored_match("orchard") == {"Bulk One"}
