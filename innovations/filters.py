"""The directory's search and filter form: a GET form, so every result has its own URL.

Values that do not validate (an edited or out-of-date link) are left out and named
on the page; the rest of the search still applies.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from accounts.rules import is_directory_admin
from sites.models import Site

from .lineage import descendant_ids
from .models import Innovation, Theme
from .selectors import DirectorySort, directory_default_sort, innovation_search, innovation_sort

MAX_SEARCH_LENGTH = 200


def _not_a_choice(label: str) -> dict[str, str]:
    """Error messages that name the filter, for a value that is not one of its choices."""
    message = f"“%(value)s” is not one of the choices for {label.lower()}."
    return {"invalid_choice": message, "invalid_pk_value": message.replace("value", "pk")}


class AdoptingSites:
    """Bands for "number of adopting sites": value → (label, the rows it selects)."""

    NONE = "none"
    FEW = "1-4"
    SEVERAL = "5-9"
    MANY = "10+"

    choices = [
        (NONE, "Not adopted yet"),
        (FEW, "1 to 4 sites"),
        (SEVERAL, "5 to 9 sites"),
        (MANY, "10 or more sites"),
    ]
    conditions = {
        NONE: Q(adopting_site_count=0),
        FEW: Q(adopting_site_count__gte=1, adopting_site_count__lte=4),
        SEVERAL: Q(adopting_site_count__gte=5, adopting_site_count__lte=9),
        MANY: Q(adopting_site_count__gte=10),
    }


class DirectoryFilterForm(forms.Form):
    """The fields that are not filters: what to search for and how to sort."""

    q = forms.CharField(
        label="Search the directory",
        required=False,
        max_length=MAX_SEARCH_LENGTH,
        error_messages={"max_length": "Search for %(limit_value)d characters or fewer."},
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=DirectorySort.choices,
        error_messages={"invalid_choice": "“%(value)s” is not a way to sort the directory."},
    )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class DirectoryFilter(django_filters.FilterSet):
    """Search, filters and sort for `/directory/`; the queryset comes from the selector."""

    theme = django_filters.ModelMultipleChoiceFilter(
        label="Theme",
        error_messages=_not_a_choice("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        method="filter_theme",
        widget=forms.CheckboxSelectMultiple,
    )
    evidence_level = django_filters.MultipleChoiceFilter(
        label="Evidence level",
        error_messages=_not_a_choice("Evidence level"),
        choices=Innovation.EvidenceLevel.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    adopting_sites = django_filters.MultipleChoiceFilter(
        label="Number of adopting sites",
        error_messages=_not_a_choice("Number of adopting sites"),
        choices=AdoptingSites.choices,
        method="filter_adopting_sites",
        widget=forms.CheckboxSelectMultiple,
    )
    region = django_filters.ChoiceFilter(
        label="Originating region",
        error_messages=_not_a_choice("Originating region"),
        field_name="originating_site__region",
        choices=Site.Region.choices,
        empty_label="Any region",
    )
    organisation_kind = django_filters.ChoiceFilter(
        label="Originating organisation",
        error_messages=_not_a_choice("Originating organisation"),
        field_name="originating_site__kind",
        choices=Site.Kind.choices,
        empty_label="Any kind of organisation",
    )
    adapted_from = django_filters.ModelChoiceFilter(
        label="Adapted from",
        error_messages=_not_a_choice("Adapted from"),
        queryset=Innovation.objects.none(),
        to_field_name="slug",
        method="filter_adapted_from",
        empty_label="Any innovation",
    )
    status = django_filters.MultipleChoiceFilter(
        label="Publication status",
        error_messages=_not_a_choice("Publication status"),
        choices=Innovation.Status.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )

    # Shown in the sidebar in this order; `status` only to directory admins.
    FILTERS = (
        "theme",
        "evidence_level",
        "adopting_sites",
        "region",
        "organisation_kind",
        "adapted_from",
    )
    NOT_FILTERS = ("q", "sort")

    class Meta:
        model = Innovation
        fields = []
        form = DirectoryFilterForm

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.for_admin = is_directory_admin(user)
        # Only entries that something has been adapted from, as far as this person sees.
        self.filters["adapted_from"].queryset = (
            Innovation.objects.visible_to(user)
            .filter(Exists(Innovation.objects.filter(adapted_from=OuterRef("pk"))))
            .order_by("name")
        )
        if not self.for_admin:
            del self.filters["status"]

    @property
    def filter_names(self) -> list[str]:
        return list(self.FILTERS) + (["status"] if self.for_admin else [])

    @property
    def form(self):
        form = super().form
        if not self.search_text_raw:
            # Relevance only means something when there is a search.
            form.fields["sort"].choices = [
                c for c in DirectorySort.choices if c[0] != DirectorySort.RELEVANCE
            ]
        return form

    @property
    def search_text_raw(self) -> str:
        return (self.data.get("q") or "").strip()

    @property
    def search_text(self) -> str:
        """The search that was applied: empty when there is none or it was invalid."""
        if not self.is_bound or "q" in self.form.errors:
            return ""
        return self.form.cleaned_data.get("q", "")

    @property
    def sort_key(self) -> str:
        searching = bool(self.search_text)
        sort = self.form.cleaned_data.get("sort", "") if self.is_bound else ""
        if not sort or (sort == DirectorySort.RELEVANCE and not searching):
            return directory_default_sort(searching=searching)
        return sort

    @property
    def active_filter_count(self) -> int:
        if not self.is_bound:
            return 0
        cleaned = self.form.cleaned_data
        return sum(1 for name in self.filter_names if cleaned.get(name))

    def filter_queryset(self, queryset):
        for name, value in self.form.cleaned_data.items():
            if name not in self.NOT_FILTERS:
                queryset = self.filters[name].filter(queryset, value)
        queryset = innovation_search(queryset, self.search_text)
        return innovation_sort(queryset, self.sort_key, searching=bool(self.search_text))

    def filter_theme(self, queryset, name, themes):
        if not themes:
            return queryset
        tagged = Innovation.themes.through.objects.filter(
            innovation=OuterRef("pk"), theme__in=themes
        )
        return queryset.filter(Exists(tagged))

    def filter_adopting_sites(self, queryset, name, bands):
        condition = Q()
        for band in bands:
            condition |= AdoptingSites.conditions[band]
        return queryset.filter(condition)

    def filter_adapted_from(self, queryset, name, innovation):
        """Everything adapted from it, directly or through another adaptation."""
        if innovation is None:
            return queryset
        return queryset.filter(pk__in=descendant_ids(innovation.pk))
