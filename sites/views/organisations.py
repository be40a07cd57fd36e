"""Organisations: everyone signed in may look them up; directory admins maintain them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from accounts.rules import is_directory_admin

from ..forms import SiteFilter, SiteForm
from ..models import Site
from ..selectors import site_list, site_page
from ..services import site_create, site_update


class SiteListView(FilterView):
    template_name = "sites/site_list.html"
    filterset_class = SiteFilter
    context_object_name = "sites"
    paginate_by = 25

    def get_queryset(self):
        return site_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filtered"] = any(self.request.GET.get(name) for name in ("q", "kind", "region"))
        context["can_add_site"] = is_directory_admin(self.request.user)
        return context


class SiteDetailView(DetailView):
    template_name = "sites/site_detail.html"
    context_object_name = "site"

    def get_queryset(self):
        return Site.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(site_page(self.object, self.request.user))
        context["can_edit_site"] = is_directory_admin(self.request.user)
        return context


class _SiteFormMixin(PermissionRequiredMixin):
    """Only directory admins; anyone else signed in gets a 403 (sites are not secret)."""

    form_class = SiteForm
    template_name = "sites/site_form.html"

    def get_permission_object(self):
        return None

    def _save(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            site = self._save(form)
        except ValidationError as error:
            # Another admin saved a clashing value between validation and saving.
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message.format(site=site))
        return redirect("sites:detail", slug=site.slug)


class SiteCreateView(_SiteFormMixin, CreateView):
    permission_required = "adoptadapt_sites.add_site"
    success_message = "{site.name} has been added."

    def _save(self, form):
        return site_create(actor=self.request.user, **form.cleaned_data)


class SiteUpdateView(_SiteFormMixin, UpdateView):
    permission_required = "adoptadapt_sites.change_site"
    success_message = "{site.name} has been saved."
    context_object_name = "site"

    def get_queryset(self):
        return Site.objects.all()

    def get_object(self, queryset=None):
        site = super().get_object(queryset)
        # The form changes the instance as it validates; headings and links keep these.
        self.saved_name, self.saved_slug = site.name, site.slug
        return site

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            saved_name=self.saved_name, saved_slug=self.saved_slug, **kwargs
        )

    def _save(self, form):
        return site_update(actor=self.request.user, site=self.object, **form.cleaned_data)
