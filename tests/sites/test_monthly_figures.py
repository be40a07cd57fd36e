"""The stored monthly figures (sites.figures) stay what the metric values say, after
every write that can change them: saving and submitting updates, correcting a returned
one, the Django admin, and two submissions for one adoption at the same moment.

Each test compares every stored row with the rows worked out again from the values."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib.admin.sites import site as admin_site
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from innovations.models import OutcomeMetric
from sites.models import MetricValue, ProgressUpdate
from sites.services import (
    progress_update_accept,
    progress_update_return,
    progress_update_save,
    progress_update_submit,
)
from tests.concurrency import run_at_once
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

JAN, FEB, MAR = (datetime.date(2025, month, 1) for month in (1, 2, 3))


def _at(month: int, day: int) -> datetime.datetime:
    return datetime.datetime(2025, month, day, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def carers():
    """One innovation with a cumulative and a point-in-time metric, adopted twice."""
    innovation = InnovationFactory()
    metrics = {
        "children": OutcomeMetricFactory(
            innovation=innovation, aggregation=OutcomeMetric.Aggregation.CUMULATIVE
        ),
        "carers": OutcomeMetricFactory(innovation=innovation),
    }
    lead = UserFactory()
    adoptions = [AdoptionFactory(innovation=innovation) for _ in range(2)]
    return adoptions, metrics, lead


def _submit(adoption, period, when, lead, values=None):
    """The month's update saved and submitted at `when`, with {metric: value}."""
    with time_machine.travel(when, tick=False):
        return ProgressUpdateFactory(
            actor=lead,
            adoption=adoption,
            period=period,
            rag="green",
            submit=True,
            metric_values={metric: Decimal(value) for metric, value in (values or {}).items()},
        )


def test_a_draft_has_no_figures_and_each_submission_adds_its_month(carers):
    (adoption, _), metrics, lead = carers
    draft = ProgressUpdateFactory(
        actor=lead,
        adoption=adoption,
        period=JAN,
        rag="green",
        metric_values={metrics["children"]: Decimal(4)},
    )
    assert stored_rows() == {}

    with time_machine.travel(_at(2, 3), tick=False):
        progress_update_submit(actor=lead, update=draft)
    _submit(adoption, FEB, _at(3, 4), lead, {metrics["children"]: 6, metrics["carers"]: 9})

    rows = stored_rows()
    assert rows == expected_rows()
    assert rows[adoption.pk, metrics["children"].pk, FEB] == (6, 10, _at(3, 4), _at(3, 4))
    assert rows[adoption.pk, metrics["carers"].pk, FEB] == (9, 9, _at(3, 4), _at(3, 4))


def test_a_late_month_makes_the_later_figures_known_only_from_its_submission(carers):
    (adoption, _), metrics, lead = carers
    children = metrics["children"]
    _submit(adoption, JAN, _at(2, 3), lead, {children: 1})
    _submit(adoption, MAR, _at(4, 2), lead, {children: 3})
    _submit(adoption, FEB, _at(5, 20), lead, {children: 2})

    rows = stored_rows()
    assert rows == expected_rows()
    # February came in last, so March's total is only known in full from then.
    assert rows[adoption.pk, children.pk, MAR] == (3, 6, _at(4, 2), _at(5, 20))


def test_correcting_a_returned_update_rebuilds_its_figures_and_later_ones(carers):
    (adoption, _), metrics, lead = carers
    children, carers_metric = metrics["children"], metrics["carers"]
    reviewer = UserFactory()
    with time_machine.travel(_at(2, 3), tick=False):
        draft = progress_update_save(
            actor=lead,
            adoption=adoption,
            period=FEB,
            fields={"rag": "green", "summary": "February"},
            metric_values={children: Decimal(5), carers_metric: Decimal(20)},
        )
    with time_machine.travel(_at(3, 3), tick=False):
        feb = progress_update_submit(actor=lead, update=draft)

    with time_machine.travel(_at(3, 9), tick=False):
        feb = progress_update_return(actor=reviewer, update=feb, note="Check the carers")
        progress_update_save(
            actor=lead,
            adoption=adoption,
            period=FEB,
            fields={},
            metric_values={children: Decimal(7), carers_metric: None},
        )
    rows = stored_rows()
    assert rows == expected_rows()
    assert rows[adoption.pk, children.pk, FEB] == (7, 7, _at(3, 3), _at(3, 3))
    assert (adoption.pk, carers_metric.pk, FEB) not in rows

    with time_machine.travel(_at(3, 12), tick=False):
        progress_update_submit(actor=lead, update=feb)
    assert stored_rows() == expected_rows()
    assert stored_rows()[adoption.pk, children.pk, FEB][3] == _at(3, 12)


def test_accepting_or_returning_an_update_changes_no_figure(carers):
    (adoption, _), metrics, lead = carers
    reviewer = UserFactory()
    jan = _submit(adoption, JAN, _at(2, 3), lead, {metrics["children"]: 4})
    feb = _submit(adoption, FEB, _at(3, 3), lead, {metrics["children"]: 5})
    before = stored_rows()

    progress_update_accept(actor=reviewer, update=jan)
    progress_update_return(actor=reviewer, update=feb, note="Say more about the carers")

    assert stored_rows() == before == expected_rows()
    assert len(before) == 2


def _admin_request(user):
    request = RequestFactory().post("/admin/")
    request.user = user
    return request


def test_admin_changes_to_updates_and_values_keep_the_figures(carers):
    (adoption, other), metrics, lead = carers
    children = metrics["children"]
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    request = _admin_request(admin_user)
    jan = _submit(adoption, JAN, _at(2, 3), lead, {children: 4})
    feb = _submit(adoption, FEB, _at(3, 3), lead, {children: 5})
    other_jan = _submit(other, JAN, _at(2, 4), lead)
    value_admin = admin_site._registry[MetricValue]
    update_admin = admin_site._registry[ProgressUpdate]

    # A value corrected, then moved to the other adoption's update.
    value = MetricValue.objects.get(update=jan, metric=children)
    value.value = Decimal(40)
    value_admin.save_model(request, value, form=None, change=True)
    assert stored_rows()[adoption.pk, children.pk, FEB][1] == 45
    value.update = other_jan
    value_admin.save_model(request, value, form=None, change=True)
    assert stored_rows() == expected_rows()
    assert stored_rows()[adoption.pk, children.pk, FEB][1] == 5

    # An update put back to draft, then deleted; a value deleted.
    feb.status = ProgressUpdate.Status.DRAFT
    update_admin.save_model(request, feb, form=None, change=True)
    assert (adoption.pk, children.pk, FEB) not in stored_rows()
    feb.status = ProgressUpdate.Status.SUBMITTED
    update_admin.save_model(request, feb, form=None, change=True)
    assert stored_rows() == expected_rows()
    update_admin.delete_model(request, feb)
    assert stored_rows() == expected_rows()
    value_admin.delete_model(request, value)
    assert stored_rows() == expected_rows() == {}


def test_admin_delete_selected_keeps_the_figures(carers, client):
    (adoption, _), metrics, lead = carers
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    _submit(adoption, JAN, _at(2, 3), lead, {metrics["children"]: 4})
    _submit(adoption, FEB, _at(3, 3), lead, {metrics["children"]: 5})
    january = MetricValue.objects.get(update__period=JAN)

    response = client.post(
        reverse("admin:adoptadapt_sites_metricvalue_changelist"),
        {"action": "delete_selected", "_selected_action": [january.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert not MetricValue.objects.filter(pk=january.pk).exists()
    assert stored_rows() == expected_rows()
    assert stored_rows()[adoption.pk, metrics["children"].pk, FEB][1] == 5


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers: there is no race"
)
@pytest.mark.django_db(transaction=True)
def test_two_months_submitted_at_the_same_moment_are_both_counted(carers):
    (adoption, _), metrics, lead = carers
    drafts = [
        progress_update_save(
            actor=lead,
            adoption=adoption,
            period=period,
            fields={"rag": "green", "summary": "A month"},
            metric_values={metrics["children"]: Decimal(number)},
        )
        for period, number in ((JAN, 4), (FEB, 5))
    ]
    submitted = run_at_once(
        *(lambda draft=draft: progress_update_submit(actor=lead, update=draft) for draft in drafts)
    )
    assert [type(result) for result in submitted] == [ProgressUpdate, ProgressUpdate], submitted

    rows = stored_rows()
    assert rows == expected_rows()
    assert rows[adoption.pk, metrics["children"].pk, FEB][1] == 9
    figure_add("concurrency races settled", item="two months' figures submitted at once")
