"""The people pages: directory admins see everyone, change or remove roles, and
deactivate accounts. Anyone else gets a 404: the list of people is not theirs to know."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from governance.models import BoardMembership
from governance.services import board_membership_grant
from sites.models import AdoptionRole
from sites.services import adoption_role_grant

from ..forms import ConfirmForm, PeopleSearchForm, RoleChangeForm
from ..models import User
from ..rules import is_directory_admin
from ..selectors import grant_histories, people_list, person_detail_queryset
from ..services import (
    account_deactivate,
    account_reactivate,
    directory_admin_set,
    role_remove,
)


class DirectoryAdminOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_directory_admin(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class PeopleListView(DirectoryAdminOnlyMixin, ListView):
    template_name = "accounts/people_list.html"
    context_object_name = "people"
    paginate_by = 50

    def get_queryset(self):
        self.search = PeopleSearchForm(self.request.GET or None)
        q = self.search.cleaned_data["q"] if self.search.is_valid() else ""
        return people_list(q=q)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "search": self.search,
            "searched": bool(self.request.GET.get("q")),
        }


class PersonDetailView(DirectoryAdminOnlyMixin, DetailView):
    template_name = "accounts/people_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return person_detail_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        histories = grant_histories(self.object)
        context["adoption_roles"] = [
            (grant, histories.get(("adoption", grant.pk)))
            for grant in self.object.adoption_roles.all()
        ]
        context["board_memberships"] = [
            (grant, histories.get(("board", grant.pk)))
            for grant in self.object.board_memberships.all()
        ]
        context["is_self"] = self.object.pk == self.request.user.pk
        return context


GRANT_MODELS = {"adoption": AdoptionRole, "board": BoardMembership}


class _GrantMixin(DirectoryAdminOnlyMixin):
    """One of a person's roles, named by kind ("adoption" or "board") and id."""

    def dispatch(self, request, *args, **kwargs):
        if not is_directory_admin(request.user):
            raise Http404
        model = GRANT_MODELS.get(kwargs["kind"])
        if model is None:
            raise Http404
        self.person = get_object_or_404(User, pk=kwargs["pk"])
        related = "adoption__innovation" if model is AdoptionRole else "board"
        self.grant = get_object_or_404(
            model.objects.select_related(related), pk=kwargs["grant_pk"], user=self.person
        )
        return super(DirectoryAdminOnlyMixin, self).dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "person": self.person, "grant": self.grant}


class PersonRoleRemoveView(_GrantMixin, FormView):
    form_class = ConfirmForm
    template_name = "accounts/people_confirm.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": "Remove role"}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": f"Remove {self.person}’s role?",
            "explanation": f"{self.person} will no longer be {self.grant}. The history of what "
            "they did in this role stays.",
            "warning": True,
        }

    def form_valid(self, form):
        role_remove(actor=self.request.user, grant=self.grant)
        messages.success(self.request, f"Removed: {self.grant}.")
        return redirect("people:detail", pk=self.person.pk)


class PersonRoleChangeView(_GrantMixin, FormView):
    form_class = RoleChangeForm
    template_name = "accounts/people_role_change.html"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "choices": type(self.grant).Role.choices,
            "initial": {"role": self.grant.role},
        }

    def form_valid(self, form):
        role = form.cleaned_data["role"]
        if isinstance(self.grant, AdoptionRole):
            adoption_role_grant(
                actor=self.request.user, adoption=self.grant.adoption, user=self.person, role=role
            )
        else:
            board_membership_grant(
                actor=self.request.user,
                board=self.grant.board,
                user=self.person,
                role=role,
                receives_digest=self.grant.receives_digest,
            )
        messages.success(self.request, f"Changed {self.person}’s role.")
        return redirect("people:detail", pk=self.person.pk)


class _PersonActionView(DirectoryAdminOnlyMixin, FormView):
    """A confirm page (GET) and the action (POST) on one person."""

    form_class = ConfirmForm
    template_name = "accounts/people_confirm.html"
    submit_label = "Confirm"

    def dispatch(self, request, *args, **kwargs):
        if not is_directory_admin(request.user):
            raise Http404
        self.person = get_object_or_404(User, pk=kwargs["pk"])
        return super(DirectoryAdminOnlyMixin, self).dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": self.submit_label}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "person": self.person, **self.texts()}

    def form_valid(self, form):
        try:
            message = self.act()
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect("people:detail", pk=self.person.pk)


class PersonDeactivateView(_PersonActionView):
    submit_label = "Deactivate account"

    def texts(self):
        return {
            "title": f"Deactivate {self.person}’s account?",
            "explanation": "They will not be able to sign in. Their roles, their past updates "
            "and the history of what they did stay, attributed to them.",
            "warning": True,
        }

    def act(self):
        account_deactivate(actor=self.request.user, user=self.person)
        return f"{self.person}’s account is deactivated."


class PersonDirectoryAdminRemoveView(_PersonActionView):
    submit_label = "Remove directory admin role"

    def texts(self):
        return {
            "title": f"Remove {self.person} as a directory admin?",
            "explanation": "They will no longer maintain the directory, organisations or people.",
            "warning": True,
        }

    def act(self):
        directory_admin_set(actor=self.request.user, user=self.person, is_directory_admin=False)
        return f"{self.person} is no longer a directory admin."


class PersonReactivateView(DirectoryAdminOnlyMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        person = get_object_or_404(User, pk=pk)
        account_reactivate(actor=request.user, user=person)
        messages.success(request, f"{person}’s account is active again.")
        return redirect("people:detail", pk=person.pk)
