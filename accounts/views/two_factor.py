"""Setting up an authenticator app, and entering a code from it once per sign-in.

For admin accounts only (directory admins and staff); to anyone else these pages do not
exist. See accounts/two_factor.py for when a code is required.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from .. import two_factor
from ..account_forms import SecondFactorCodeForm

# The secret waiting for its first code, kept in the session and nowhere else.
SETUP_KEY_SESSION_KEY = "two_factor_setup_key"
WRONG_CODE = "The code is not right. Enter the 6-digit code your authenticator app shows now"


class _AdminAccountMixin:
    def dispatch(self, request, *args, **kwargs):
        if not two_factor.is_admin_account(request.user):
            raise Http404
        self.device = two_factor.confirmed_device(request.user)
        return super().dispatch(request, *args, **kwargs)

    def next_url(self):
        return two_factor.safe_next(self.request, reverse("home"))

    def redirect_keeping_next(self, url_name):
        url = reverse(url_name)
        wanted = self.next_url()
        if wanted != reverse("home"):
            url += "?" + urlencode({"next": wanted})
        return redirect(url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        wanted = self.request.POST.get("next") or self.request.GET.get("next") or ""
        context["next"] = wanted if self.next_url() == wanted else ""
        return context


@method_decorator(never_cache, name="dispatch")
class TwoFactorSetupView(_AdminAccountMixin, FormView):
    template_name = "accounts/two_factor_setup.html"
    form_class = SecondFactorCodeForm

    def get(self, request, *args, **kwargs):
        if self._replacing_unverified():
            return self._to_verify()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self._replacing_unverified():
            return self._to_verify()
        return super().post(request, *args, **kwargs)

    def _replacing_unverified(self) -> bool:
        # Only a session that has shown the current app's code may replace it;
        # otherwise a stolen password would be enough to enrol the thief's app.
        return self.device is not None and not self.request.user.is_verified()

    def _to_verify(self):
        return self.redirect_keeping_next("two_factor_verify")

    def setup_key(self) -> str:
        key = self.request.session.get(SETUP_KEY_SESSION_KEY)
        if not key:
            key = two_factor.new_key()
            self.request.session[SETUP_KEY_SESSION_KEY] = key
        return key

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        key = self.setup_key()
        context["qr_code"] = two_factor.qr_code_svg(
            two_factor.provisioning_uri(self.request.user, key)
        )
        context["key_text"] = two_factor.key_as_text(key)
        context["replacing"] = self.device is not None
        return context

    def form_valid(self, form):
        key = self.setup_key()
        step = two_factor.code_step(key, form.cleaned_data["code"])
        if step is None:
            form.add_error("code", WRONG_CODE)
            return self.form_invalid(form)
        device = two_factor.totp_device_confirm(actor=self.request.user, key=key, step=step)
        self.request.session.pop(SETUP_KEY_SESSION_KEY, None)
        two_factor.django_otp.login(self.request, device)
        messages.success(self.request, "Your authenticator app is set up.")
        return redirect(self.next_url())


@method_decorator(never_cache, name="dispatch")
class TwoFactorVerifyView(_AdminAccountMixin, FormView):
    template_name = "accounts/two_factor_verify.html"
    form_class = SecondFactorCodeForm

    def get(self, request, *args, **kwargs):
        if self.device is None:
            return self.redirect_keeping_next("two_factor_setup")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.device is None:
            return self.redirect_keeping_next("two_factor_setup")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if not two_factor.verify(self.request, self.device, form.cleaned_data["code"]):
            form.add_error("code", WRONG_CODE)
            return self.form_invalid(form)
        return redirect(self.next_url())
