"""Read queries for the directory, each a fixed number of queries whatever the size."""

from django.db.models import Count, Prefetch, QuerySet

from sites.models import Adoption

from .models import FidelityCriterion, Innovation


def innovation_list(user) -> QuerySet[Innovation]:
    return (
        Innovation.objects.visible_to(user)
        .select_related("originating_site")
        .prefetch_related("themes")
        .annotate(adopting_site_count=Count("adoptions__adopting_site", distinct=True))
        .order_by("name")
    )


def innovation_detail_queryset(user) -> QuerySet[Innovation]:
    return (
        Innovation.objects.visible_to(user)
        .select_related("originating_site", "status_changed_by")
        .prefetch_related(
            "themes",
            "support_organisations",
            "metrics",
            "evidence_sources",
            "resources",
            Prefetch(
                "criteria",
                queryset=FidelityCriterion.objects.filter(retired_at__isnull=True),
                to_attr="active_criteria",
            ),
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("adopting_site").order_by(
                    "adopting_site__name"
                ),
            ),
        )
    )


def directory_counts() -> dict[str, int]:
    """How many entries are at each publication status (for directory admins)."""
    counts = dict.fromkeys(Innovation.Status.values, 0)
    for row in Innovation.objects.values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts
