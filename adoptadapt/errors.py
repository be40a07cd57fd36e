"""The server-error handler (handler500): a database that cannot be reached is a 503.

While PostgreSQL is down or restarting, any query fails with OperationalError (cannot
connect, connection terminated) or InterfaceError (connection already closed), wherever
it is made: a view, a template, or a middleware loading the session of a signed-in
person. Each of those ends here, in Django's handler for uncaught exceptions, so this is
the one place that can answer all of them. Such a failure is an outage, not a bug: the
person is told the service is unavailable and to try again soon, with a 503 and
Retry-After so load balancers and API clients back off too. Django still logs it, with
its traceback, as "Service Unavailable". Other database errors (integrity, programming)
are bugs and stay 500s. The API answers both in JSON, as it answers everything else.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# Long enough for a database restart or fail-over, short enough to be worth waiting for.
RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"  # adoptadapt/urls.py


@requires_csrf_token
def server_error(request):
    """The 503 page if the exception being handled is the database being unavailable;
    otherwise Django's own 500 page (templates/500.html). In JSON for the API."""
    unavailable = isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE)
    if request.path.startswith(API_PREFIX):
        return _api_error(unavailable=unavailable)
    if unavailable:
        return service_unavailable()
    return defaults.server_error(request)


def _api_error(*, unavailable: bool) -> JsonResponse:
    if not unavailable:
        return JsonResponse({"detail": "A server error occurred."}, status=500)
    response = JsonResponse(
        {"detail": f"The service is unavailable. Try again in {RETRY_AFTER_SECONDS} seconds."},
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def service_unavailable() -> HttpResponse:
    """Rendered without a request, like the 500 page: nothing in it needs the database."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
