"""The public innovation directory: the list with search and filters, and each entry."""

import rules
from django.contrib.auth.decorators import login_not_required
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from adoptadapt.page_cache import cached_for_visitors
from sites.models import Adoption, FidelityBand

from ..filters import DirectoryFilter
from ..lineage import innovation_family
from ..models import Innovation, Resource
from ..public_pages import DIRECTORY_PAGES
from ..selectors import (
    accreditation_holders,
    innovation_detail_queryset,
    innovation_list,
    with_summary_snippets,
)

# Headings for the innovation page's resources, one group per kind, in this order.
RESOURCE_GROUPS = {
    Resource.Kind.TOOLKIT: "Toolkits",
    Resource.Kind.TRAINING: "Training",
    Resource.Kind.MATERIALS: "Materials",
    Resource.Kind.OTHER: "Other resources",
}
# How each filter is shown: a select for long single choices; long checkbox lists fold
# into a details element (open when in use) so the results are not pushed far down.
SELECT_FILTERS = {"region", "organisation_kind", "adapted_from"}
COLLAPSIBLE_FILTERS = {"theme", "evidence_level"}


@method_decorator(login_not_required, name="dispatch")
@method_decorator(cached_for_visitors(DIRECTORY_PAGES), name="dispatch")
class InnovationListView(ListView):
    template_name = "innovations/innovation_list.html"
    context_object_name = "innovations"
    paginate_by = 20
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        self.filterset = DirectoryFilter(
            self.request.GET, queryset=innovation_list(self.request.user), user=self.request.user
        )
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        """An unknown or out-of-range page shows the nearest real page, and says so."""
        paginator = self.get_paginator(queryset, page_size)
        requested = self.request.GET.get("page", "")
        page = paginator.get_page(requested)
        self.page_not_found = bool(requested) and _as_number(requested) != page.number
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        search = filterset.search_text
        context["innovations"] = with_summary_snippets(context["innovations"], search)
        form = filterset.form
        context.update(
            filter=filterset,
            form=form,
            search=search,
            sort=filterset.sort_key,
            filter_controls=[
                {
                    "field": form[name],
                    "select": name in SELECT_FILTERS,
                    "collapsible": name in COLLAPSIBLE_FILTERS,
                }
                for name in filterset.filter_names
            ],
            ignored=[
                (form.fields[name].label if name in form.fields else "Search", errors)
                for name, errors in form.errors.items()
            ],
            page_not_found=self.page_not_found,
            requested_page=self.request.GET.get("page", ""),
            narrowed=bool(search) or filterset.active_filter_count > 0,
            admin_links=_links(self.request.user, DIRECTORY_ADMIN_LINKS),
        )
        return context


@method_decorator(login_not_required, name="dispatch")
# Daily: which accreditations are current depends on the day.
@method_decorator(cached_for_visitors(DIRECTORY_PAGES, daily=True), name="dispatch")
class InnovationDetailView(DetailView):
    template_name = "innovations/innovation_detail.html"
    context_object_name = "innovation"
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        user = self.request.user
        return innovation_detail_queryset(user).with_adoptions_overseeable(user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        innovation = self.object
        criteria = innovation.active_criteria
        context["must_haves"] = [c for c in criteria if c.is_must_have]
        context["adaptables"] = [c for c in criteria if not c.is_must_have]
        context["visible_adoption_ids"] = set(
            Adoption.objects.visible_to(self.request.user)
            .filter(innovation=innovation)
            .values_list("pk", flat=True)
        )
        adoptions = list(innovation.adoptions.all())
        for adoption in adoptions:
            adoption.fidelity_band = FidelityBand.for_score(adoption.latest_must_have_score)
        context["adoptions"] = adoptions
        context["can_see_every_adoption"] = innovation.adoptions_overseeable
        resources = list(innovation.resources.all())
        context["resource_groups"] = [
            (RESOURCE_GROUPS[kind], [r for r in resources if r.kind == kind])
            for kind in Resource.Kind.values
            if any(r.kind == kind for r in resources)
        ]
        context["accreditation_holders"] = accreditation_holders(
            innovation, day=timezone.localdate()
        )
        context["family"] = innovation_family(innovation, self.request.user)
        context["evidence_levels"] = Innovation.EvidenceLevel.choices
        context["edit_links"] = _links(self.request.user, ENTRY_EDIT_LINKS, slug=innovation.slug)
        return context


def _as_number(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


# The directory maintenance pages a directory admin is offered: (label, URL name).
ENTRY_EDIT_LINKS = [
    ("Edit details", "innovations:edit"),
    ("Edit must-haves and adaptable parts", "innovations:criteria"),
    ("Edit outcome metrics", "innovations:metrics"),
    ("Edit evidence sources", "innovations:evidence"),
    ("Edit toolkits, training and materials", "innovations:resources"),
    ("Change publication status", "innovations:status"),
    ("See change history", "innovations:history"),
]
DIRECTORY_ADMIN_LINKS = [
    ("Add an innovation", "innovations:create"),
    ("Export the directory", "innovations:export"),
    ("Import sites and innovations", "innovations:import"),
]


def _links(user, names: list[tuple[str, str]], **kwargs) -> list[tuple[str, str]]:
    """Links to the maintenance pages that exist, for people who may change entries."""
    if not rules.has_perm("innovations.change_innovation", user):
        return []
    links = []
    for label, name in names:
        try:
            links.append((label, reverse(name, kwargs=kwargs or None)))
        except NoReverseMatch:
            continue
    return links
