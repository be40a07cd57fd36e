"""The adaptations log of one adoption: the list with its filters, one adaptation,
logging a new one, and the lead withdrawing a proposal.

Anyone who may see the adoption reads the log; the lead and contributors log
adaptations; only the lead withdraws one, and only while it is proposed.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView, View

from accounts.rules import is_directory_admin
from innovations.forms import PromoteAdaptationForm
from innovations.models import FidelityCriterion
from innovations.services import innovation_promote_adaptation, promotion_initial

from ..filters import AdaptationFilter
from ..forms import AdaptationForm
from ..models import Adaptation
from ..rules import is_adoption_lead
from ..selectors import adaptation_detail_queryset, adaptations_with_board_decision
from ..services import adaptation_log, adaptation_withdraw
from .journey import add_service_errors
from .mixins import AdoptionMixin


class AdaptationListView(AdoptionMixin, ListView):
    """Adaptations newest first, filtered by GET parameters the URL keeps."""

    template_name = "sites/adaptation_list.html"
    context_object_name = "adaptations"
    paginate_by = 20

    def get_queryset(self):
        self.filterset = AdaptationFilter(
            self.request.GET or None,
            queryset=adaptations_with_board_decision(self.adoption),
            adoption=self.adoption,
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter=self.filterset,
            filter_query=query.urlencode(),
            can_log=self.request.user.has_perm("adoptadapt_sites.add_adaptation", self.adoption),
            **kwargs,
        )


class AdaptationDetailView(AdoptionMixin, DetailView):
    template_name = "sites/adaptation_detail.html"
    context_object_name = "adaptation"
    pk_url_kwarg = "adaptation_pk"

    def get_queryset(self):
        return adaptation_detail_queryset(self.adoption).select_related("promoted_to")

    def get_context_data(self, **kwargs):
        criteria = list(self.object.criteria.all())
        return super().get_context_data(
            must_haves=[c for c in criteria if c.is_must_have],
            adaptables=[c for c in criteria if not c.is_must_have],
            can_withdraw=self.object.decision_status == Adaptation.DecisionStatus.PROPOSED
            and is_adoption_lead(self.request.user, self.adoption),
            can_promote=is_directory_admin(self.request.user),
            **kwargs,
        )


class AdaptationCreateView(AdoptionMixin, FormView):
    """Log an adaptation; a viewer who may see the adoption but not edit it gets a 403."""

    template_name = "sites/adaptation_form.html"
    form_class = AdaptationForm
    adoption_related = ("board",)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            "adoptadapt_sites.add_adaptation", self.adoption
        ):
            raise PermissionDenied("Only the project lead and contributors log adaptations.")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["criteria"] = list(
            FidelityCriterion.objects.filter(
                innovation_id=self.adoption.innovation_id, retired_at__isnull=True
            ).order_by("position", "id")
        )
        return kwargs

    def form_valid(self, form):
        try:
            adaptation = adaptation_log(
                actor=self.request.user,
                adoption=self.adoption,
                criteria=form.chosen_criteria,
                **form.frame_fields,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if adaptation.awaiting_decision:
            why = []
            if any(c.is_must_have for c in form.chosen_criteria):
                why.append("touches a must-have")
            if adaptation.fidelity_relation == Adaptation.FidelityRelation.INCONSISTENT:
                why.append("is fidelity-inconsistent")
            messages.success(
                self.request,
                f"Adaptation logged. It {' and '.join(why)}, so it is awaiting a decision "
                "from the governance board.",
            )
        else:
            messages.success(self.request, "Adaptation logged and recorded as approved.")
        return redirect(
            "adoptions:adaptation_detail", pk=self.adoption.pk, adaptation_pk=adaptation.pk
        )


@method_decorator(require_POST, name="dispatch")
class AdaptationWithdrawView(AdoptionMixin, View):
    """The lead withdraws a proposal the board has not decided; POST only."""

    def post(self, request, *args, **kwargs):
        adaptation = get_object_or_404(
            Adaptation.objects.filter(adoption=self.adoption), pk=kwargs["adaptation_pk"]
        )
        if not is_adoption_lead(request.user, self.adoption):
            raise PermissionDenied("Only the project lead can withdraw an adaptation.")
        # No text box sends a NUL character and PostgreSQL cannot store one (a server
        # error): it is dropped, as the reason is read here without a form to refuse it.
        reason = request.POST.get("reason", "").replace("\x00", "")[:2000]
        try:
            adaptation_withdraw(actor=request.user, adaptation=adaptation, reason=reason)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"“{adaptation.title}” has been withdrawn. The board will not decide it."
            )
        return redirect(
            "adoptions:adaptation_detail", pk=self.adoption.pk, adaptation_pk=adaptation.pk
        )


class AdaptationPromoteView(AdoptionMixin, FormView):
    """A directory admin turns an adaptation into a new directory entry (a draft) that
    keeps the link back to the adaptation and to the innovation it came from."""

    template_name = "sites/adaptation_promote.html"
    form_class = PromoteAdaptationForm

    def dispatch(self, request, *args, **kwargs):
        self.adaptation = get_object_or_404(
            Adaptation.objects.filter(adoption=self.adoption).select_related("promoted_to"),
            pk=kwargs["adaptation_pk"],
        )
        if not is_directory_admin(request.user):
            raise PermissionDenied("Only directory admins add entries to the directory.")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return promotion_initial(self.adaptation)

    def get_context_data(self, **kwargs):
        promoted = getattr(self.adaptation, "promoted_to", None)
        return super().get_context_data(adaptation=self.adaptation, promoted=promoted, **kwargs)

    def form_valid(self, form):
        try:
            innovation = innovation_promote_adaptation(
                actor=self.request.user, adaptation=self.adaptation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"“{innovation.name}” has been added to the directory as a draft, adapted from "
            f"{self.adoption.innovation.name}. Check its must-haves before publishing it.",
        )
        return redirect(innovation.get_absolute_url())
