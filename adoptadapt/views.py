"""Pages that belong to no single app: my work, health, and the error pages."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.rules import is_directory_admin
from governance.selectors import boards_for_person
from innovations.selectors import directory_counts
from sites.periods import due_date, reporting_period
from sites.selectors import adoptions_for_person

from .health import broker_ok, database_ok


@login_not_required
@require_GET
def home(request):
    """Signed in: the person's own work. Otherwise: the public directory."""
    if not request.user.is_authenticated:
        return redirect("innovations:list")
    today = timezone.localdate()
    period = reporting_period(today)
    user = request.user
    context = {
        "adoptions": adoptions_for_person(user, today=today),
        "boards": boards_for_person(user),
        "period": period,
        "due_on": due_date(period),
        "overdue": today > due_date(period),
        "directory_counts": directory_counts() if is_directory_admin(user) else None,
    }
    return render(request, "adoptadapt/home.html", context)


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Liveness and readiness for load balancers: 200 when all is well, else 503."""
    db_up, db_detail = database_ok()
    broker_up, broker_detail = broker_ok()
    healthy = db_up and broker_up
    body = {
        "status": "ok" if healthy else "unavailable",
        "database": {"ok": db_up, "detail": db_detail},
        "broker": {"ok": broker_up, "detail": broker_detail},
    }
    return JsonResponse(body, status=200 if healthy else 503)
