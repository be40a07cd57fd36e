"""Fidelity assessments of one adoption: the history with its trend, one assessment,
and the form that records a new one.

Anyone who may see the adoption reads these pages; the lead, contributors and the
originating partner record assessments. Someone who may not see the adoption gets
a 404, so the page does not reveal that it exists.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.views.generic import DetailView, FormView, ListView

from innovations.models import FidelityCriterion

from ..forms import FidelityAssessmentForm
from ..models import AdoptionRole
from ..selectors import (
    fidelity_assessment_detail_queryset,
    fidelity_assessments,
    fidelity_trend,
)
from ..services import fidelity_assessment_record
from .mixins import AdoptionMixin

TREND_ASSESSMENTS = 6


class FidelityAssessmentListView(AdoptionMixin, ListView):
    """The assessment history, newest first, and each criterion's trend."""

    template_name = "sites/fidelityassessment_list.html"
    context_object_name = "assessments"
    paginate_by = 25

    def get_queryset(self):
        return fidelity_assessments(self.adoption)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            trend=fidelity_trend(self.adoption, last=TREND_ASSESSMENTS),
            trend_size=TREND_ASSESSMENTS,
            can_assess=user.has_perm("adoptadapt_sites.add_fidelityassessment", self.adoption),
            **kwargs,
        )


class FidelityAssessmentDetailView(AdoptionMixin, DetailView):
    template_name = "sites/fidelityassessment_detail.html"
    context_object_name = "assessment"
    pk_url_kwarg = "assessment_pk"

    def get_queryset(self):
        return fidelity_assessment_detail_queryset(self.adoption)

    def get_context_data(self, **kwargs):
        scores = list(self.object.scores.all())
        return super().get_context_data(
            must_have_scores=[s for s in scores if s.criterion.is_must_have],
            adaptable_scores=[s for s in scores if not s.criterion.is_must_have],
            **kwargs,
        )


class FidelityAssessmentCreateView(AdoptionMixin, FormView):
    """Record an assessment; a viewer who may see the adoption but not assess gets a 403."""

    template_name = "sites/fidelityassessment_form.html"
    form_class = FidelityAssessmentForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            "adoptadapt_sites.add_fidelityassessment", self.adoption
        ):
            raise PermissionDenied("Only the project team and the originating partner assess.")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["criteria"] = FidelityCriterion.objects.filter(
            innovation_id=self.adoption.innovation_id, retired_at__isnull=True
        )
        kwargs["people"] = (
            AdoptionRole.objects.filter(adoption=self.adoption)
            .select_related("user__organisation")
            .order_by("role", "user__first_name", "user__last_name")
        )
        kwargs["actor"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            assessment = fidelity_assessment_record(
                actor=self.request.user,
                adoption=self.adoption,
                assessed_on=form.cleaned_data["assessed_on"],
                method=form.cleaned_data["method"],
                scores=form.scores,
                summary=form.cleaned_data["summary"].strip(),
                co_assessors=form.chosen_co_assessors,
            )
        except ValidationError as error:
            # A criterion retired or added while the form was open, for example.
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        score = assessment.must_have_score
        if score is None:
            messages.success(self.request, "Assessment saved. No must-have was assessed.")
        else:
            messages.success(
                self.request,
                f"Assessment saved. Must-have score {score}%: {assessment.band.label.lower()} "
                "fidelity.",
            )
        return redirect(
            "adoptions:assessment_detail", pk=self.adoption.pk, assessment_pk=assessment.pk
        )
