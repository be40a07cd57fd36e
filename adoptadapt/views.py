"""Pages that belong to no single app: my work, health, the accessibility statement."""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.rules import is_directory_admin
from governance.selectors import boards_for_person
from innovations.selectors import directory_counts
from sites.models import AdoptionRole
from sites.periods import (
    due_date,
    is_reportable,
    next_fidelity_assessment_due,
    period_status,
    reporting_period,
)
from sites.selectors import adoptions_awaiting_review, adoptions_for_person

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
    adoptions = list(adoptions_for_person(user, today=today))
    writers = (AdoptionRole.Role.LEAD, AdoptionRole.Role.CONTRIBUTOR)
    for adoption in adoptions:
        # Worked out from the selector's annotations: no query per row.
        adoption.writes_updates = adoption.my_role in writers
        adoption.period_status = (
            period_status(period, update_status=adoption.period_update_status, today=today)
            if is_reportable(period, started_on=adoption.started_on, today=today)
            else None
        )
        adoption.next_assessment_due = next_fidelity_assessment_due(
            adoption.last_assessed_on, adoption.started_on
        )
        adoption.assessment_overdue = adoption.next_assessment_due < today
    boards = list(boards_for_person(user))
    may_review = boards or any(
        a.my_role == AdoptionRole.Role.ORIGINATING_PARTNER for a in adoptions
    )
    context = {
        "adoptions": adoptions,
        "boards": boards,
        "awaiting_review": list(adoptions_awaiting_review(user)) if may_review else [],
        "period": period,
        "due_on": due_date(period),
        "overdue": today > due_date(period),
        "directory_counts": directory_counts() if is_directory_admin(user) else None,
    }
    return render(request, "adoptadapt/home.html", context)


# When the accessibility statement was written and last looked at again: change them
# whenever it is reviewed or the service is tested again.
ACCESSIBILITY_STATEMENT_PREPARED = datetime.date(2026, 11, 26)
ACCESSIBILITY_STATEMENT_REVIEWED = datetime.date(2026, 11, 26)


@login_not_required
@require_GET
def accessibility_statement(request):
    """The statement UK public-sector websites publish under the 2018 accessibility
    regulations; who runs the service and how to reach them come from settings."""
    context = {
        "organisation": settings.SERVICE_ORGANISATION,
        "contact_email": settings.ACCESSIBILITY_EMAIL,
        "site_url": settings.SITE_URL,
        "prepared_on": ACCESSIBILITY_STATEMENT_PREPARED,
        "reviewed_on": ACCESSIBILITY_STATEMENT_REVIEWED,
    }
    return render(request, "adoptadapt/accessibility.html", context)


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


@login_not_required
@never_cache
@require_GET
def liveness(request):
    """Liveness only: the process answers. No database or broker, so an orchestrator
    restarts a stuck process, not every process when the database blips; also the
    benchmark's floor (the cost of the framework alone)."""
    return JsonResponse({"status": "ok"})
