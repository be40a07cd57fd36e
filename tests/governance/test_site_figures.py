"""`site_figures` reads the stored monthly figures (sites.figures) and must give what
adding up the monthly values gave before it did: the same answer for every month and
every as-of moment, late submissions, corrections of returned updates, drafts and
months without a value included, on hand-made data and on the benchmark's world."""

import datetime
import itertools
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import F, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from governance.months import BoardMonthWindow, cycle_close
from governance.rollups import site_figures
from innovations.models import OutcomeMetric
from sites.models import Adoption, MetricValue, ProgressUpdate
from sites.periods import add_months
from sites.services import progress_update_return, progress_update_save, progress_update_submit
from tests.factories import (
    AdoptionFactory,
    InnovationFactory,
    OutcomeMetricFactory,
    ProgressUpdateFactory,
    UserFactory,
)
from tests.figures import figure_add
from tests.monthly_figures import expected_rows, stored_rows

pytestmark = pytest.mark.django_db

Aggregation = OutcomeMetric.Aggregation
MONTHS = [datetime.date(2025, month, 1) for month in range(1, 8)]


def summed_figures(adoption_ids, *, month, as_of) -> dict:
    """The figures as site_figures worked them out before the stored figures: from
    every monthly value of the updates for `month` and earlier submitted by `as_of`."""
    values = MetricValue.objects.filter(
        update__adoption_id__in=list(adoption_ids),
        update__period__lte=month,
        update__status__in=["submitted", "returned", "accepted"],
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


def _moments() -> list[datetime.datetime]:
    """Every moment at which an answer can change (each submission, a second either
    side), each month's cycle close, and now."""
    submitted = ProgressUpdate.objects.exclude(submitted_at=None).values_list(
        "submitted_at", flat=True
    )
    second = datetime.timedelta(seconds=1)
    moments = {moment + step for moment in submitted for step in (-second, 0 * second)}
    return sorted(moments | {cycle_close(month) for month in MONTHS} | {timezone.now()})


def _at(month: int, day: int) -> datetime.datetime:
    return datetime.datetime(2025, month, day, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def programme():
    """Three sites of one programme, reporting a cumulative, a point-in-time and a
    percentage metric over seven months, with everything that makes figures awkward."""
    innovation = InnovationFactory()
    children = OutcomeMetricFactory(innovation=innovation, aggregation=Aggregation.CUMULATIVE)
    carers = OutcomeMetricFactory(innovation=innovation)
    in_school = OutcomeMetricFactory(innovation=innovation, unit="%")
    lead, reviewer = UserFactory(), UserFactory()
    sites = [AdoptionFactory(innovation=innovation) for _ in range(3)]

    def submit(adoption, month, when, values):
        with time_machine.travel(when, tick=False):
            return ProgressUpdateFactory(
                actor=lead,
                adoption=adoption,
                period=MONTHS[month - 1],
                rag="green",
                submit=True,
                metric_values={metric: Decimal(value) for metric, value in values.items()},
            )

    steady, late, corrected = sites
    for month in range(1, 8):
        submit(steady, month, _at(month + 1, 5), {children: month, carers: 10 + month})
    # March sent in July, after April to June; May without a carers figure; June with
    # no values at all.
    for month in (1, 2, 4, 5, 6):
        values = {
            1: {children: 3, carers: 7, in_school: 50},
            2: {children: 2, carers: 8, in_school: 55},
            4: {children: 4, carers: 9, in_school: 61},
            5: {children: 1, in_school: 64},
            6: {},
        }[month]
        submit(late, month, _at(month + 1, 8), values)
    submit(late, 3, _at(7, 20), {children: 5, carers: 12, in_school: 58})
    # February returned in March, corrected (values changed, one removed) and sent again
    # in April; April's update still a draft.
    submit(corrected, 1, _at(2, 2), {children: 6, carers: 20})
    february = submit(corrected, 2, _at(3, 2), {children: 7, carers: 21})
    with time_machine.travel(_at(3, 9), tick=False):
        progress_update_return(actor=reviewer, update=february, note="Recount the carers")
        progress_update_save(
            actor=lead,
            adoption=corrected,
            period=MONTHS[1],
            fields={},
            metric_values={children: Decimal(9), carers: None},
        )
    with time_machine.travel(_at(4, 11), tick=False):
        progress_update_submit(actor=lead, update=february)
    submit(corrected, 3, _at(4, 2), {children: 2, carers: 22})
    progress_update_save(
        actor=lead,
        adoption=corrected,
        period=MONTHS[3],
        fields={"summary": "Not finished"},
        metric_values={children: Decimal(99), carers: Decimal(99)},
    )
    return sites, {"children": children, "carers": carers, "in_school": in_school}


def test_the_same_figures_as_adding_up_the_values_for_every_month_and_moment(programme):
    sites, _ = programme
    ids = [adoption.pk for adoption in sites]
    checked = 0
    for month, as_of in itertools.product(MONTHS, _moments()):
        assert site_figures(ids, month=month, as_of=as_of) == summed_figures(
            ids, month=month, as_of=as_of
        ), (month, as_of)
        checked += 1
    assert stored_rows() == expected_rows()
    figure_add("site figures checked against the sum of values", checked, item="hand-made")


def test_a_late_month_counts_only_once_it_is_in(programme):
    (_, late, _), metrics = programme
    children, carers = metrics["children"], metrics["carers"]
    june = MONTHS[5]
    before = site_figures([late.pk], month=june, as_of=_at(7, 19))
    after = site_figures([late.pk], month=june, as_of=_at(7, 21))

    assert before[late.pk, children.pk] == 3 + 2 + 4 + 1
    assert after[late.pk, children.pk] == 3 + 2 + 5 + 4 + 1
    # The latest carers figure is April's either way: May and June have none.
    assert before[late.pk, carers.pk] == after[late.pk, carers.pk] == 9


def test_a_corrected_update_counts_with_its_corrected_values_once_sent_again(programme):
    (_, _, corrected), metrics = programme
    children, carers = metrics["children"], metrics["carers"]
    february = MONTHS[1]
    while_returned = site_figures([corrected.pk], month=february, as_of=_at(3, 20))
    sent_again = site_figures([corrected.pk], month=february, as_of=_at(4, 20))

    # Sent again on 11 April, so on 20 March only January counts.
    assert while_returned[corrected.pk, children.pk] == 6
    # Then with 9 children (not 7) and no carers figure, so January's 20 carers stand.
    assert sent_again[corrected.pk, children.pk] == 6 + 9
    assert while_returned[corrected.pk, carers.pk] == sent_again[corrected.pk, carers.pk] == 20


def test_the_same_figures_on_the_benchmark_world():
    call_command("generate_scale_data", scale=0.005, no_progress=True)
    now = timezone.now()
    latest = BoardMonthWindow.for_month(now.date(), now=now).month
    ids = list(Adoption.objects.values_list("pk", flat=True))
    checked = 0
    for month in (add_months(latest, -back) for back in (0, 1, 12, 39)):
        close = cycle_close(month)
        for as_of in (
            now,
            close,
            close - datetime.timedelta(days=20),
            close - datetime.timedelta(days=40),
        ):
            figures = site_figures(ids, month=month, as_of=as_of)
            assert figures == summed_figures(ids, month=month, as_of=as_of), (month, as_of)
            checked += 1
    assert figures
    assert stored_rows() == expected_rows()
    figure_add("site figures checked against the sum of values", checked, item="world")
