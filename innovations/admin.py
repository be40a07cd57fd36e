"""Django admin for the innovation directory: entries, must-haves, metrics, evidence."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from adoptadapt.audit import save_as

from .models import EvidenceSource, FidelityCriterion, Innovation, OutcomeMetric, Resource, Theme
from .search import search_documents_refresh
from .services import ALLOWED_MOVES, innovation_set_status


class RetiredListFilter(admin.SimpleListFilter):
    """Criteria and metrics are retired rather than deleted, so admins filter on it."""

    title = "retired"
    parameter_name = "retired"

    def lookups(self, request, model_admin):
        return [("no", "In use"), ("yes", "Retired")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(retired_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(retired_at__isnull=False)
        return queryset


class RefreshesSearchDocuments:
    """Admin edits bypass the services, so they refresh the stored search vectors of
    the entries they touch themselves (innovations/search.py)."""

    def touched_innovations(self, obj) -> list[int]:
        raise NotImplementedError

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search_documents_refresh(self.touched_innovations(form.instance))

    def delete_model(self, request, obj):
        touched = self.touched_innovations(obj)
        super().delete_model(request, obj)
        search_documents_refresh(touched)

    def delete_queryset(self, request, queryset):
        touched = [pk for obj in queryset for pk in self.touched_innovations(obj)]
        super().delete_queryset(request, queryset)
        search_documents_refresh(touched)


@admin.register(Theme)
class ThemeAdmin(RefreshesSearchDocuments, SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def touched_innovations(self, obj):
        return list(obj.innovations.values_list("pk", flat=True)) if obj.pk else []


class FidelityCriterionInline(admin.TabularInline):
    model = FidelityCriterion
    fields = ["name", "kind", "dimension", "position", "retired_at"]
    extra = 0
    show_change_link = True


class OutcomeMetricInline(admin.TabularInline):
    model = OutcomeMetric
    fields = ["name", "unit", "higher_is_better", "aggregation", "position", "retired_at"]
    extra = 0
    show_change_link = True


class EvidenceSourceInline(admin.TabularInline):
    model = EvidenceSource
    fields = ["title", "kind", "publisher", "year", "url", "position"]
    extra = 0


class ResourceInline(admin.TabularInline):
    model = Resource
    fields = ["title", "kind", "url", "position"]
    extra = 0
    show_change_link = True


class InnovationAdminForm(forms.ModelForm):
    class Meta:
        model = Innovation
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown

    def clean_status(self):
        """Moves obey the same rules as the directory pages (no draft straight to archive)."""
        status = self.cleaned_data["status"]
        was = self.instance.status if self.instance.pk else None
        if was is not None and status != was and status not in ALLOWED_MOVES[was]:
            raise ValidationError(
                f"A {Innovation.Status(was).label.lower()} entry cannot be moved to "
                f"{Innovation.Status(status).label.lower()}."
            )
        return status


@admin.register(Innovation)
class InnovationAdmin(RefreshesSearchDocuments, SimpleHistoryAdmin):
    form = InnovationAdminForm
    ordering = ["name"]  # the count annotation groups, which drops Meta.ordering
    list_display = [
        "name",
        "status",
        "evidence_level",
        "originating_site",
        "adoption_count",
        "updated_at",
    ]
    list_filter = ["status", "evidence_level", "themes"]
    list_select_related = ["originating_site"]
    search_fields = ["name", "slug", "originating_site__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["originating_site", "support_organisations"]
    filter_horizontal = ["themes"]
    readonly_fields = ["status_changed_at", "status_changed_by", "created_at", "updated_at"]
    date_hierarchy = "updated_at"
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "problem_addressed", "themes"]}),
        (
            "Where it comes from",
            {
                "fields": [
                    "originating_site",
                    "support_organisations",
                    "original_constraints",
                    "original_assets",
                ]
            },
        ),
        ("Less tangible elements", {"fields": ["culture", "values", "leadership"]}),
        (
            "Evidence",
            {"fields": ["evidence_level", "evidence_summary", "cost_rating", "accreditation"]},
        ),
        (
            "Publication",
            {
                "fields": [
                    "status",
                    "status_changed_at",
                    "status_changed_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    inlines = [FidelityCriterionInline, OutcomeMetricInline, EvidenceSourceInline, ResourceInline]
    actions = ["publish", "archive"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(adoption_count=Count("adoptions"))

    @admin.display(description="adoptions", ordering="adoption_count")
    def adoption_count(self, obj):
        return obj.adoption_count

    def touched_innovations(self, obj):
        return [obj.pk]

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.status_changed_at = timezone.now()
            obj.status_changed_by = request.user
        super().save_model(request, obj, form, change)

    def _set_status(self, request, queryset, status):
        moved = 0
        for innovation in queryset:
            if innovation.status == status:
                continue
            try:
                innovation_set_status(actor=request.user, innovation=innovation, status=status)
            except ValidationError as error:
                self.message_user(
                    request, f"{innovation}: {' '.join(error.messages)}", messages.WARNING
                )
            else:
                moved += 1
        self.message_user(request, f"{moved} entries moved to {Innovation.Status(status).label}.")

    @admin.action(description="Publish selected innovations", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Innovation.Status.PUBLISHED)

    @admin.action(description="Archive selected innovations", permissions=["change"])
    def archive(self, request, queryset):
        self._set_status(request, queryset, Innovation.Status.ARCHIVED)


@admin.register(FidelityCriterion)
class FidelityCriterionAdmin(RefreshesSearchDocuments, SimpleHistoryAdmin):
    """Scored criteria cannot be deleted (PROTECT); retire them instead."""

    def touched_innovations(self, obj):
        return [obj.innovation_id]

    list_display = [
        "name",
        "innovation",
        "kind",
        "dimension",
        "position",
        "score_count",
        "retired_at",
    ]
    list_filter = [
        RetiredListFilter,
        "kind",
        "dimension",
        ("innovation", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["innovation"]
    search_fields = ["name", "innovation__name"]
    autocomplete_fields = ["innovation"]
    fields = [
        "innovation",
        "name",
        "description",
        "kind",
        "dimension",
        "how_evidenced",
        "position",
        "retired_at",
    ]
    actions = ["retire", "reinstate"]
    ordering = ["innovation__name", "position", "id"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(*self.list_select_related)
            .annotate(score_count=Count("scores"))
        )

    @admin.display(description="times scored", ordering="score_count")
    def score_count(self, obj):
        return obj.score_count

    @admin.action(description="Retire selected criteria", permissions=["change"])
    def retire(self, request, queryset):
        now = timezone.now()
        retired = 0
        for criterion in queryset.filter(retired_at__isnull=True):
            criterion.retired_at = now
            save_as(criterion, actor=request.user, update_fields=["retired_at"])
            retired += 1
        self.message_user(request, f"{retired} criteria retired.")

    @admin.action(description="Bring selected criteria back into use", permissions=["change"])
    def reinstate(self, request, queryset):
        reinstated = 0
        for criterion in queryset.filter(retired_at__isnull=False):
            criterion.retired_at = None
            save_as(criterion, actor=request.user, update_fields=["retired_at"])
            reinstated += 1
        self.message_user(request, f"{reinstated} criteria back in use.")


@admin.register(OutcomeMetric)
class OutcomeMetricAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "innovation",
        "unit",
        "higher_is_better",
        "aggregation",
        "position",
        "retired_at",
    ]
    list_filter = [
        RetiredListFilter,
        "aggregation",
        "higher_is_better",
        ("innovation", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["innovation"]
    search_fields = ["name", "unit", "innovation__name"]
    autocomplete_fields = ["innovation"]


@admin.register(EvidenceSource)
class EvidenceSourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "innovation", "kind", "publisher", "year"]
    list_filter = ["kind", ("innovation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["innovation"]
    search_fields = ["title", "publisher", "innovation__name"]
    autocomplete_fields = ["innovation"]


@admin.register(Resource)
class ResourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "innovation", "kind", "url"]
    list_filter = ["kind", ("innovation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["innovation"]
    search_fields = ["title", "description", "innovation__name"]
    autocomplete_fields = ["innovation"]
