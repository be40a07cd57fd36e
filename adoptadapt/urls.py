from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.urls import (
    api_token_urlpatterns,
    invitation_urlpatterns,
    people_urlpatterns,
)
from accounts.views import account as account_views
from accounts.views import two_factor as two_factor_views
from sites.urls import adoption_urlpatterns, site_urlpatterns

from . import views
from .forms import SignInForm

admin.site.site_header = "Adopt & Adapt administration"
admin.site.site_title = "Adopt & Adapt"
# A database that cannot be reached gives a 503 "service unavailable", not a 500.
handler500 = "adoptadapt.errors.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("healthz/live", views.liveness, name="healthz_live"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(form_class=SignInForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/two-factor/",
        two_factor_views.TwoFactorVerifyView.as_view(),
        name="two_factor_verify",
    ),
    path(
        "accounts/two-factor/setup/",
        two_factor_views.TwoFactorSetupView.as_view(),
        name="two_factor_setup",
    ),
    path("accounts/", account_views.AccountView.as_view(), name="account"),
    path("accounts/email/", account_views.EmailChangeView.as_view(), name="account_email"),
    path(
        "accounts/email/sent/",
        account_views.EmailChangeSentView.as_view(),
        name="account_email_sent",
    ),
    path(
        "accounts/email/confirm/<str:token>/",
        account_views.EmailChangeConfirmView.as_view(),
        name="account_email_confirm",
    ),
    path(
        "accounts/password-reset/",
        account_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        account_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/done/",
        account_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/api-tokens/", include((api_token_urlpatterns, "api_tokens"))),
    path("directory/", include("innovations.urls")),
    path("adoptions/", include((adoption_urlpatterns, "adoptions"))),
    path("sites/", include((site_urlpatterns, "sites"))),
    path("boards/", include("governance.urls")),
    path("people/", include((people_urlpatterns, "people"))),
    path("invitations/", include((invitation_urlpatterns, "invitations"))),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]
