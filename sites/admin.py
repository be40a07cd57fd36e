"""Django admin for organisations, adoptions and everything logged against an adoption.

The admin is the directory admins' repair tool, so it lets them change most things;
where the app's services keep a record in step (stage history, update versions,
must-have scores), the admin does the same so that an admin edit leaves no gap.
"""

import datetime

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db import models, transaction
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from accounts.role_admin import LogsRoleChangesMixin
from adoptadapt.audit import save_as
from innovations.models import FidelityCriterion

from .figures import metric_figures_refresh
from .models import (
    Accreditation,
    Adaptation,
    Adoption,
    AdoptionRole,
    ContextFactor,
    CriterionScore,
    FidelityAssessment,
    MetricTarget,
    MetricValue,
    MustHaveConflict,
    PersonnelExchange,
    Programme,
    ProgressUpdate,
    ReadinessItem,
    Site,
    StageChange,
)
from .services import must_have_score

# What an adoption's __str__ reads, so listing adoptions costs no query per row.
ADOPTION_NAMES = ["adoption__innovation", "adoption__adopting_site"]


class PeriodListFilter(admin.SimpleListFilter):
    """The months that have rows, newest first, labelled like "March 2025"."""

    title = "period"
    parameter_name = "period"
    months_offered = 24

    def lookups(self, request, model_admin):
        periods = (
            model_admin.get_queryset(request)
            .order_by("-period")
            .values_list("period", flat=True)
            .distinct()[: self.months_offered]
        )
        return [(period.isoformat(), f"{period:%B %Y}") for period in periods]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            period = datetime.date.fromisoformat(self.value())
        except ValueError as error:
            raise IncorrectLookupParameters(error) from error
        return queryset.filter(period=period)


def check_same_innovation(form, field, innovation_id):
    """Criteria and metrics must belong to the innovation the adoption took up."""
    chosen = form.cleaned_data.get(field)
    if innovation_id is None or not chosen:
        return
    items = [chosen] if isinstance(chosen, models.Model) else chosen
    if any(item.innovation_id != innovation_id for item in items):
        form.add_error(field, "Choose from the innovation this adoption took up.")


class SameInnovationInlineFormSet(BaseInlineFormSet):
    """Offers only the criteria or metrics of the parent adoption's innovation."""

    scoped_field = ""

    def parent_innovation_id(self):
        raise NotImplementedError

    def add_fields(self, form, index):
        super().add_fields(form, index)
        innovation_id = self.parent_innovation_id()
        field = form.fields.get(self.scoped_field)
        if innovation_id and field is not None:
            field.queryset = field.queryset.filter(innovation_id=innovation_id)


@admin.register(Site)
class SiteAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "region", "gss_code", "dfe_la_number", "website"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "slug", "gss_code"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "kind", "region", "gss_code", "dfe_la_number", "website"]


class AdoptionRoleInline(admin.TabularInline):
    model = AdoptionRole
    fields = ["user", "role", "granted_at"]
    readonly_fields = ["granted_at"]
    autocomplete_fields = ["user"]
    extra = 0


class StageChangeInline(admin.TabularInline):
    """The stage history; it grows when the adoption's stage is changed, never by hand."""

    model = StageChange
    fields = ["stage", "changed_on", "changed_by", "note", "recorded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MetricTargetFormSet(SameInnovationInlineFormSet):
    scoped_field = "metric"

    def parent_innovation_id(self):
        return self.instance.innovation_id


class MetricTargetInline(admin.TabularInline):
    model = MetricTarget
    formset = MetricTargetFormSet
    fields = ["metric", "target", "target_date"]
    extra = 0


@admin.register(Adoption)
class AdoptionAdmin(LogsRoleChangesMixin, SimpleHistoryAdmin):
    list_display = ["innovation", "adopting_site", "stage", "board", "partner_site", "started_on"]
    list_filter = [
        "stage",
        ("innovation", admin.RelatedOnlyFieldListFilter),
        ("board", admin.RelatedOnlyFieldListFilter),
        "adopting_site__region",
    ]
    list_select_related = ["innovation", "adopting_site", "board", "partner_site"]
    search_fields = ["innovation__name", "adopting_site__name", "partner_site__name"]
    autocomplete_fields = [
        "innovation",
        "adopting_site",
        "partner_site",
        "support_organisation",
        "board",
    ]
    date_hierarchy = "started_on"
    readonly_fields = ["created_at"]
    fieldsets = [
        (None, {"fields": ["innovation", "adopting_site", "stage", "started_on"]}),
        ("Partners", {"fields": ["partner_site", "support_organisation", "board"]}),
        ("Notes", {"fields": ["team_notes", "created_at"]}),
    ]
    inlines = [AdoptionRoleInline, StageChangeInline, MetricTargetInline]

    def get_queryset(self, request):
        # Autocomplete lists adoptions by __str__, which names innovation and site. The
        # changelist skips list_select_related once a queryset selects related, hence *.
        return super().get_queryset(request).select_related(*self.list_select_related)

    def save_model(self, request, obj, form, change):
        """Keep the stage history complete: a new stage always gets a dated stage change."""
        super().save_model(request, obj, form, change)
        if not change:
            changed_on, note = obj.started_on, ""
        elif "stage" in form.changed_data:
            changed_on, note = timezone.localdate(), "Changed in the Django admin."
        else:
            return
        save_as(
            StageChange(
                adoption=obj,
                stage=obj.stage,
                changed_on=changed_on,
                changed_by=request.user,
                note=note,
            ),
            actor=request.user,
        )


@admin.register(StageChange)
class StageChangeAdmin(SimpleHistoryAdmin):
    """Stage changes are made by changing an adoption's stage; here only corrected."""

    list_display = ["adoption", "stage", "changed_on", "changed_by", "recorded_at"]
    list_filter = ["stage"]
    list_select_related = [*ADOPTION_NAMES, "changed_by"]
    search_fields = ["adoption__innovation__name", "adoption__adopting_site__name", "note"]
    date_hierarchy = "changed_on"
    fields = ["adoption", "stage", "changed_on", "changed_by", "note", "recorded_at"]
    readonly_fields = ["adoption", "stage", "changed_by", "recorded_at"]

    def has_add_permission(self, request):
        return False


@admin.register(AdoptionRole)
class AdoptionRoleAdmin(LogsRoleChangesMixin, SimpleHistoryAdmin):
    list_display = ["user", "role", "adoption", "granted_at"]
    list_filter = ["role", ("adoption__innovation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = [*ADOPTION_NAMES, "user"]
    search_fields = [
        "user__email",
        "user__first_name",
        "user__last_name",
        "adoption__innovation__name",
        "adoption__adopting_site__name",
    ]
    autocomplete_fields = ["adoption", "user"]
    readonly_fields = ["granted_at"]


class MetricTargetForm(forms.ModelForm):
    class Meta:
        model = MetricTarget
        fields = "__all__"  # noqa: DJ007 - the admin chooses what is shown

    def clean(self):
        cleaned = super().clean()
        adoption = cleaned.get("adoption")
        check_same_innovation(self, "metric", adoption and adoption.innovation_id)
        return cleaned


@admin.register(MetricTarget)
class MetricTargetAdmin(SimpleHistoryAdmin):
    form = MetricTargetForm
    list_display = ["metric", "adoption", "target", "target_date"]
    list_select_related = [*ADOPTION_NAMES, "metric"]
    list_filter = [("metric__innovation", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["metric__name", "adoption__innovation__name", "adoption__adopting_site__name"]
    autocomplete_fields = ["adoption", "metric"]


@admin.register(ContextFactor)
class ContextFactorAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "adoption",
        "domain",
        "originating_rating",
        "adopting_rating",
        "nature",
        "fit",
    ]
    list_filter = ["domain", "nature", "fit"]
    list_select_related = ADOPTION_NAMES
    search_fields = ["name", "adoption__innovation__name", "adoption__adopting_site__name"]
    autocomplete_fields = ["adoption"]
    fieldsets = [
        (None, {"fields": ["adoption", "domain", "name", "nature", "fit"]}),
        (
            "Comparison",
            {
                "fields": [
                    "originating_context",
                    "originating_rating",
                    "adopting_context",
                    "adopting_rating",
                ]
            },
        ),
        (None, {"fields": ["mitigation"]}),
    ]


@admin.register(ReadinessItem)
class ReadinessItemAdmin(SimpleHistoryAdmin):
    list_display = ["description", "adoption", "area", "status", "due_on"]
    list_filter = ["area", "status"]
    list_select_related = ADOPTION_NAMES
    search_fields = ["description", "adoption__innovation__name", "adoption__adopting_site__name"]
    autocomplete_fields = ["adoption"]
    date_hierarchy = "due_on"


@admin.register(PersonnelExchange)
class PersonnelExchangeAdmin(SimpleHistoryAdmin):
    list_display = [
        "kind",
        "person_name",
        "from_site",
        "to_site",
        "adoption",
        "started_on",
        "ended_on",
    ]
    list_filter = ["kind"]
    list_select_related = [*ADOPTION_NAMES, "from_site", "to_site"]
    search_fields = [
        "person_name",
        "role_description",
        "from_site__name",
        "to_site__name",
        "adoption__innovation__name",
    ]
    autocomplete_fields = ["adoption", "from_site", "to_site"]
    date_hierarchy = "started_on"


class MetricValueFormSet(SameInnovationInlineFormSet):
    scoped_field = "metric"

    def parent_innovation_id(self):
        return self.instance.adoption.innovation_id if self.instance.adoption_id else None


class MetricValueInline(admin.TabularInline):
    model = MetricValue
    formset = MetricValueFormSet
    fields = ["metric", "value", "note"]
    extra = 0


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["adoption", "month", "status", "rag", "submitted_at", "updated_at"]
    ordering = ["adoption__innovation__name", "adoption__adopting_site__name", "-period"]
    list_filter = [
        "status",
        "rag",
        PeriodListFilter,
        ("adoption__innovation", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["adoption__innovation", "adoption__adopting_site"]
    search_fields = ["adoption__innovation__name", "adoption__adopting_site__name", "summary"]
    autocomplete_fields = ["adoption", "submitted_by", "reviewed_by"]
    date_hierarchy = "period"
    readonly_fields = ["created_by", "version", "updated_at"]
    fieldsets = [
        (None, {"fields": ["adoption", "period", "status", "rag", "rag_explanation"]}),
        (
            "Report",
            {
                "fields": [
                    "summary",
                    "achievements",
                    "barriers_and_risks",
                    "lessons_learned",
                    "next_steps",
                ]
            },
        ),
        (
            "Submission and review",
            {
                "fields": [
                    "created_by",
                    "submitted_by",
                    "submitted_at",
                    "reviewed_by",
                    "reviewed_at",
                    "review_note",
                    "version",
                    "updated_at",
                ]
            },
        ),
    ]
    inlines = [MetricValueInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.list_select_related)

    @admin.display(description="month", ordering="period")
    def month(self, obj):
        return f"{obj.period:%B %Y}"

    def save_model(self, request, obj, form, change):
        if change:
            # A lead with the form open must not overwrite what the admin changed.
            obj.version += 1
        else:
            obj.created_by = request.user
        moved_from = ProgressUpdate.objects.filter(pk=obj.pk).values_list("adoption_id").first()
        super().save_model(request, obj, form, change)
        # Here as well as in save_related: reverting to a past version saves no inlines.
        _refresh_figures(obj.adoption_id, *(moved_from or ()))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        _refresh_figures(form.instance.adoption_id)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _refresh_figures(obj.adoption_id)

    def delete_queryset(self, request, queryset):
        adoption_ids = list(queryset.values_list("adoption_id", flat=True))
        with transaction.atomic():  # the "delete selected" action runs outside one
            super().delete_queryset(request, queryset)
            _refresh_figures(*adoption_ids)


def _refresh_figures(*adoption_ids):
    """Keep the adoptions' monthly figures in step with an admin's edit (sites.figures)."""
    metric_figures_refresh(adoption_ids=[pk for pk in adoption_ids if pk is not None])


class MetricValueForm(forms.ModelForm):
    class Meta:
        model = MetricValue
        fields = "__all__"  # noqa: DJ007 - the admin chooses what is shown

    def clean(self):
        cleaned = super().clean()
        update = cleaned.get("update")
        check_same_innovation(self, "metric", update and update.adoption.innovation_id)
        return cleaned


@admin.register(MetricValue)
class MetricValueAdmin(SimpleHistoryAdmin):
    form = MetricValueForm
    list_display = ["metric", "value", "update", "note"]
    list_select_related = [
        "metric",
        "update__adoption__innovation",
        "update__adoption__adopting_site",
    ]
    list_filter = [("metric__innovation", admin.RelatedOnlyFieldListFilter)]
    search_fields = [
        "metric__name",
        "update__adoption__innovation__name",
        "update__adoption__adopting_site__name",
    ]
    autocomplete_fields = ["update", "metric"]

    def save_model(self, request, obj, form, change):
        moved_from = (
            MetricValue.objects.filter(pk=obj.pk).values_list("update__adoption_id").first()
        )
        super().save_model(request, obj, form, change)
        _refresh_figures(obj.update.adoption_id, *(moved_from or ()))

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _refresh_figures(obj.update.adoption_id)

    def delete_queryset(self, request, queryset):
        adoption_ids = list(queryset.values_list("update__adoption_id", flat=True))
        with transaction.atomic():  # the "delete selected" action runs outside one
            super().delete_queryset(request, queryset)
            _refresh_figures(*adoption_ids)


class CriterionScoreFormSet(SameInnovationInlineFormSet):
    scoped_field = "criterion"

    def parent_innovation_id(self):
        return self.instance.adoption.innovation_id if self.instance.adoption_id else None


class CriterionScoreInline(admin.TabularInline):
    model = CriterionScore
    formset = CriterionScoreFormSet
    fields = ["criterion", "score", "evidence_note"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("criterion")


def record_must_have_score(assessment, *, actor):
    """Re-work the stored must-have score after its criterion scores changed."""
    scores = assessment.scores.select_related("criterion")
    score = must_have_score((row.criterion, row.score) for row in scores)
    if score != assessment.must_have_score:
        assessment.must_have_score = score
        save_as(assessment, actor=actor, update_fields=["must_have_score"])


@admin.register(FidelityAssessment)
class FidelityAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["adoption", "assessed_on", "method", "assessed_by", "must_have_score"]
    list_filter = ["method", ("adoption__innovation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["adoption__innovation", "adoption__adopting_site", "assessed_by"]
    search_fields = ["adoption__innovation__name", "adoption__adopting_site__name", "summary"]
    autocomplete_fields = ["adoption", "assessed_by", "co_assessors"]
    date_hierarchy = "assessed_on"
    readonly_fields = ["must_have_score", "recorded_at"]
    fields = [
        "adoption",
        "assessed_on",
        "method",
        "assessed_by",
        "co_assessors",
        "summary",
        "must_have_score",
        "recorded_at",
    ]
    inlines = [CriterionScoreInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.list_select_related)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record_must_have_score(form.instance, actor=request.user)


class CriterionScoreForm(forms.ModelForm):
    class Meta:
        model = CriterionScore
        fields = "__all__"  # noqa: DJ007 - the admin chooses what is shown

    def clean(self):
        cleaned = super().clean()
        assessment = cleaned.get("assessment")
        check_same_innovation(self, "criterion", assessment and assessment.adoption.innovation_id)
        return cleaned


@admin.register(CriterionScore)
class CriterionScoreAdmin(SimpleHistoryAdmin):
    form = CriterionScoreForm
    list_display = ["criterion", "score", "assessment"]
    list_filter = ["score", "criterion__kind"]
    list_select_related = [
        "criterion",
        "assessment__adoption__innovation",
        "assessment__adoption__adopting_site",
    ]
    search_fields = [
        "criterion__name",
        "assessment__adoption__innovation__name",
        "assessment__adoption__adopting_site__name",
    ]
    autocomplete_fields = ["assessment", "criterion"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record_must_have_score(obj.assessment, actor=request.user)

    def delete_model(self, request, obj):
        assessment = obj.assessment
        super().delete_model(request, obj)
        record_must_have_score(assessment, actor=request.user)


class CriterionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        kind = "must-have" if obj.is_must_have else "adaptable"
        return f"{obj.innovation.name}: {obj.name} ({kind})"


class AdaptationForm(forms.ModelForm):
    criteria = CriterionChoiceField(
        queryset=FidelityCriterion.objects.select_related("innovation"),
        required=False,
        label="Criteria it touches",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Adaptation
        fields = "__all__"  # noqa: DJ007 - the admin chooses what is shown

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.adoption_id and "criteria" in self.fields:
            self.fields["criteria"].queryset = FidelityCriterion.objects.select_related(
                "innovation"
            ).filter(innovation_id=self.instance.adoption.innovation_id)

    def clean(self):
        cleaned = super().clean()
        adoption = cleaned.get("adoption")
        check_same_innovation(self, "criteria", adoption and adoption.innovation_id)
        return cleaned


@admin.register(Adaptation)
class AdaptationAdmin(SimpleHistoryAdmin):
    form = AdaptationForm
    list_display = [
        "title",
        "adoption",
        "made_on",
        "fidelity_relation",
        "needs_board_decision",
        "decision_status",
    ]
    list_filter = [
        "decision_status",
        "needs_board_decision",
        "fidelity_relation",
        "phase",
        "planning",
        "what_modified",
        ("adoption__innovation", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ADOPTION_NAMES
    search_fields = [
        "title",
        "description",
        "adoption__innovation__name",
        "adoption__adopting_site__name",
    ]
    autocomplete_fields = ["adoption"]
    date_hierarchy = "made_on"
    # The board's decision is recorded through governance.services.adaptation_decide
    # (with its Decision row), or by the lead withdrawing; never typed in here.
    readonly_fields = [
        "logged_by",
        "created_at",
        "needs_board_decision",
        "decision_status",
        "decision_rationale",
        "decided_at",
    ]
    fieldsets = [
        (None, {"fields": ["adoption", "title", "description", "made_on", "criteria"]}),
        (
            "FRAME coding",
            {
                "fields": [
                    "phase",
                    "planning",
                    "decided_by",
                    "what_modified",
                    "level_of_delivery",
                    "modification_type",
                    "fidelity_relation",
                    "goal",
                ]
            },
        ),
        (
            "Reasons",
            {
                "fields": [
                    "reasons_sociopolitical",
                    "reasons_organisation",
                    "reasons_provider",
                    "reasons_recipient",
                ]
            },
        ),
        (
            "Board decision",
            {
                "fields": [
                    "needs_board_decision",
                    "decision_status",
                    "decision_rationale",
                    "decided_at",
                ]
            },
        ),
        (None, {"fields": ["logged_by", "created_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.list_select_related)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.logged_by = request.user
        super().save_model(request, obj, form, change)


class ProgrammeForm(forms.ModelForm):
    adoptions = forms.ModelMultipleChoiceField(
        queryset=Adoption.objects.select_related("innovation", "adopting_site"),
        required=False,
        help_text=(
            "The site's adoptions run as this programme. Each is then overseen by the "
            "programme's shared board, if it has one."
        ),
    )

    class Meta:
        model = Programme
        fields = ["site", "name", "description", "board"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["adoptions"].initial = list(self.instance.adoptions.all())
            self.fields["adoptions"].queryset = self.fields["adoptions"].queryset.filter(
                adopting_site=self.instance.site
            )

    def clean(self):
        cleaned = super().clean()
        site = cleaned.get("site")
        elsewhere = [
            a
            for a in cleaned.get("adoptions") or []
            if a.adopting_site_id != getattr(site, "pk", None)
        ]
        if site and elsewhere:
            self.add_error(
                "adoptions", f"{elsewhere[0]} is not at {site}: a programme runs at one site."
            )
        return cleaned


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    form = ProgrammeForm
    list_display = ["name", "site", "board"]
    list_select_related = ["site", "board"]
    search_fields = ["name", "site__name"]
    autocomplete_fields = ["site"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        from .services import programme_adoptions_set

        programme_adoptions_set(
            actor=request.user, programme=form.instance, adoptions=form.cleaned_data["adoptions"]
        )


@admin.register(MustHaveConflict)
class MustHaveConflictAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "programme", "status", "recorded_at"]
    list_filter = ["status"]
    list_select_related = ["programme__site", "first_criterion", "second_criterion"]
    readonly_fields = ["recorded_by", "recorded_at", "resolved_at"]
    raw_id_fields = ["first_criterion", "second_criterion"]

    def has_add_permission(self, request):
        # Leads record conflicts on the programme's page, which names who recorded it.
        return False


@admin.register(Accreditation)
class AccreditationAdmin(SimpleHistoryAdmin):
    list_display = ["standard", "awarding_body", "adoption", "status", "expires_on"]
    list_filter = ["status", "kind"]
    list_select_related = ["adoption__innovation", "adoption__adopting_site"]
    search_fields = ["standard", "awarding_body", "adoption__adopting_site__name"]
    raw_id_fields = ["adoption"]
