"""Every API list costs the same number of queries at two data sizes, nested parts and all.

The directory admin sees every object, so whatever `grow` adds is on the page. Each
test also holds the list to the count measured when it was written.
"""

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from accounts.services import api_token_create
from innovations.models import EvidenceSource, FidelityCriterion
from sites.models import AdoptionRole, Rag
from sites.services import (
    adoption_stage_change,
    progress_update_save,
    progress_update_submit,
)
from tests.factories import (
    AdaptationFactory,
    AdoptionFactory,
    AdoptionRoleFactory,
    BoardMembershipFactory,
    FidelityAssessmentFactory,
    FidelityCriterionFactory,
    GovernanceBoardFactory,
    InnovationFactory,
    OutcomeMetricFactory,
    SiteFactory,
    ThemeFactory,
)
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

JAN = datetime.date(2025, 1, 1)


@pytest.fixture
def admin_client(world, client_for):
    return client_for(world.directory_admin)


def _innovation():
    innovation = InnovationFactory()
    innovation.themes.add(ThemeFactory(), ThemeFactory())
    innovation.support_organisations.add(SiteFactory())
    FidelityCriterionFactory(innovation=innovation)
    FidelityCriterionFactory(innovation=innovation, kind=FidelityCriterion.Kind.ADAPTABLE)
    OutcomeMetricFactory(innovation=innovation)
    EvidenceSource.objects.create(innovation=innovation, title="An evaluation")
    return innovation


def _adoption(board=None):
    """An adoption with a second stage change, a metric, a must-have and a lead."""
    adoption = AdoptionFactory(board=board)
    lead = AdoptionRoleFactory(adoption=adoption, role=AdoptionRole.Role.LEAD).user
    adoption_stage_change(
        actor=lead, adoption=adoption, stage="preparation", changed_on=datetime.date(2024, 3, 1)
    )
    OutcomeMetricFactory(innovation=adoption.innovation)
    FidelityCriterionFactory(innovation=adoption.innovation)
    return adoption, lead


def _update():
    adoption, lead = _adoption()
    update = progress_update_save(
        actor=lead,
        adoption=adoption,
        period=JAN,
        fields={"rag": Rag.AMBER, "summary": "Units are running."},
        metric_values={adoption.innovation.metrics.get(): Decimal(12)},
        new_lesson_tags=[f"Lesson {adoption.pk}"],
    )
    progress_update_submit(actor=lead, update=update)


def _assessment():
    adoption, lead = _adoption()
    FidelityAssessmentFactory(actor=lead, adoption=adoption)


def _adaptation():
    adoption, lead = _adoption()
    AdaptationFactory(
        actor=lead,
        adoption=adoption,
        criteria=list(adoption.innovation.criteria.all()),
        reasons_organisation="Rural teams.",
    )


def _board():
    board = GovernanceBoardFactory()
    BoardMembershipFactory(board=board)
    BoardMembershipFactory(board=board, role="chair")
    _adoption(board=board)


def _twice(make):
    def grow():
        make()
        make()

    return grow


@pytest.mark.parametrize(
    ("url", "make", "budget"),
    [
        ("/api/innovations/", _innovation, 9),
        ("/api/sites/", SiteFactory, 4),
        ("/api/adoptions/", lambda: _adoption(), 6),
        ("/api/progress-updates/", _update, 6),
        ("/api/fidelity-assessments/", _assessment, 5),
        ("/api/adaptations/", _adaptation, 5),
        ("/api/boards/", _board, 6),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_list_queries_do_not_grow(admin_client, url, make, budget):
    make()
    count = assert_queries_do_not_grow(admin_client, url, grow=_twice(make))
    assert count <= budget, f"{url}: {count} queries, budget {budget}"


def test_a_token_costs_the_same_at_both_sizes(world):
    """Token authentication is one look-up, whatever the data."""
    _token, secret = api_token_create(actor=world.directory_admin, name="Budget")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    _update()
    assert_queries_do_not_grow(client, "/api/progress-updates/", grow=_twice(_update))
