"""The sub-pages of an adoption's journey: partnerships, the innovation, the context,
readiness, the stage and milestones.

Everyone who may see the adoption may look at these pages; changing them is for the
adoption's team (lead and contributors), and the stage and partner sites for the
lead only. Someone who may not see the adoption gets a 404; someone who may see but
not change it gets a 403 when they post, or open a page that is only a form.
Directory admins see every adoption but edit none: the record is the team's.
"""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from .. import services
from ..forms import (
    AdoptionPartnershipForm,
    AdoptionTeamNotesForm,
    ContextFactorForm,
    MilestoneForm,
    PersonnelExchangeForm,
    ReadinessItemForm,
    ReadinessStatusForm,
    StageChangeForm,
)
from ..models import ContextFactor, Milestone, PersonnelExchange, ReadinessItem, Stage
from ..selectors import (
    active_criteria,
    adoption_people,
    context_factors_by_domain,
    days_in_each_stage,
    milestones_by_stage,
    personnel_exchanges_for,
    readiness_items_by_area,
    stage_periods,
)
from .mixins import AdoptionMixin

EDIT = "adoptadapt_sites.change_adoption"
LEAD_EDIT_PARTNERSHIPS = "adoptadapt_sites.change_adoption_partnerships"
LEAD_EDIT_STAGE = "adoptadapt_sites.change_adoption_stage"


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            target = field if field in form.fields else None
            for message in field_errors:
                form.add_error(target, message)
    else:
        form.add_error(None, error)


class AdoptionPageMixin(AdoptionMixin):
    """The adoption the page belongs to, and whether this person may change it."""

    edit_permission = EDIT
    # A page that is only a form (add, edit, delete) needs the permission to open it.
    form_only = False
    section = ""

    def dispatch(self, request, *args, **kwargs):
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            return self.http_method_not_allowed(request, *args, **kwargs)
        self.can_edit = request.user.has_perm(self.edit_permission, self.adoption)
        if (method == "post" or self.form_only) and not self.can_edit:
            raise PermissionDenied("Only the adoption's team can change this.")
        return super().dispatch(request, *args, **kwargs)

    def adoption_url(self, name: str) -> str:
        return reverse(f"adoptions:{name}", kwargs={"pk": self.adoption.pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(can_edit=self.can_edit, section=self.section)
        return context


class JourneyFormMixin(AdoptionPageMixin):
    """A form whose valid data goes to a service; a refusal re-displays the form."""

    success_message = ""
    success_section = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["adoption"] = self.adoption
        return kwargs

    def form_valid(self, form):
        try:
            self.save(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.adoption_url(self.success_section or self.section)

    def save(self, form):  # pragma: no cover - every subclass defines it
        raise NotImplementedError


class RowMixin:
    """A row of the adoption's journey (an exchange, a factor...) named in the URL."""

    model: type[Model]

    def get_row(self):
        if not hasattr(self, "_row"):
            self._row = get_object_or_404(
                self.model, adoption=self.adoption, pk=self.kwargs["item"]
            )
        return self._row

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_row()
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(row=self.get_row(), **kwargs)


class RowDeleteView(RowMixin, AdoptionPageMixin, TemplateView):
    """A confirmation page; the POST deletes the row through its service."""

    form_only = True
    template_name = "sites/adoption_row_confirm_delete.html"
    noun = ""
    delete_service = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(noun=self.noun, cancel_url=self.adoption_url(self.section))
        return context

    def post(self, request, *args, **kwargs):
        row = self.get_row()
        type(self).delete_service(actor=request.user, **{self.service_arg: row})
        messages.success(request, f"The {self.noun} “{row}” has been deleted.")
        return HttpResponseRedirect(self.adoption_url(self.section))


def _model_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


# --- Partnerships and shared personnel ---------------------------------------------


class PartnershipsView(AdoptionPageMixin, FormView):
    """Who the adoption works with; the lead names the partner and support sites."""

    template_name = "sites/adoption_partnerships.html"
    form_class = AdoptionPartnershipForm
    adoption_related = ("partner_site", "support_organisation", "board")
    edit_permission = LEAD_EDIT_PARTNERSHIPS
    section = "partnerships"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = copy.copy(self.adoption)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.can_edit:
            context.pop("form", None)
        context.update(
            people=adoption_people(self.adoption),
            exchanges=personnel_exchanges_for(self.adoption),
            can_edit_exchanges=self.request.user.has_perm(EDIT, self.adoption),
        )
        return context

    def form_valid(self, form):
        try:
            services.adoption_partnership_update(
                actor=self.request.user,
                adoption=self.adoption,
                partner_site=form.cleaned_data["partner_site"],
                support_organisation=form.cleaned_data["support_organisation"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "The partnerships have been saved.")
        return HttpResponseRedirect(self.adoption_url("partnerships"))


class ExchangeCreateView(JourneyFormMixin, FormView):
    form_only = True
    template_name = "sites/personnelexchange_form.html"
    form_class = PersonnelExchangeForm
    section = "partnerships"
    success_message = "The personnel exchange has been added."

    def save(self, form):
        services.personnel_exchange_create(
            actor=self.request.user, adoption=self.adoption, **_model_fields(form)
        )


class ExchangeUpdateView(RowMixin, JourneyFormMixin, FormView):
    form_only = True
    template_name = "sites/personnelexchange_form.html"
    form_class = PersonnelExchangeForm
    model = PersonnelExchange
    section = "partnerships"
    success_message = "The personnel exchange has been saved."

    def save(self, form):
        services.personnel_exchange_update(
            actor=self.request.user, exchange=self.get_row(), **_model_fields(form)
        )


class ExchangeDeleteView(RowDeleteView):
    model = PersonnelExchange
    section = "partnerships"
    noun = "personnel exchange"
    delete_service = services.personnel_exchange_delete
    service_arg = "exchange"


# --- Understand the innovation -----------------------------------------------------


class InnovationView(AdoptionPageMixin, FormView):
    """The directory's must-haves and adaptable periphery, and the team's own notes."""

    template_name = "sites/adoption_innovation.html"
    form_class = AdoptionTeamNotesForm
    section = "innovation"

    def get_initial(self):
        return {"team_notes": self.adoption.team_notes}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.can_edit:
            context.pop("form", None)
        criteria = active_criteria(self.adoption)
        context.update(
            must_haves=[c for c in criteria if c.is_must_have],
            adaptables=[c for c in criteria if not c.is_must_have],
            innovation=self.adoption.innovation,
        )
        return context

    def form_valid(self, form):
        services.adoption_team_notes_update(
            actor=self.request.user,
            adoption=self.adoption,
            team_notes=form.cleaned_data["team_notes"],
        )
        messages.success(self.request, "Your notes have been saved.")
        return HttpResponseRedirect(self.adoption_url("innovation"))


# --- Understand the new context: diagnosis -----------------------------------------


class ContextView(AdoptionPageMixin, TemplateView):
    template_name = "sites/adoption_context.html"
    adoption_related = ("partner_site",)
    section = "context"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        domains = context_factors_by_domain(self.adoption)
        context.update(
            domains=domains,
            factor_count=sum(len(rows) for _d, _l, rows in domains),
            domains_covered=sum(1 for _d, _l, rows in domains if rows),
        )
        return context


class ContextFactorCreateView(JourneyFormMixin, FormView):
    form_only = True
    template_name = "sites/contextfactor_form.html"
    form_class = ContextFactorForm
    section = "context"
    success_message = "The context factor has been added."

    def get_initial(self):
        domain = self.request.GET.get("domain")
        return {"domain": domain} if domain in ContextFactor.Domain.values else {}

    def save(self, form):
        services.context_factor_create(
            actor=self.request.user, adoption=self.adoption, **_model_fields(form)
        )


class ContextFactorUpdateView(RowMixin, JourneyFormMixin, FormView):
    form_only = True
    template_name = "sites/contextfactor_form.html"
    form_class = ContextFactorForm
    model = ContextFactor
    section = "context"
    success_message = "The context factor has been saved."

    def save(self, form):
        services.context_factor_update(
            actor=self.request.user, factor=self.get_row(), **_model_fields(form)
        )


class ContextFactorDeleteView(RowDeleteView):
    model = ContextFactor
    section = "context"
    noun = "context factor"
    delete_service = services.context_factor_delete
    service_arg = "factor"


# --- Understand the new context: readiness -----------------------------------------


class ReadinessView(AdoptionPageMixin, TemplateView):
    template_name = "sites/adoption_readiness.html"
    section = "readiness"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        areas = readiness_items_by_area(self.adoption)
        items = [item for _a, _l, rows in areas for item in rows]
        context.update(
            areas=areas,
            item_count=len(items),
            done_count=sum(1 for item in items if item.status == ReadinessItem.Status.DONE),
        )
        return context


class ReadinessItemCreateView(JourneyFormMixin, FormView):
    form_only = True
    template_name = "sites/readinessitem_form.html"
    form_class = ReadinessItemForm
    section = "readiness"
    success_message = "The readiness item has been added."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("adoption")
        return kwargs

    def get_initial(self):
        area = self.request.GET.get("area")
        initial = {"status": ReadinessItem.Status.NOT_STARTED}
        if area in ReadinessItem.Area.values:
            initial["area"] = area
        return initial

    def save(self, form):
        services.readiness_item_create(
            actor=self.request.user, adoption=self.adoption, **_model_fields(form)
        )


class ReadinessItemUpdateView(RowMixin, JourneyFormMixin, FormView):
    form_only = True
    template_name = "sites/readinessitem_form.html"
    form_class = ReadinessItemForm
    model = ReadinessItem
    section = "readiness"
    success_message = "The readiness item has been saved."

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("adoption")
        return kwargs

    def save(self, form):
        services.readiness_item_update(
            actor=self.request.user, item=self.get_row(), **_model_fields(form)
        )


class ReadinessItemStatusView(RowMixin, AdoptionPageMixin, View):
    """The quick status change from the checklist: POST only."""

    model = ReadinessItem
    section = "readiness"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = self.get_row()
        form = ReadinessStatusForm(request.POST)
        if form.is_valid():
            services.readiness_item_status_set(
                actor=request.user, item=item, status=form.cleaned_data["status"]
            )
            label = ReadinessItem.Status(form.cleaned_data["status"]).label.lower()
            messages.success(request, f"“{item}” is now {label}.")
        else:
            messages.error(request, f"Select a status for “{item}”.")
        return HttpResponseRedirect(self.adoption_url("readiness") + f"#item-{item.pk}")


class ReadinessItemDeleteView(RowDeleteView):
    model = ReadinessItem
    section = "readiness"
    noun = "readiness item"
    delete_service = services.readiness_item_delete
    service_arg = "item"


# --- Stage -------------------------------------------------------------------------


class StageView(AdoptionPageMixin, FormView):
    """The stage history; the lead moves the adoption on, dated and with a note."""

    template_name = "sites/stagechange_form.html"
    form_class = StageChangeForm
    edit_permission = LEAD_EDIT_STAGE
    section = "stage"

    def get_changes(self):
        if not hasattr(self, "_changes"):
            self._changes = list(self.adoption.stage_changes.select_related("changed_by"))
        return self._changes

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        changes = self.get_changes()
        kwargs.update(
            adoption=self.adoption,
            last_changed_on=max((c.changed_on for c in changes), default=None),
        )
        return kwargs

    def get_initial(self):
        return {"changed_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.can_edit:
            context.pop("form", None)
        periods = stage_periods(self.get_changes(), today=timezone.localdate())
        context.update(
            periods=list(reversed(periods)),
            stage_totals=days_in_each_stage(periods),
        )
        return context

    def form_valid(self, form):
        try:
            services.adoption_stage_change(
                actor=self.request.user,
                adoption=self.adoption,
                stage=form.cleaned_data["stage"],
                changed_on=form.cleaned_data["changed_on"],
                note=form.cleaned_data["note"].strip(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        stage = Stage(form.cleaned_data["stage"]).label.lower()
        messages.success(self.request, f"The adoption has moved to {stage}.")
        return HttpResponseRedirect(self.adoption.get_absolute_url())


# --- Milestones --------------------------------------------------------------------


class MilestonesView(AdoptionPageMixin, TemplateView):
    template_name = "sites/adoption_milestones.html"
    section = "milestones"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        milestones = list(self.adoption.milestones.order_by("position", "due_on", "id"))
        context.update(
            groups=milestones_by_stage(milestones),
            milestone_count=len(milestones),
            completed_count=sum(1 for m in milestones if m.is_complete),
            today=timezone.localdate(),
        )
        return context


class MilestoneCreateView(JourneyFormMixin, FormView):
    form_only = True
    template_name = "sites/milestone_form.html"
    form_class = MilestoneForm
    section = "milestones"
    success_message = "The milestone has been added."

    def save(self, form):
        services.milestone_create(
            actor=self.request.user, adoption=self.adoption, **_model_fields(form)
        )


class MilestoneUpdateView(RowMixin, JourneyFormMixin, FormView):
    form_only = True
    template_name = "sites/milestone_form.html"
    form_class = MilestoneForm
    model = Milestone
    section = "milestones"
    success_message = "The milestone has been saved."

    def save(self, form):
        services.milestone_update(
            actor=self.request.user, milestone=self.get_row(), **_model_fields(form)
        )


class MilestoneCompleteView(RowMixin, AdoptionPageMixin, View):
    """Mark a milestone activity done today: POST only."""

    model = Milestone
    section = "milestones"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        milestone = services.milestone_complete(
            actor=request.user, milestone=self.get_row(), completed_on=timezone.localdate()
        )
        messages.success(
            request, f"“{milestone}” was completed on {milestone.completed_on:%-d %B %Y}."
        )
        return HttpResponseRedirect(self.adoption_url("milestones"))


class MilestoneDeleteView(RowDeleteView):
    model = Milestone
    section = "milestones"
    noun = "milestone"
    delete_service = services.milestone_delete
    service_arg = "milestone"
