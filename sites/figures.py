"""Each adoption's monthly figures to date (`MonthlyFigure`), kept from its metric values.

A board dashboard shows every site's figure to date: the sum of five years of monthly
values for a cumulative metric, the latest value for a point-in-time one. Adding them
up on every view read tens of thousands of values for a large board (bench/RESULTS.md),
so the running total is stored, one row per adoption, metric and reported month.

A row depends on the values of the adoption's reported (not draft) updates for that
month and earlier, and on when those updates were submitted. So every write that
changes a value of a reported update, or whether or when an update counts as reported,
rebuilds the adoption's rows, in the same transaction: `progress_update_save` (a
returned update being corrected), `progress_update_submit`, the Django admin, and the
demo and benchmark loaders. Accepting or returning an update changes neither.
"""

from collections.abc import Iterable

from django.db import connection, transaction

from adoptadapt.fragment_cache import STORED_DATA

from .models import Adoption, MetricValue, MonthlyFigure, ProgressUpdate

_REBUILD = """
INSERT INTO {figure} (adoption_id, metric_id, period, value, total_to_date, submitted_at,
                      known_from)
SELECT u.adoption_id, v.metric_id, u.period, v.value,
       SUM(v.value) OVER running, u.submitted_at, MAX(u.submitted_at) OVER running
FROM {value} v JOIN {update} u ON u.id = v.update_id
WHERE u.status <> %s {only}
WINDOW running AS (PARTITION BY u.adoption_id, v.metric_id ORDER BY u.period
                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
"""


@transaction.atomic
def metric_figures_refresh(*, adoption_ids: Iterable[int] | None = None) -> None:
    """Rebuild the monthly figures of these adoptions (of every adoption when None)."""
    params = [ProgressUpdate.Status.DRAFT]
    only = ""
    figures = MonthlyFigure.objects.all()
    if adoption_ids is not None:
        adoption_ids = sorted(set(adoption_ids))
        if not adoption_ids:
            return
        # One rebuild of an adoption at a time, so two submissions at once cannot
        # each miss the other's values. NO KEY: inserting an update elsewhere (a
        # foreign-key share lock on the adoption) does not wait for this.
        list(
            Adoption.objects.select_for_update(no_key=True)
            .filter(pk__in=adoption_ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        figures = figures.filter(adoption_id__in=adoption_ids)
        only = f"AND u.adoption_id IN ({', '.join(['%s'] * len(adoption_ids))})"
        params += adoption_ids
    figures.delete()
    quote = connection.ops.quote_name
    sql = _REBUILD.format(
        figure=quote(MonthlyFigure._meta.db_table),
        value=quote(MetricValue._meta.db_table),
        update=quote(ProgressUpdate._meta.db_table),
        only=only,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    STORED_DATA.bump()  # raw SQL sends no signals (adoptadapt/fragment_cache.py)
