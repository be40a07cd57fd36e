"""Query-string filters for the API's lists. They narrow what the caller may already
see; they never widen it (every view's queryset starts from `visible_to`)."""

from django import forms
from django_filters import rest_framework as filters

from innovations.models import Innovation
from sites.models import Adaptation, Adoption, FidelityAssessment, ProgressUpdate, Rag, Site, Stage


class IdFilter(filters.NumberFilter):
    """A whole-number id that fits the database's id column; anything else is a 400,
    where a number too large would otherwise overflow the query."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=2**63 - 1, **kwargs)


def _slug(field_name: str, help_text: str) -> filters.CharFilter:
    return filters.CharFilter(field_name=field_name, help_text=help_text)


def _on_or_after(field_name: str, what: str) -> filters.DateFilter:
    return filters.DateFilter(
        field_name=field_name,
        lookup_expr="gte",
        help_text=f"Only those {what} on or after this date (YYYY-MM-DD).",
    )


def _on_or_before(field_name: str, what: str) -> filters.DateFilter:
    return filters.DateFilter(
        field_name=field_name,
        lookup_expr="lte",
        help_text=f"Only those {what} on or before this date (YYYY-MM-DD).",
    )


class InnovationFilter(filters.FilterSet):
    status = filters.ChoiceFilter(
        choices=Innovation.Status.choices,
        help_text="Only entries with this publication status (drafts and archive: admins).",
    )
    evidence_level = filters.ChoiceFilter(
        choices=Innovation.EvidenceLevel.choices,
        help_text="Only innovations with this level of evidence.",
    )
    originating_site = _slug(
        "originating_site__slug", "Only innovations that started at this organisation (slug)."
    )
    theme = _slug("themes__slug", "Only innovations listed under this theme (slug).")

    class Meta:
        model = Innovation
        fields = ["status", "evidence_level", "originating_site", "theme"]


class SiteFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(
        choices=Site.Kind.choices, help_text="Only organisations of this kind."
    )
    region = filters.ChoiceFilter(
        choices=Site.Region.choices, help_text="Only organisations in this region or nation."
    )

    class Meta:
        model = Site
        fields = ["kind", "region"]


class AdoptionFilter(filters.FilterSet):
    innovation = _slug("innovation__slug", "Only adoptions of this innovation (slug).")
    site = _slug("adopting_site__slug", "Only adoptions at this adopting organisation (slug).")
    board = _slug("board__slug", "Only adoptions overseen by this governance board (slug).")
    stage = filters.MultipleChoiceFilter(
        choices=Stage.choices, help_text="Only adoptions now in this stage (repeat for several)."
    )
    started_from = _on_or_after("started_on", "adoptions started")
    started_to = _on_or_before("started_on", "adoptions started")

    class Meta:
        model = Adoption
        fields = ["innovation", "site", "board", "stage", "started_from", "started_to"]


class _AdoptionRecordFilter(filters.FilterSet):
    """Filters every record logged against an adoption shares."""

    adoption = IdFilter(field_name="adoption_id", help_text="Only those of this adoption (id).")
    innovation = _slug("adoption__innovation__slug", "Only those about this innovation (slug).")
    site = _slug("adoption__adopting_site__slug", "Only those at this adopting site (slug).")
    board = _slug("adoption__board__slug", "Only those of adoptions this board oversees (slug).")
    stage = filters.MultipleChoiceFilter(
        field_name="adoption__stage",
        choices=Stage.choices,
        help_text="Only those of adoptions now in this stage (repeat for several).",
    )


class ProgressUpdateFilter(_AdoptionRecordFilter):
    period_from = _on_or_after("period", "updates for months starting")
    period_to = _on_or_before("period", "updates for months starting")
    rag = filters.MultipleChoiceFilter(
        choices=Rag.choices, help_text="Only updates with this RAG status (repeat for several)."
    )
    status = filters.MultipleChoiceFilter(
        choices=[c for c in ProgressUpdate.Status.choices if c[0] != ProgressUpdate.Status.DRAFT],
        help_text="Only updates in this state of review (repeat for several).",
    )

    class Meta:
        model = ProgressUpdate
        fields = ["adoption", "innovation", "site", "board", "stage", "rag", "status"]


class FidelityAssessmentFilter(_AdoptionRecordFilter):
    assessed_from = _on_or_after("assessed_on", "assessments made")
    assessed_to = _on_or_before("assessed_on", "assessments made")
    method = filters.MultipleChoiceFilter(
        choices=FidelityAssessment.Method.choices,
        help_text="Only assessments made this way (repeat for several).",
    )

    class Meta:
        model = FidelityAssessment
        fields = ["adoption", "innovation", "site", "board", "stage", "method"]


class AdaptationFilter(_AdoptionRecordFilter):
    made_from = _on_or_after("made_on", "adaptations made")
    made_to = _on_or_before("made_on", "adaptations made")
    decision_status = filters.MultipleChoiceFilter(
        choices=Adaptation.DecisionStatus.choices,
        help_text="Only adaptations with this board decision status (repeat for several).",
    )
    fidelity_relation = filters.MultipleChoiceFilter(
        choices=Adaptation.FidelityRelation.choices,
        help_text="Only adaptations with this relation to fidelity (repeat for several).",
    )
    needs_board_decision = filters.BooleanFilter(
        help_text="Only adaptations that do (true) or do not (false) need a board decision."
    )

    class Meta:
        model = Adaptation
        fields = [
            "adoption",
            "innovation",
            "site",
            "board",
            "stage",
            "decision_status",
            "fidelity_relation",
            "needs_board_decision",
        ]
