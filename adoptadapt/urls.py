from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sites.urls import adoption_urlpatterns, site_urlpatterns

from . import views
from .forms import SignInForm

admin.site.site_header = "Adopt & Adapt administration"
admin.site.site_title = "Adopt & Adapt"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(form_class=SignInForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("directory/", include("innovations.urls")),
    path("adoptions/", include((adoption_urlpatterns, "adoptions"))),
    path("sites/", include((site_urlpatterns, "sites"))),
    path("boards/", include("governance.urls")),
    path("admin/", admin.site.urls),
]
