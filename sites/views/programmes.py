"""A site's combined programme: its adoptions together, their shared board, one
timeline, and the conflicts between the models' must-haves.

Someone who may see none of the programme's adoptions gets a 404. The leads of its
adoptions record conflicts and their resolutions; everyone else who sees it reads.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.generic import FormView, TemplateView

from adoptadapt.digits import is_digits
from innovations.models import FidelityCriterion

from ..forms import MustHaveConflictForm, MustHaveConflictUpdateForm
from ..models import Adoption, AdoptionRole, MustHaveConflict, Programme
from ..services import must_have_conflict_record, must_have_conflict_update
from ..timeline import combined_timeline
from .journey import add_service_errors

TIMELINE_PAGE_SIZE = 30


class ProgrammeMixin:
    def dispatch(self, request, *args, **kwargs):
        self.programme = get_object_or_404(
            Programme.objects.select_related("site", "board"),
            site__slug=kwargs["slug"],
            pk=kwargs["pk"],
        )
        self.adoptions = list(
            Adoption.objects.visible_to(request.user)
            .filter(programme=self.programme)
            .select_related("innovation", "board")
            .order_by("innovation__name")
        )
        if not self.adoptions:
            raise Http404("No programme you may see is here.")
        self.can_record = AdoptionRole.objects.filter(
            adoption__programme=self.programme, user=request.user, role=AdoptionRole.Role.LEAD
        ).exists()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            programme=self.programme,
            site=self.programme.site,
            adoptions=self.adoptions,
            can_record=self.can_record,
            **kwargs,
        )


class ProgrammeDetailView(ProgrammeMixin, TemplateView):
    template_name = "sites/programme_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Fetch enough of each kind for this page and one more, then page the merge.
        requested = self.request.GET.get("page", "1")
        in_range = is_digits(requested) and 0 < int(requested) <= 1000
        number = int(requested) if in_range else 1
        events = combined_timeline(
            self.adoptions, [self.programme], limit=number * TIMELINE_PAGE_SIZE + 1
        )
        page = Paginator(events, TIMELINE_PAGE_SIZE).get_page(number)
        context.update(
            timeline=page,
            has_older=len(events) > number * TIMELINE_PAGE_SIZE,
            conflicts=self.programme.conflicts.select_related(
                "first_criterion__innovation", "second_criterion__innovation", "recorded_by"
            ),
        )
        return context


class _ConflictFormView(ProgrammeMixin, FormView):
    def get(self, request, *args, **kwargs):
        self._require_lead()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._require_lead()
        return super().post(request, *args, **kwargs)

    def _require_lead(self):
        if not self.can_record:
            raise PermissionDenied("Only the leads of the programme's adoptions record conflicts.")

    def form_valid(self, form):
        try:
            self.save(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.programme.get_absolute_url() + "#conflicts")


class ConflictCreateView(_ConflictFormView):
    template_name = "sites/musthaveconflict_form.html"
    form_class = MustHaveConflictForm
    success_message = "The conflict has been recorded. The board will see it on its dashboard."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["must_haves"] = (
            FidelityCriterion.objects.filter(
                innovation__adoptions__programme=self.programme,
                kind=FidelityCriterion.Kind.MUST_HAVE,
                retired_at__isnull=True,
            )
            .select_related("innovation")
            .order_by("innovation__name", "position", "id")
        )
        return kwargs

    def save(self, form):
        must_have_conflict_record(
            actor=self.request.user, programme=self.programme, **form.cleaned_data
        )


class ConflictUpdateView(_ConflictFormView):
    template_name = "sites/musthaveconflict_form.html"
    form_class = MustHaveConflictUpdateForm
    success_message = "The conflict has been saved."

    def dispatch(self, request, *args, **kwargs):
        self.conflict = get_object_or_404(
            MustHaveConflict.objects.select_related("first_criterion", "second_criterion"),
            programme_id=kwargs["pk"],
            programme__site__slug=kwargs["slug"],
            pk=kwargs["conflict"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        conflict = self.conflict
        return {
            "description": conflict.description,
            "status": conflict.status,
            "resolution": conflict.resolution,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(conflict=self.conflict, **kwargs)

    def save(self, form):
        must_have_conflict_update(
            actor=self.request.user, conflict=self.conflict, **form.cleaned_data
        )
