"""How monthly metric values roll up: across months at one site, then across sites.

A cumulative metric (children supported, staff trained) adds up: a site's figure to
date is the sum of its monthly values. A point-in-time metric (constellations running,
carers in a constellation) is a stock: a site's figure is its latest value, and later
months replace earlier ones. Across sites both kinds add: the programme's figure is the
sum of each site's figure. A percentage cannot be added across sites, so a metric
measured in % is averaged across the sites that report it, and so are its targets.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, DateField, DecimalField, F, OuterRef, Subquery, Value, When

from innovations.models import OutcomeMetric
from sites.models import Adoption, MonthlyFigure

Aggregation = OutcomeMetric.Aggregation
# What site_figures reads of a month's figure: its month (none for the last one known in
# full) and its figure (the total to date, or for a point-in-time metric the value).
FIGURE = ("figure_period", "figure")


def site_figures(
    adoption_ids: Iterable[int], *, month: datetime.date, as_of: datetime.datetime
) -> dict[tuple[int, int], Decimal]:
    """Each adoption's figure to date for each metric, as {(adoption id, metric id): value},
    from updates for `month` and earlier that had been submitted by `as_of`.

    One query, on the stored monthly figures (`sites.figures`) rather than years of
    monthly values: for each adoption and metric, the figure of the last month up to
    which every value had been submitted by `as_of`; and the values of the months after
    it that were submitted late but still by `as_of`.
    """
    adoption_ids = list(adoption_ids)
    up_to_month = MonthlyFigure.objects.filter(period__lte=month)
    known_then = up_to_month.filter(
        adoption=OuterRef("pk"), metric=OuterRef("innovation__metrics"), known_from__lte=as_of
    ).order_by("-period")
    last_known = (
        Adoption.objects.filter(pk__in=adoption_ids, innovation__metrics__isnull=False)
        .annotate(
            figure_period=Value(None, output_field=DateField()),
            figure=Case(
                When(
                    innovation__metrics__aggregation=Aggregation.CUMULATIVE,
                    then=Subquery(known_then.values("total_to_date")[:1]),
                ),
                default=Subquery(known_then.values("value")[:1]),
                output_field=DecimalField(),
            ),
        )
        .values_list("pk", "innovation__metrics", "innovation__metrics__aggregation", *FIGURE)
        .order_by()
    )
    submitted_late = (
        up_to_month.filter(
            adoption_id__in=adoption_ids, known_from__gt=as_of, submitted_at__lte=as_of
        )
        .annotate(figure_period=F("period"), figure=F("value"))
        .values_list("adoption_id", "metric_id", "metric__aggregation", *FIGURE)
        .order_by()
    )
    known, late = {}, defaultdict(list)
    for adoption_id, metric_id, aggregation, period, figure in last_known.union(
        submitted_late, all=True
    ):
        if period is None:
            known[adoption_id, metric_id] = (aggregation, figure)
        else:
            late[adoption_id, metric_id].append((period, figure))
    figures = {}
    for key, (aggregation, figure) in known.items():
        later = [value for _, value in sorted(late[key])]
        if aggregation == Aggregation.CUMULATIVE and (figure is not None or later):
            figures[key] = sum(later, figure or Decimal(0))
        elif aggregation == Aggregation.POINT_IN_TIME and (figure is not None or later):
            figures[key] = later[-1] if later else figure
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
