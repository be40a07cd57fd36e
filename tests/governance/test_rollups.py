"""Roll-up rules, with worked numbers.

Mockingbird's first phase in England: six local authorities and two independent
fostering providers ran 18 constellations with 252 foster carers, and 189 children and
young people were supported. Constellations and carers are stocks (point in time: a
site's latest figure stands); children supported is a flow (cumulative: each month's
newly supported children add up).
"""

import datetime
from decimal import Decimal

import pytest
import time_machine

from governance.rollups import combine_sites, site_figures
from innovations.models import OutcomeMetric
from tests.factories import (
    AdoptionFactory,
    InnovationFactory,
    OutcomeMetricFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db

JUL, AUG, SEP = datetime.date(2025, 7, 1), datetime.date(2025, 8, 1), datetime.date(2025, 9, 1)
SUBMITTED = datetime.datetime(2025, 10, 5, 12, 0, tzinfo=datetime.UTC)
AS_OF = datetime.datetime(2025, 11, 30, 23, 0, tzinfo=datetime.UTC)
Aggregation = OutcomeMetric.Aggregation

# Per site: constellations and carers in each of July, August and September (the
# numbers grow as constellations open), and children newly supported each month.
PHASE_ONE = {
    "Site A": ([2, 3, 3], [28, 40, 42], [10, 10, 10]),
    "Site B": ([1, 2, 3], [14, 30, 42], [12, 9, 9]),
    "Site C": ([2, 2, 2], [28, 28, 28], [7, 7, 7]),
    "Site D": ([1, 1, 2], [14, 14, 28], [5, 8, 8]),
    "Site E": ([2, 2, 2], [26, 27, 28], [7, 7, 7]),
    "Site F": ([1, 2, 2], [10, 20, 28], [6, 7, 8]),
    "Site G": ([2, 2, 2], [28, 28, 28], [7, 7, 7]),
    "Site H (IFP)": ([1, 1, 2], [12, 14, 28], [6, 9, 9]),
}


@pytest.fixture
def mockingbird():
    innovation = InnovationFactory(name="Mockingbird")
    metrics = {
        "constellations": OutcomeMetricFactory(
            innovation=innovation, name="Constellations", unit="constellations"
        ),
        "carers": OutcomeMetricFactory(innovation=innovation, name="Carers", unit="carers"),
        "children": OutcomeMetricFactory(
            innovation=innovation,
            name="Children and young people supported",
            unit="children",
            aggregation=Aggregation.CUMULATIVE,
        ),
    }
    adoptions = {}
    with time_machine.travel(SUBMITTED, tick=False):
        for name, (constellations, carers, children) in PHASE_ONE.items():
            adoption = AdoptionFactory(innovation=innovation, adopting_site__name=name)
            adoptions[name] = adoption
            for index, period in enumerate((JUL, AUG, SEP)):
                ProgressUpdateFactory(
                    adoption=adoption,
                    period=period,
                    rag="green",
                    submit=True,
                    metric_values={
                        metrics["constellations"]: Decimal(constellations[index]),
                        metrics["carers"]: Decimal(carers[index]),
                        metrics["children"]: Decimal(children[index]),
                    },
                )
    return adoptions, metrics


def _programme_totals(adoptions, metrics, *, month=SEP, as_of=AS_OF):
    figures = site_figures([a.pk for a in adoptions.values()], month=month, as_of=as_of)
    return {
        key: combine_sites(
            metric,
            [(name, figures.get((a.pk, metric.pk)), None) for name, a in adoptions.items()],
        )
        for key, metric in metrics.items()
    }


def test_phase_one_totals_are_18_constellations_252_carers_189_children(mockingbird):
    totals = _programme_totals(*mockingbird)
    assert totals["constellations"].total == 18
    assert totals["carers"].total == 252
    assert totals["children"].total == 189
    assert all(total.reporting_sites == 8 for total in totals.values())


def test_a_site_figure_is_its_latest_stock_or_its_flow_to_date(mockingbird):
    adoptions, metrics = mockingbird
    site_b = adoptions["Site B"]
    figures = site_figures([site_b.pk], month=SEP, as_of=AS_OF)
    assert figures[site_b.pk, metrics["constellations"].pk] == 3  # not 1 + 2 + 3
    assert figures[site_b.pk, metrics["carers"].pk] == 42  # not 14 + 30 + 42
    assert figures[site_b.pk, metrics["children"].pk] == 30  # 12 + 9 + 9


def test_an_earlier_month_rolls_up_only_the_months_up_to_it(mockingbird):
    totals = _programme_totals(*mockingbird, month=AUG)
    assert totals["constellations"].total == 3 + 2 + 2 + 1 + 2 + 2 + 2 + 1
    assert totals["children"].total == sum(c[0] + c[1] for _, _, c in PHASE_ONE.values())


def test_updates_submitted_after_the_as_of_moment_do_not_count(mockingbird):
    before_any_submission = SUBMITTED - datetime.timedelta(seconds=1)
    totals = _programme_totals(*mockingbird, as_of=before_any_submission)
    assert totals["carers"].total is None
    assert totals["carers"].reporting_sites == 0


def test_draft_values_do_not_count(mockingbird):
    adoptions, metrics = mockingbird
    with time_machine.travel(SUBMITTED, tick=False):
        ProgressUpdateFactory(
            adoption=adoptions["Site A"],
            period=datetime.date(2025, 10, 1),
            metric_values={metrics["children"]: Decimal(50)},
        )
    totals = _programme_totals(adoptions, metrics, month=datetime.date(2025, 10, 1))
    assert totals["children"].total == 189


def test_targets_add_up_across_every_site_even_those_not_reporting():
    metric = OutcomeMetric(name="Carers", unit="carers")
    total = combine_sites(
        metric, [("A", Decimal(40), Decimal(50)), ("B", None, Decimal(30)), ("C", Decimal(2), None)]
    )
    assert (total.total, total.target, total.reporting_sites, total.target_sites) == (
        42,
        80,
        2,
        2,
    )
    # Only A and B set targets: 40 (B has no figure yet) of 80; C's 2 do not count.
    assert total.percent_of_target == 50
    assert [name for name, _ in total.site_values] == ["A", "B", "C"]


def test_a_percentage_is_averaged_across_sites_not_added():
    metric = OutcomeMetric(name="In education, employment or training", unit="%")
    sites = [("A", Decimal(60), Decimal(70)), ("B", Decimal(80), Decimal(70)), ("C", None, None)]
    total = combine_sites(metric, sites)
    assert total.total == 70
    assert total.target == 70
    assert "averaged across sites" in total.rule


def test_the_rule_says_how_each_kind_adds_up():
    cumulative = OutcomeMetric(unit="children", aggregation=Aggregation.CUMULATIVE)
    stock = OutcomeMetric(unit="carers", aggregation=Aggregation.POINT_IN_TIME)
    assert combine_sites(cumulative, []).rule.startswith("Cumulative")
    assert combine_sites(stock, []).rule.startswith("Point in time")
    assert combine_sites(stock, []).total is None
