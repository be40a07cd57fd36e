"""Your own account: details, email preferences, roles, a confirmed email change,
and resetting a forgotten password (Django's views, in GOV.UK dress)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.views.generic import FormView, TemplateView, UpdateView

from .. import services
from ..account_forms import (
    AccountForm,
    EmailChangeForm,
    GovUKPasswordResetForm,
    GovUKSetPasswordForm,
)
from ..email_change import EmailChangeLinkError, read_token
from ..models import User
from ..selectors import adoption_roles_for, board_memberships_for, live_api_tokens_for

# --- Your account -----------------------------------------------------------------


class AccountView(UpdateView):
    template_name = "accounts/account_form.html"
    form_class = AccountForm
    success_url = reverse_lazy("account")

    def get_object(self, queryset=None):
        return self.request.user

    def get_form_kwargs(self):
        self.memberships = list(board_memberships_for(self.request.user))
        return {**super().get_form_kwargs(), "memberships": self.memberships}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        # The form may have been re-displayed with the typed name; show the saved one.
        context["person"] = User.objects.select_related("organisation").get(pk=user.pk)
        context["adoption_roles"] = list(adoption_roles_for(user))
        context["board_memberships"] = self.memberships
        context["api_tokens"] = list(live_api_tokens_for(user))
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        services.account_update(
            actor=self.request.user,
            user=self.request.user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            job_title=data["job_title"],
            organisation=data["organisation"],
            receives_reminders=data["receives_reminders"],
        )
        if self.memberships:
            services.digest_preferences_update(
                actor=self.request.user,
                user=self.request.user,
                receiving=form.digest_membership_ids(),
            )
        messages.success(self.request, "Your account details have been saved.")
        return redirect(self.success_url)


class EmailChangeView(FormView):
    template_name = "accounts/account_email_form.html"
    form_class = EmailChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        new_email = form.cleaned_data["new_email"]
        services.email_change_request(
            actor=self.request.user, user=self.request.user, new_email=new_email
        )
        self.request.session["email_change_sent_to"] = new_email
        return redirect("account_email_sent")


class EmailChangeSentView(TemplateView):
    template_name = "accounts/account_email_sent.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["new_email"] = self.request.session.get("email_change_sent_to")
        return context


class EmailChangeConfirmView(TemplateView):
    """GET shows what will change (mail scanners follow links); POST makes the change."""

    template_name = "accounts/account_email_confirm.html"

    def get(self, request, *args, **kwargs):
        try:
            change = read_token(kwargs["token"], user=request.user)
        except EmailChangeLinkError as error:
            return self._refused(error)
        return self.render_to_response(self.get_context_data(new_email=change.new_email))

    def post(self, request, *args, **kwargs):
        try:
            services.email_change_confirm(
                actor=request.user, user=request.user, token=kwargs["token"]
            )
        except EmailChangeLinkError as error:
            return self._refused(error)
        # The session hash includes nothing about the email, but keep the session valid
        # should that ever change.
        request.user.refresh_from_db()
        update_session_auth_hash(request, request.user)
        request.session.pop("email_change_sent_to", None)
        messages.success(request, f"Your email address is now {request.user.email}.")
        return redirect("account")

    def _refused(self, error):
        context = self.get_context_data(problem=str(error))
        return self.render_to_response(context)


# --- Forgotten password -------------------------------------------------------------


def _reset_link_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // (60 * 60 * 24))


class PasswordResetView(auth_views.PasswordResetView):
    form_class = GovUKPasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")
    title = "Reset your password"

    def form_valid(self, form):
        # Links name the public address of the service, not whatever Host reached us.
        self.extra_email_context = {
            "site_url": settings.SITE_URL,
            "service_name": settings.SERVICE_NAME,
            "timeout_days": _reset_link_days(),
        }
        self.domain_override = settings.SITE_URL.split("://", 1)[-1]
        self.use_https = settings.SITE_URL.startswith("https://")
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    title = "Check your email"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "timeout_days": _reset_link_days()}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = GovUKSetPasswordForm
    success_url = reverse_lazy("password_reset_complete")
    title = "Choose a new password"


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    title = "Your password has been changed"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["login_url"] = reverse(settings.LOGIN_URL)
        return context
