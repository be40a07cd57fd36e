import pytest

from innovations.models import FidelityCriterion, Innovation, OutcomeMetric
from tests.constraints import violates
from tests.factories import (
    FidelityCriterionFactory,
    InnovationFactory,
    OutcomeMetricFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db


def _innovation(**fields):
    return Innovation(
        name=fields.pop("name", "Checked Innovation"),
        slug=fields.pop("slug", "checked-innovation"),
        summary="Summary.",
        originating_site=SiteFactory(),
        **fields,
    )


@pytest.mark.parametrize("rating", [0, 6])
def test_cost_rating_outside_1_to_5_is_refused(rating):
    with violates("innovation_cost_rating_1_to_5"):
        _innovation(cost_rating=rating).save()


@pytest.mark.parametrize("rating", [None, 1, 5])
def test_cost_rating_1_to_5_or_unrated_is_allowed(rating):
    innovation = _innovation(cost_rating=rating)
    innovation.save()
    assert Innovation.objects.get(pk=innovation.pk).cost_rating == rating


def test_unknown_status_is_refused():
    with violates("innovation_status_valid"):
        _innovation(status="deleted").save()


def test_new_innovation_is_a_draft():
    assert _innovation().status == Innovation.Status.DRAFT


def test_criterion_name_is_unique_per_innovation():
    criterion = FidelityCriterionFactory(name="Weekly unit meeting")
    with violates("criterion_name_unique_per_innovation"):
        FidelityCriterion.objects.create(
            innovation=criterion.innovation,
            name="Weekly unit meeting",
            kind=FidelityCriterion.Kind.ADAPTABLE,
            dimension=FidelityCriterion.Dimension.DOSE,
        )


def test_same_criterion_name_on_another_innovation_is_allowed():
    FidelityCriterionFactory(name="Weekly unit meeting")
    other = FidelityCriterionFactory(name="Weekly unit meeting")
    assert FidelityCriterion.objects.filter(name="Weekly unit meeting").count() == 2
    assert other.pk


def test_criterion_kind_must_be_must_have_or_adaptable():
    innovation = InnovationFactory()
    with violates("criterion_kind_valid"):
        FidelityCriterion.objects.create(
            innovation=innovation,
            name="Vague",
            kind="optional",
            dimension=FidelityCriterion.Dimension.DOSE,
        )


def test_metric_name_is_unique_per_innovation():
    metric = OutcomeMetricFactory(name="Carers supported")
    with violates("metric_name_unique_per_innovation"):
        OutcomeMetric.objects.create(
            innovation=metric.innovation, name="Carers supported", unit="carers"
        )


def test_criterion_properties():
    must_have = FidelityCriterionFactory.build(kind=FidelityCriterion.Kind.MUST_HAVE)
    adaptable = FidelityCriterionFactory.build(kind=FidelityCriterion.Kind.ADAPTABLE)
    assert must_have.is_must_have and not adaptable.is_must_have
    assert not must_have.is_retired


def test_absolute_url_is_the_directory_page():
    innovation = InnovationFactory(slug="mockingbird")
    assert innovation.get_absolute_url() == "/directory/mockingbird/"


def test_an_innovation_is_not_adapted_from_itself():
    innovation = InnovationFactory()
    with violates("innovation_not_adapted_from_itself"):
        Innovation.objects.filter(pk=innovation.pk).update(adapted_from=innovation)
