"""The read-only API: one viewset per kind of object.

Permissions are the pages' own: every queryset starts from the model's `visible_to`
(records logged against an adoption from the adoptions the caller may see), so the
API cannot show more than the browser does, and someone else's object is a 404.
Anyone may read the published directory (innovations and organisations); the rest
needs a token or a signed-in session.
"""

from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, permissions, routers, viewsets
from rest_framework import views as drf_views
from rest_framework.response import Response

from accounts.rules import is_directory_admin
from adoptadapt.fragment_cache import kept
from governance.models import BoardMembership, GovernanceBoard
from innovations.models import Innovation
from sites.models import (
    Adaptation,
    Adoption,
    CriterionScore,
    FidelityAssessment,
    MetricValue,
    ProgressUpdate,
    Site,
    StageChange,
)

from . import filters, serializers


def exception_handler(exc, context):
    """The same 404 for a missing object and a hidden one, naming no model."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    return drf_views.exception_handler(exc, context)


@login_not_required
def not_found(request, *args, **kwargs):
    """Any other address under /api/ answers in JSON too, not with the HTML 404 page."""
    return JsonResponse({"detail": exceptions.NotFound.default_detail}, status=404)


class _PublicToDjango:
    """The project's LoginRequiredMiddleware would redirect API callers to the sign-in
    page; the API answers for itself instead (a 401 with a Bearer challenge)."""

    @classmethod
    def as_view(cls, *args, **kwargs):
        return login_not_required(super().as_view(*args, **kwargs))


class ApiRootView(_PublicToDjango, routers.APIRootView):
    """Links to every list in the API (anyone may read it; the lists say who sees what)."""

    permission_classes = [permissions.AllowAny]


class _ReadOnlyViewSet(_PublicToDjango, viewsets.ReadOnlyModelViewSet):
    """An answer's data is kept until anything stored changes (adoptadapt/fragment_cache.py),
    per caller and address (its links are absolute); the caller is signed in, checked
    and counted against the rate limits first, every time. Refusals are not kept."""

    # An id the database can hold (a longer one would overflow it, not just miss);
    # anything else falls through to `not_found`.
    lookup_value_regex = "[0-9]{1,18}"

    def list(self, request, *args, **kwargs):
        return self._kept_answer("list", super().list, request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._kept_answer("retrieve", super().retrieve, request, *args, **kwargs)

    def _kept_answer(self, action, answer, request, *args, **kwargs):
        name = f"api:{self.basename}:{action}"
        vary_on = [request.user.pk, request.build_absolute_uri()]
        return Response(kept(name, vary_on, lambda: _plain(answer(request, *args, **kwargs).data)))


def _plain(data):
    """The answer's data in plain dicts, lists and strings: DRF's links are strings that
    carry their model object (for the browsable API's link text), which keeping would
    pickle, and unpickling 50 updates' objects cost more than serialising them again."""
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(value) for value in data]
    if isinstance(data, str):
        return str(data)
    return data


class _BySlugViewSet(_ReadOnlyViewSet):
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"


def _visible_adoptions(user):
    return Adoption.objects.visible_to(user)


def _documented(noun: str, plural: str, *, who: str, tag: str, by_slug: bool = False):
    """Summaries and descriptions for a viewset's two operations, in the schema."""
    lookup = (
        OpenApiParameter(
            "slug",
            str,
            OpenApiParameter.PATH,
            description=f"The {noun}'s slug: its name as it appears in addresses.",
        )
        if by_slug
        else OpenApiParameter(
            "id", int, OpenApiParameter.PATH, description=f"The {noun}'s id, a whole number."
        )
    )
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {plural}",
            description=f"{plural[0].upper()}{plural[1:]} {who}, a page at a time. "
            "Filter and order them with the query parameters.",
            tags=[tag],
        ),
        retrieve=extend_schema(
            summary=f"Get one {noun}",
            description=f"One {noun}; a 404 if there is none, or not one {who}.",
            tags=[tag],
            parameters=[lookup],
        ),
    )


# --- The directory: anyone may read it ---------------------------------------------


@_documented(
    "innovation",
    "innovations",
    who="in the directory (published ones; directory admins also see drafts and archive)",
    tag="directory",
    by_slug=True,
)
class InnovationViewSet(_BySlugViewSet):
    serializer_class = serializers.InnovationSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = filters.InnovationFilter
    ordering_fields = ["name", "updated_at", "evidence_level"]
    ordering = ["name"]

    def get_queryset(self):
        return (
            Innovation.objects.visible_to(self.request.user)
            .select_related("originating_site")
            .prefetch_related(
                "themes", "support_organisations", "criteria", "metrics", "evidence_sources"
            )
        )


@_documented("organisation", "organisations", who="in the directory", tag="directory", by_slug=True)
class SiteViewSet(_BySlugViewSet):
    serializer_class = serializers.SiteSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = filters.SiteFilter
    ordering_fields = ["name", "region", "kind"]
    ordering = ["name"]
    # Organisations are directory data with no restricted fields: everyone sees all.
    queryset = Site.objects.all()


# --- Adoptions and what is logged against them: token or session ---------------------

WHO_SEES_ADOPTIONS = "you may see: your own, your boards', or all if you are a directory admin"


@_documented("adoption", "adoptions", who=WHO_SEES_ADOPTIONS, tag="adoptions")
class AdoptionViewSet(_ReadOnlyViewSet):
    serializer_class = serializers.AdoptionSerializer
    filterset_class = filters.AdoptionFilter
    ordering_fields = ["started_on", "created_at", "stage", "id"]
    ordering = ["id"]

    def get_queryset(self):
        return (
            _visible_adoptions(self.request.user)
            .select_related(
                "innovation", "adopting_site", "partner_site", "support_organisation", "board"
            )
            .prefetch_related(
                Prefetch(
                    "stage_changes",
                    queryset=StageChange.objects.order_by("changed_on", "recorded_at"),
                ),
                "targets",
            )
        )


def _adoption_records(model, user):
    """The records logged against the adoptions `user` may see.

    The visible adoptions' ids are read first (one small query) and filtered on as a
    list. As a subquery, PostgreSQL cannot estimate how many adoptions the visibility
    rule (a role EXISTS or a board-membership EXISTS) lets through: for a board chair who
    sees 155 of 2,000 it guessed 1,500, so it sorted every progress update in the table,
    on disk, to serve the first page (bench/RESULTS.md). A directory admin sees them all.
    """
    # Each record names its adoption's innovation and site by slug: only those columns
    # are read, not the entries' texts and stored search vectors.
    own_fields = [field.attname for field in model._meta.concrete_fields]
    records = model.objects.select_related("adoption__innovation", "adoption__adopting_site").only(
        *own_fields, "adoption__innovation__slug", "adoption__adopting_site__slug"
    )
    if is_directory_admin(user):
        return records
    visible = list(_visible_adoptions(user).values_list("pk", flat=True))
    return records.filter(adoption_id__in=visible)


@_documented(
    "monthly progress update",
    "monthly progress updates",
    who="of the adoptions you may see, once submitted (drafts are the team's own)",
    tag="adoptions",
)
class ProgressUpdateViewSet(_ReadOnlyViewSet):
    serializer_class = serializers.ProgressUpdateSerializer
    filterset_class = filters.ProgressUpdateFilter
    ordering_fields = ["period", "submitted_at", "id"]
    ordering = ["-period", "id"]

    def get_queryset(self):
        return (
            _adoption_records(ProgressUpdate, self.request.user)
            .exclude(status=ProgressUpdate.Status.DRAFT)
            .prefetch_related(
                "lesson_tags",
                Prefetch(
                    "values",
                    queryset=MetricValue.objects.select_related("metric")
                    .only("update_id", "metric_id", "value", "note", "metric__name", "metric__unit")
                    .order_by("metric__position", "metric_id"),
                ),
            )
        )


@_documented(
    "fidelity assessment",
    "fidelity assessments",
    who="of the adoptions you may see",
    tag="adoptions",
)
class FidelityAssessmentViewSet(_ReadOnlyViewSet):
    serializer_class = serializers.FidelityAssessmentSerializer
    filterset_class = filters.FidelityAssessmentFilter
    ordering_fields = ["assessed_on", "must_have_score", "id"]
    ordering = ["-assessed_on", "id"]

    def get_queryset(self):
        return _adoption_records(FidelityAssessment, self.request.user).prefetch_related(
            Prefetch("scores", queryset=CriterionScore.objects.select_related("criterion"))
        )


@_documented(
    "adaptation",
    "adaptations (coded after FRAME)",
    who="of the adoptions you may see",
    tag="adoptions",
)
class AdaptationViewSet(_ReadOnlyViewSet):
    serializer_class = serializers.AdaptationSerializer
    filterset_class = filters.AdaptationFilter
    ordering_fields = ["made_on", "created_at", "id"]
    ordering = ["-made_on", "id"]

    def get_queryset(self):
        return _adoption_records(Adaptation, self.request.user).prefetch_related("criteria")


@_documented(
    "governance board",
    "governance boards",
    who="you sit on (directory admins see every board)",
    tag="boards",
    by_slug=True,
)
class GovernanceBoardViewSet(_BySlugViewSet):
    serializer_class = serializers.GovernanceBoardSerializer
    ordering_fields = ["name"]
    ordering = ["name"]

    def get_queryset(self):
        return GovernanceBoard.objects.visible_to(self.request.user).prefetch_related(
            Prefetch(
                "memberships",
                queryset=BoardMembership.objects.select_related("user").order_by(
                    "role", "user__first_name", "user__last_name"
                ),
            ),
            Prefetch("adoptions", queryset=Adoption.objects.order_by("id")),
        )
