"""The project's URLs (and its 500 handler) plus some that fail on purpose, to render the
403, 500 and 503 pages (and the API's JSON for the last two)."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, InterfaceError, OperationalError
from django.urls import path

from adoptadapt.urls import handler500  # noqa: F401 - the handler this URLconf uses
from adoptadapt.urls import urlpatterns as project_urlpatterns


@login_not_required
def forbidden(request):
    raise PermissionDenied


@login_not_required
def broken(request):
    raise RuntimeError("A deliberate failure for the 500 page test")


# What the database driver raises while PostgreSQL is down, restarting or has dropped
# the connection; and an error that is a bug, not an outage.
DATABASE_ERRORS = {
    "cannot-connect": OperationalError(
        'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
    ),
    "connection-closed": InterfaceError("connection already closed"),
    "integrity": IntegrityError("duplicate key value violates unique constraint"),
}


@login_not_required
def database_error(request, kind):
    raise DATABASE_ERRORS[kind]


urlpatterns = [
    path("test-errors/forbidden/", forbidden),
    path("test-errors/broken/", broken),
    path("test-errors/database/<str:kind>/", database_error),
    # Under the API's prefix, before the API's own catch-all.
    path("api/test-errors/broken/", broken),
    path("api/test-errors/database/<str:kind>/", database_error),
    *project_urlpatterns,
]
