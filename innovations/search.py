"""The directory's stored search document: each entry's weighted full-text vector.

Computing the vector in every search (from the name, summary, theme names and every
current criterion) cost the directory most of its time at England scale
(bench/RESULTS.md), so it is stored on the entry, GIN-indexed, and refreshed by the
services that change what it is made of. PostgreSQL only: elsewhere the directory
searches the fields themselves and nothing is stored.
"""

from collections.abc import Iterable

from django.db import connection
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Concat

from .models import FidelityCriterion, Innovation
from .public_pages import DIRECTORY_PAGES

SEARCH_CONFIG = "english"


def search_document():
    """The expression for an entry's vector: name A; summary and themes B; problem,
    evidence and current criteria C."""
    from django.contrib.postgres.aggregates import StringAgg
    from django.contrib.postgres.search import SearchVector

    theme_names = (
        Innovation.themes.through.objects.filter(innovation=OuterRef("pk"))
        .order_by()
        .values("innovation")
        .annotate(text=StringAgg("theme__name", delimiter=" "))
        .values("text")
    )
    criteria_text = (
        FidelityCriterion.objects.filter(innovation=OuterRef("pk"), retired_at__isnull=True)
        .order_by()
        .values("innovation")
        .annotate(
            text=StringAgg(
                Concat("name", Value(" "), "description", output_field=TextField()),
                delimiter=" ",
            )
        )
        .values("text")
    )
    return (
        SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", Subquery(theme_names), weight="B", config=SEARCH_CONFIG)
        + SearchVector(
            "problem_addressed",
            "evidence_summary",
            Subquery(criteria_text),
            weight="C",
            config=SEARCH_CONFIG,
        )
    )


def search_documents_refresh(innovation_ids: Iterable[int] | None = None) -> int:
    """Recompute the stored vectors of these entries (all when None); how many."""
    if connection.vendor != "postgresql":
        return 0
    entries = Innovation.objects.all()
    if innovation_ids is not None:
        entries = entries.filter(pk__in=list(innovation_ids))
    # .update() writes no history row (the vector is derived data, not an edit) and
    # sends no signal, so the public pages' cache is told here (innovations/public_pages.py).
    refreshed = entries.update(search_document=search_document())
    DIRECTORY_PAGES.bump()
    return refreshed
