"""Personal API tokens on the account page: make one (its secret shown once) or revoke one.

Each person manages only their own tokens; anyone else's is a 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from .. import services
from ..account_forms import ApiTokenForm
from ..forms import ConfirmForm
from ..selectors import live_api_tokens_for


# The page that shows the secret must never be kept by a browser or proxy cache.
@method_decorator(never_cache, name="dispatch")
class ApiTokenCreateView(FormView):
    """Shows the secret in the response to the POST itself, not after a redirect, so
    it is never stored anywhere (not even in the session) between two requests."""

    template_name = "accounts/api_token_form.html"
    form_class = ApiTokenForm

    def form_valid(self, form):
        try:
            token, secret = services.api_token_create(
                actor=self.request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
            return self.form_invalid(form)
        return self.response_class(
            request=self.request,
            template=["accounts/api_token_created.html"],
            context={"token": token, "secret": secret},
            using=self.template_engine,
        )


class ApiTokenRevokeView(FormView):
    form_class = ConfirmForm
    template_name = "accounts/api_token_confirm_revoke.html"

    def dispatch(self, request, *args, **kwargs):
        self.token = get_object_or_404(live_api_tokens_for(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": "Revoke token"}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "token": self.token}

    def form_valid(self, form):
        services.api_token_revoke(actor=self.request.user, token=self.token)
        messages.success(self.request, f"The token “{self.token.name}” has been revoked.")
        return redirect("account")
