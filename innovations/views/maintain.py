"""Maintaining the directory: directory admins create and edit entries and their lists,
move them through draft → published → archived, and read their change history.

To anyone else these pages do not exist (404), the same as a draft they cannot see;
signed-out visitors are sent to sign in first, as for every page not marked public.
"""

import contextlib
import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import CreateView, FormView, TemplateView, UpdateView

from ..forms import (
    CriteriaFormSet,
    EvidenceSourcesFormSet,
    InnovationForm,
    InnovationStatusForm,
    MetricsFormSet,
    ResourcesFormSet,
)
from ..history import describe_changes, innovation_history
from ..models import Innovation
from ..selectors import innovation_rows_for_editing
from ..services import (
    ALLOWED_MOVES,
    criteria_save,
    evidence_sources_save,
    innovation_create,
    innovation_publish_problems,
    innovation_set_status,
    innovation_update,
    metrics_save,
    resources_save,
)

HISTORY_PAGE_SIZE = 25


class DirectoryAdminRequired:
    """Only directory admins get past dispatch.

    A page about an entry is a 404 to anyone else (as its draft would be); the page
    for adding one is a 403, like the other directory tools (sites, import).
    """

    permission_required = "innovations.change_innovation"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission_required):
            self.refuse()
        return super().dispatch(request, *args, **kwargs)

    def refuse(self):
        raise Http404("No such page.")


class InnovationMaintenance(DirectoryAdminRequired):
    """A page about one entry, fetched from the entries this person may edit."""

    def get_innovation(self) -> Innovation:
        if not hasattr(self, "innovation"):
            self.innovation = get_object_or_404(
                Innovation.objects.editable_by(self.request.user).select_related(
                    "status_changed_by"
                ),
                slug=self.kwargs["slug"],
            )
        return self.innovation

    def get_context_data(self, **kwargs):
        innovation = self.get_innovation()
        return super().get_context_data(
            innovation=innovation,
            active_page=self.active_page,
            maintenance_links=maintenance_links(innovation),
            **kwargs,
        )


def _split_relations(cleaned: dict) -> tuple[dict, list, list]:
    fields = dict(cleaned)
    return fields, list(fields.pop("themes")), list(fields.pop("support_organisations"))


class InnovationCreateView(DirectoryAdminRequired, CreateView):
    permission_required = "innovations.add_innovation"
    model = Innovation

    def refuse(self):
        raise PermissionDenied("Only directory admins can add innovations.")

    form_class = InnovationForm
    template_name = "innovations/innovation_form.html"

    def form_valid(self, form):
        fields, themes, organisations = _split_relations(form.cleaned_data)
        try:
            innovation = innovation_create(
                actor=self.request.user,
                themes=themes,
                support_organisations=organisations,
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"“{innovation.name}” has been added as a draft. "
            "Next, name its must-haves and adaptable parts.",
        )
        return redirect("innovations:criteria", slug=innovation.slug)


class InnovationUpdateView(InnovationMaintenance, UpdateView):
    form_class = InnovationForm
    template_name = "innovations/innovation_form.html"
    context_object_name = "innovation"
    active_page = "edit"

    def get_object(self, queryset=None):
        return self.get_innovation()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # Validation writes the typed values onto the form's instance; the page's
        # heading and links keep using the saved entry.
        kwargs["instance"] = copy.copy(self.object)
        return kwargs

    def form_valid(self, form):
        fields, themes, organisations = _split_relations(form.cleaned_data)
        try:
            innovation = innovation_update(
                actor=self.request.user,
                innovation=self.object,
                themes=themes,
                support_organisations=organisations,
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Your changes to “{innovation.name}” have been saved.")
        return redirect(innovation.get_absolute_url())


class RowsEditView(InnovationMaintenance, TemplateView):
    """One of an entry's lists as rows to add, change, reorder, retire or delete.

    Everything works without JavaScript: "Add another" posts what has been typed and
    shows it again with one more blank row; "Bring back" saves the rows and returns
    a retired one to the list.
    """

    formset_class = None
    service = None  # e.g. criteria_save
    related_name = ""
    retirable = False
    noun = ""
    noun_plural = ""
    prefix = "rows"

    def rows(self, *, retired: bool):
        return innovation_rows_for_editing(
            self.get_innovation(), self.related_name, retired=retired
        )

    def get_formset(self, data=None):
        retired = list(self.rows(retired=True)) if self.retirable else []
        formset = self.formset_class(
            data,
            instance=self.get_innovation(),
            queryset=self.rows(retired=False),
            prefix=self.prefix,
            other_names=[row.name for row in retired],
        )
        if data is None and not formset.get_queryset():
            formset.extra = 1
        return formset, retired

    def get(self, request, *args, **kwargs):
        formset, retired = self.get_formset()
        return self.render(formset, retired)

    def post(self, request, *args, **kwargs):
        if "add" in request.POST:
            return self.add_row()
        formset, retired = self.get_formset(request.POST)
        if not formset.is_valid():
            return self.render(formset, retired)
        restore = []
        if self.retirable and "bring_back" in request.POST:
            wanted = request.POST["bring_back"]
            restore = [row.pk for row in retired if str(row.pk) == wanted]
            if not restore:
                raise Http404("That item is not retired.")
        try:
            result = self.save_rows(formset, restore)
        except ValidationError as error:
            return self.render(formset, retired, problems=error.messages)
        messages.success(self.request, f"{self.noun_plural.capitalize()} saved: {result}.")
        return redirect(request.path)

    def save_rows(self, formset, restore):
        kwargs = {"restore": restore} if self.retirable else {}
        return self.service(
            actor=self.request.user,
            innovation=self.get_innovation(),
            rows=formset.row_changes(),
            **kwargs,
        )

    def add_row(self):
        data = self.request.POST.copy()
        total = f"{self.prefix}-TOTAL_FORMS"
        # A broken count is left for the formset to report as a broken management form;
        # a negative one counts as none (it left no row to add to: a server error).
        with contextlib.suppress(ValueError):
            data[total] = str(max(int(data.get(total, "0")), 0) + 1)
        formset, retired = self.get_formset(data)
        if formset.is_bound and formset.management_form.is_valid():
            new_row = formset.forms[-1]
            new_row.fields[new_row.name_field].widget.attrs["autofocus"] = True
            # Not saving yet: show what was typed without judging it.
            for form in formset.forms:
                form.helper.form_show_errors = False
            return self.render(formset, retired, show_errors=False)
        return self.render(formset, retired)

    def render(self, formset, retired, *, show_errors=True, problems=()):
        return self.render_to_response(
            self.get_context_data(
                formset=formset,
                retired=retired,
                has_errors=show_errors
                and (bool(problems) or (formset.is_bound and not formset.is_valid())),
                problems=problems,
                noun=self.noun,
                noun_plural=self.noun_plural,
                retirable=self.retirable,
            )
        )


class CriteriaEditView(RowsEditView):
    formset_class = CriteriaFormSet
    service = staticmethod(criteria_save)
    related_name = "criteria"
    retirable = True
    noun = "criterion"
    noun_plural = "must-haves and adaptable parts"
    template_name = "innovations/innovation_criteria_form.html"
    active_page = "criteria"


class MetricsEditView(RowsEditView):
    formset_class = MetricsFormSet
    service = staticmethod(metrics_save)
    related_name = "metrics"
    retirable = True
    noun = "metric"
    noun_plural = "outcome metrics"
    template_name = "innovations/innovation_metrics_form.html"
    active_page = "metrics"


class EvidenceEditView(RowsEditView):
    formset_class = EvidenceSourcesFormSet
    service = staticmethod(evidence_sources_save)
    related_name = "evidence_sources"
    noun = "evidence source"
    noun_plural = "evidence sources"
    template_name = "innovations/innovation_evidence_form.html"
    active_page = "evidence"


class ResourcesEditView(RowsEditView):
    formset_class = ResourcesFormSet
    service = staticmethod(resources_save)
    related_name = "resources"
    noun = "resource"
    noun_plural = "resources"
    template_name = "innovations/innovation_resources_form.html"
    active_page = "resources"


class InnovationStatusView(InnovationMaintenance, FormView):
    form_class = InnovationStatusForm
    template_name = "innovations/innovation_status_form.html"
    active_page = "status"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "innovation": self.get_innovation()}

    def get_context_data(self, **kwargs):
        innovation = self.get_innovation()
        can_publish = Innovation.Status.PUBLISHED in ALLOWED_MOVES[innovation.status]
        return super().get_context_data(
            publish_problems=innovation_publish_problems(innovation) if can_publish else [],
            **kwargs,
        )

    def form_valid(self, form):
        try:
            innovation = innovation_set_status(
                actor=self.request.user,
                innovation=self.get_innovation(),
                status=form.cleaned_data["status"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("status", message)
            return self.form_invalid(form)
        done = {
            Innovation.Status.PUBLISHED: "is now published: anyone can find it in the directory",
            Innovation.Status.ARCHIVED: "is now archived and no longer in the public directory",
            Innovation.Status.DRAFT: "is a draft again: only directory admins can see it",
        }[innovation.status]
        messages.success(self.request, f"“{innovation.name}” {done}.")
        return redirect(innovation.get_absolute_url())


class InnovationHistoryView(InnovationMaintenance, TemplateView):
    template_name = "innovations/innovation_history.html"
    active_page = "history"

    def get_context_data(self, **kwargs):
        page = Paginator(innovation_history(self.get_innovation()), HISTORY_PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        describe_changes(page.object_list)
        return super().get_context_data(page_obj=page, entries=page.object_list, **kwargs)


def maintenance_links(innovation: Innovation) -> list[tuple[str, str, str]]:
    """(page key, label, url) for the "Manage this entry" navigation."""
    pages = [
        ("edit", "Details", "innovations:edit"),
        ("criteria", "Must-haves and adaptable parts", "innovations:criteria"),
        ("metrics", "Outcome metrics", "innovations:metrics"),
        ("evidence", "Evidence sources", "innovations:evidence"),
        ("resources", "Resources", "innovations:resources"),
        ("status", "Publication status", "innovations:status"),
        ("history", "Change history", "innovations:history"),
    ]
    return [
        (key, label, reverse(name, kwargs={"slug": innovation.slug})) for key, label, name in pages
    ]
