"""The project's URLs plus two that fail on purpose, to render the 403 and 500 pages."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.urls import path

from adoptadapt.urls import urlpatterns as project_urlpatterns


@login_not_required
def forbidden(request):
    raise PermissionDenied


@login_not_required
def broken(request):
    raise RuntimeError("A deliberate failure for the 500 page test")


urlpatterns = [
    path("test-errors/forbidden/", forbidden),
    path("test-errors/broken/", broken),
    *project_urlpatterns,
]
