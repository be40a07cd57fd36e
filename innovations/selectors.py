"""Read queries for the directory, each a fixed number of queries whatever the size."""

import datetime
import re
from collections.abc import Iterable

from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from governance.heatmaps import with_fidelity_as_of
from sites.models import (
    Accreditation,
    Adoption,
    CriterionScore,
    FidelityAssessment,
    MetricTarget,
    MetricValue,
)
from sites.selectors import latest_submitted

from .models import FidelityCriterion, Innovation, OutcomeMetric
from .search import SEARCH_CONFIG, search_document

# --- Directory list: search, sort, highlight ----------------------------------

SNIPPET_WORDS = 40
# Private-use characters mark where a highlight starts and stops. They are stripped
# from the text before it is searched, so a marker can only come from the search.
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_STOP = "\ue001"
MAX_SEARCH_WORDS = 10


class DirectorySort(TextChoices):
    RELEVANCE = "relevance", "Relevance"
    NAME = "name", "Name (A to Z)"
    MOST_ADOPTED = "adopted", "Most adopted"
    EVIDENCE = "evidence", "Evidence level (strongest first)"
    UPDATED = "updated", "Recently updated"


def directory_default_sort(*, searching: bool) -> str:
    return DirectorySort.RELEVANCE if searching else DirectorySort.NAME


def innovation_list(user, *, search: str = "", sort: str = "") -> QuerySet[Innovation]:
    """The directory entries `user` may see, searched and sorted; filters go on top."""
    adopting_sites = (
        Adoption.objects.filter(innovation=OuterRef("pk"))
        .order_by()
        .values("innovation")
        .annotate(n=Count("adopting_site", distinct=True))
        .values("n")
    )
    innovations = (
        Innovation.objects.visible_to(user)
        .select_related("originating_site")
        .prefetch_related("themes")
        .annotate(adopting_site_count=Coalesce(Subquery(adopting_sites), 0))
    )
    search = search.strip()
    return innovation_sort(innovation_search(innovations, search), sort, searching=bool(search))


def innovation_search(innovations: QuerySet[Innovation], search: str) -> QuerySet[Innovation]:
    """Entries matching `search`, annotated with `search_rank` (higher is better).

    PostgreSQL: weighted full-text search (name A; summary and themes B; problem,
    evidence and criteria C) with a `search_headline` of the summary. Elsewhere
    (SQLite): every word must appear in one of the same fields.
    """
    search = search.strip()
    if not search:
        return innovations
    if connection.vendor == "postgresql":
        return _postgres_search(innovations, search)
    return _fallback_search(innovations, search)


def _without_markers(field: str):
    return Replace(
        Replace(F(field), Value(HIGHLIGHT_START), Value("")), Value(HIGHLIGHT_STOP), Value("")
    )


def _postgres_search(innovations, search):
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

    query = SearchQuery(search, search_type="websearch", config=SEARCH_CONFIG)
    # The stored vector (innovations/search.py); an entry written without it (a bulk
    # load, a test factory) is searched by computing it, which PostgreSQL does only
    # for those rows. A name typed in part ("mocking") still finds the entry, ranked
    # after full matches.
    document = Coalesce(F("search_document"), search_document())
    return (
        innovations.alias(document=document)
        .filter(Q(document=query) | Q(name__icontains=search))
        .annotate(
            search_rank=SearchRank(F("document"), query),
            search_headline=SearchHeadline(
                _without_markers("summary"),
                query,
                config=SEARCH_CONFIG,
                start_sel=HIGHLIGHT_START,
                stop_sel=HIGHLIGHT_STOP,
                max_words=SNIPPET_WORDS,
                min_words=SNIPPET_WORDS // 2,
            ),
        )
    )


def search_words(search: str) -> list[str]:
    """The words of a search, without quotes or operators, at most MAX_SEARCH_WORDS."""
    words = re.findall(r"\w[\w'’-]*", search)
    return [w for w in words if w.lower() != "or"][:MAX_SEARCH_WORDS]


def _fallback_search(innovations, search):
    words = search_words(search)
    if not words:
        # Nothing searchable (only punctuation): nothing matches, as in full-text search.
        return innovations.annotate(search_rank=Value(0)).none()
    rank = Value(0)
    for word in words:
        in_themes = Exists(
            Innovation.themes.through.objects.filter(
                innovation=OuterRef("pk"), theme__name__icontains=word
            )
        )
        in_criteria = Exists(
            FidelityCriterion.objects.filter(
                Q(name__icontains=word) | Q(description__icontains=word),
                innovation=OuterRef("pk"),
                retired_at__isnull=True,
            )
        )
        innovations = innovations.filter(
            Q(name__icontains=word)
            | Q(summary__icontains=word)
            | Q(problem_addressed__icontains=word)
            | Q(evidence_summary__icontains=word)
            | in_themes
            | in_criteria
        )
        rank = rank + Case(
            When(name__icontains=word, then=Value(4)),
            When(summary__icontains=word, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return innovations.annotate(search_rank=rank)


def innovation_sort(
    innovations: QuerySet[Innovation], sort: str, *, searching: bool
) -> QuerySet[Innovation]:
    """Order the directory; an unknown sort (or relevance without a search) falls back."""
    if sort not in DirectorySort.values or (sort == DirectorySort.RELEVANCE and not searching):
        sort = directory_default_sort(searching=searching)
    if sort == DirectorySort.RELEVANCE:
        return innovations.order_by("-search_rank", "name")
    if sort == DirectorySort.MOST_ADOPTED:
        return innovations.order_by("-adopting_site_count", "name")
    if sort == DirectorySort.EVIDENCE:
        # The scale's own order (Innovation.EvidenceLevel) runs from strongest down.
        strength = Case(
            *(
                When(evidence_level=level, then=Value(position))
                for position, level in enumerate(Innovation.EvidenceLevel.values)
            ),
            default=Value(len(Innovation.EvidenceLevel.values)),
            output_field=IntegerField(),
        )
        return innovations.alias(evidence_strength=strength).order_by("evidence_strength", "name")
    if sort == DirectorySort.UPDATED:
        return innovations.order_by("-updated_at", "name")
    return innovations.order_by("name")


def highlighted_html(text: str) -> SafeString:
    """Escape `text` whole, then turn the highlight markers into <mark> elements."""
    html = escape(text)
    opened = html.count(HIGHLIGHT_START)
    if opened != html.count(HIGHLIGHT_STOP):
        html = html.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_STOP, "")
    html = html.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own tags added  # nosec B308, B703


def _python_snippet(summary: str, words: list[str]) -> str:
    """Up to SNIPPET_WORDS words of `summary` around the first match, matches marked."""
    summary = summary.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_STOP, "")
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
    tokens = summary.split()
    if len(tokens) > SNIPPET_WORDS:
        first = next((i for i, token in enumerate(tokens) if pattern and pattern.search(token)), 0)
        start = max(0, min(first - 5, len(tokens) - SNIPPET_WORDS))
        end = start + SNIPPET_WORDS
        summary = ("… " if start else "") + " ".join(tokens[start:end])
        summary += " …" if end < len(tokens) else ""
    if pattern is None:
        return summary
    return pattern.sub(lambda m: f"{HIGHLIGHT_START}{m.group(0)}{HIGHLIGHT_STOP}", summary)


def with_summary_snippets(innovations: Iterable[Innovation], search: str = "") -> list:
    """Give each entry `summary_snippet`: safe HTML, the search's matches in <mark>."""
    search = search.strip()
    words = search_words(search) if search else []
    listed = list(innovations)
    for innovation in listed:
        headline = getattr(innovation, "search_headline", None)
        if headline is not None:
            innovation.summary_snippet = highlighted_html(headline)
        elif words:
            innovation.summary_snippet = highlighted_html(
                _python_snippet(innovation.summary, words)
            )
        else:
            innovation.summary_snippet = escape(Truncator(innovation.summary).words(SNIPPET_WORDS))
    return listed


def innovation_detail_queryset(user) -> QuerySet[Innovation]:
    """An entry with everything its page shows.

    Each adoption carries `latest_must_have_score` and `latest_assessed_on`: from its
    most recent fidelity assessment that has a must-have score.
    """
    latest_scored = FidelityAssessment.objects.filter(
        adoption=OuterRef("pk"), must_have_score__isnull=False
    ).order_by("-assessed_on", "-recorded_at", "-pk")
    return (
        Innovation.objects.visible_to(user)
        .select_related("originating_site", "status_changed_by", "adapted_from", "adapted_at")
        .prefetch_related(
            "themes",
            "support_organisations",
            "evidence_sources",
            "resources",
            Prefetch(
                "criteria",
                queryset=FidelityCriterion.objects.filter(retired_at__isnull=True),
                to_attr="active_criteria",
            ),
            Prefetch(
                "metrics",
                queryset=OutcomeMetric.objects.filter(retired_at__isnull=True),
                to_attr="active_metrics",
            ),
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("adopting_site")
                .annotate(
                    latest_must_have_score=Subquery(latest_scored.values("must_have_score")[:1]),
                    latest_assessed_on=Subquery(latest_scored.values("assessed_on")[:1]),
                )
                .order_by("adopting_site__name"),
            ),
        )
    )


def accreditation_holders(innovation: Innovation, *, day: datetime.date) -> list[tuple]:
    """(adopting site, accreditation) for each accreditation or licence to deliver
    `innovation` held on `day`, by site name: one query joined through the adoptions,
    rather than a lookup by the ids of every adoption (a hundred at England scale)."""
    held = (
        Accreditation.objects.held_on(day)
        .filter(adoption__innovation=innovation)
        .select_related("adoption__adopting_site")
        .order_by("adoption__adopting_site__name", "expires_on", "id")
    )
    return [(accreditation.adoption.adopting_site, accreditation) for accreditation in held]


def directory_counts() -> dict[str, int]:
    """How many entries are at each publication status (for directory admins)."""
    counts = dict.fromkeys(Innovation.Status.values, 0)
    for row in Innovation.objects.values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


# --- Directory maintenance ---------------------------------------------------------


def innovation_rows_for_editing(innovation: Innovation, related_name: str, *, retired: bool):
    """An entry's criteria, metrics, evidence sources or resources, in order, for its
    editing page. Criteria and metrics are split into current and retired and carry
    `in_use` (scored, or with values or targets), which decides retire-not-delete."""
    rows = getattr(innovation, related_name).all()
    if related_name == "criteria":
        rows = rows.annotate(in_use=Exists(CriterionScore.objects.filter(criterion=OuterRef("pk"))))
    elif related_name == "metrics":
        rows = rows.annotate(
            in_use=Exists(MetricValue.objects.filter(metric=OuterRef("pk")))
            | Exists(MetricTarget.objects.filter(metric=OuterRef("pk")))
        )
    if related_name in ("criteria", "metrics"):
        rows = rows.filter(retired_at__isnull=not retired)
    return rows.order_by("position", "pk")


# --- Cross-site view of one innovation ------------------------------------------------


def every_adoption_of(innovation: Innovation, *, as_of: datetime.datetime) -> QuerySet[Adoption]:
    """Every adoption of an innovation across all boards, by adopting site, each with its
    latest fidelity known at `as_of` and its latest submitted RAG and month, in one query."""
    adoptions = (
        Adoption.objects.filter(innovation=innovation)
        .select_related("adopting_site", "board", "innovation")
        .annotate(
            latest_rag=latest_submitted("rag"),
            latest_rag_period=latest_submitted("period"),
        )
        .order_by("adopting_site__name", "pk")
    )
    return with_fidelity_as_of(adoptions, as_of)
