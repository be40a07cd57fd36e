"""The stored monthly figures (sites.figures) as stored, and as worked out again from
the metric values the slow way, for tests to compare."""

from decimal import Decimal

from sites.models import MetricValue, MonthlyFigure, ProgressUpdate


def expected_rows() -> dict:
    """Every figure worked out again from the values of reported updates, the slow way:
    {(adoption id, metric id, period): (value, total to date, submitted at, known from)}."""
    values = (
        MetricValue.objects.exclude(update__status=ProgressUpdate.Status.DRAFT)
        .order_by("update__adoption_id", "metric_id", "update__period")
        .values_list(
            "update__adoption_id", "metric_id", "update__period", "value", "update__submitted_at"
        )
    )
    rows, running = {}, {}
    for adoption_id, metric_id, period, value, submitted_at in values:
        total, known_from = running.get((adoption_id, metric_id), (Decimal(0), submitted_at))
        total, known_from = total + value, max(known_from, submitted_at)
        running[adoption_id, metric_id] = (total, known_from)
        rows[adoption_id, metric_id, period] = (value, total, submitted_at, known_from)
    return rows


def stored_rows() -> dict:
    return {
        (row.adoption_id, row.metric_id, row.period): (
            row.value,
            row.total_to_date,
            row.submitted_at,
            row.known_from,
        )
        for row in MonthlyFigure.objects.all()
    }
