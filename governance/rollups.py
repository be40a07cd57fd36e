"""How monthly metric values roll up: across months at one site, then across sites.

A cumulative metric (children supported, staff trained) adds up: a site's figure to
date is the sum of its monthly values. A point-in-time metric (constellations running,
carers in a constellation) is a stock: a site's figure is its latest value, and later
months replace earlier ones. Across sites both kinds add: the programme's figure is the
sum of each site's figure. A percentage cannot be added across sites, so a metric
measured in % is averaged across the sites that report it, and so are its targets.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q, Sum, Window
from django.db.models.functions import RowNumber

from innovations.models import OutcomeMetric
from sites.models import MetricValue, ProgressUpdate

Aggregation = OutcomeMetric.Aggregation


def submitted_by(as_of: datetime.datetime) -> Q:
    """Updates that had been submitted by `as_of` (on a `ProgressUpdate` queryset)."""
    return ~Q(status=ProgressUpdate.Status.DRAFT) & Q(submitted_at__lte=as_of)


def site_figures(
    adoption_ids: Iterable[int], *, month: datetime.date, as_of: datetime.datetime
) -> dict[tuple[int, int], Decimal]:
    """Each adoption's figure to date for each metric, as {(adoption id, metric id): value},
    from updates for `month` and earlier that had been submitted by `as_of`.

    Two queries whatever the number of months: one sums the cumulative metrics, one
    takes the latest value of each point-in-time metric.
    """
    adoption_ids = list(adoption_ids)
    values = MetricValue.objects.filter(
        update__adoption_id__in=adoption_ids,
        update__period__lte=month,
        update__status__in=[
            ProgressUpdate.Status.SUBMITTED,
            ProgressUpdate.Status.RETURNED,
            ProgressUpdate.Status.ACCEPTED,
        ],
        update__submitted_at__lte=as_of,
    )
    figures = {}
    sums = (
        values.filter(metric__aggregation=Aggregation.CUMULATIVE)
        .values("update__adoption_id", "metric_id")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for row in sums:
        figures[row["update__adoption_id"], row["metric_id"]] = row["total"]
    latest = (
        values.filter(metric__aggregation=Aggregation.POINT_IN_TIME)
        .annotate(
            recency=Window(
                RowNumber(),
                partition_by=[F("update__adoption_id"), F("metric_id")],
                order_by=F("update__period").desc(),
            )
        )
        .filter(recency=1)
        .values_list("update__adoption_id", "metric_id", "value")
    )
    for adoption_id, metric_id, value in latest:
        figures[adoption_id, metric_id] = value
    return figures


@dataclass
class MetricTotal:
    """One metric summed across the sites of one innovation."""

    metric: OutcomeMetric
    total: Decimal | None = None
    target: Decimal | None = None
    reporting_sites: int = 0
    target_sites: int = 0
    # The total over only the sites that set a target, to measure progress against it.
    total_of_targeted: Decimal | None = None
    site_values: list[tuple[str, Decimal | None]] = field(default_factory=list)

    @property
    def is_cumulative(self) -> bool:
        return self.metric.aggregation == Aggregation.CUMULATIVE

    @property
    def rule(self) -> str:
        """How the figure was worked out, in the words the page uses."""
        if self.is_cumulative:
            months = "Cumulative: each site's monthly values added up to date"
        else:
            months = "Point in time: each site's latest value"
        sites = "averaged across sites" if is_percentage(self.metric) else "added across sites"
        return f"{months}, {sites}"

    @property
    def percent_of_target(self) -> int | None:
        """Progress of the sites that set a target towards their targets."""
        return percent_of(self.total_of_targeted, self.target)


def percent_of(value: Decimal | None, target: Decimal | None) -> int | None:
    if value is None or not target:
        return None
    return round(value * 100 / target)


def is_percentage(metric: OutcomeMetric) -> bool:
    return metric.unit.strip().lower() in {"%", "percent", "per cent", "percentage"}


def _mean(values: list[Decimal]) -> Decimal | None:
    return sum(values) / len(values) if values else None


def _sum(values: list[Decimal]) -> Decimal | None:
    return sum(values) if values else None


def combine_sites(
    metric: OutcomeMetric, site_values: list[tuple[str, Decimal | None, Decimal | None]]
) -> MetricTotal:
    """Add up (site name, figure, target) across sites. A site without a figure yet is
    listed but adds nothing to the total. The target is the sites' targets added up,
    and progress towards it counts only the sites that set one."""
    total = MetricTotal(metric=metric)
    values, targets, targeted = [], [], []
    for site_name, value, target in site_values:
        total.site_values.append((site_name, value))
        if value is not None:
            values.append(value)
        if target is not None:
            targets.append(target)
            targeted.append(value or Decimal(0))
    total.reporting_sites, total.target_sites = len(values), len(targets)
    combine = _mean if is_percentage(metric) else _sum
    total.total, total.target = combine(values), combine(targets)
    total.total_of_targeted = combine(targeted)
    return total
