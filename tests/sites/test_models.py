"""Every database constraint on sites, adoptions and what is logged against them.

The rows are written with the model's manager on purpose: the services would
refuse them first, and these tests prove the database refuses them too.
"""

import datetime

import pytest
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from sites.models import (
    Accreditation,
    Adaptation,
    Adoption,
    AdoptionRole,
    ContextFactor,
    CriterionScore,
    FidelityAssessment,
    FidelityBand,
    MetricTarget,
    MetricValue,
    MonthlyFigure,
    MustHaveConflict,
    PersonnelExchange,
    Programme,
    ProgressUpdate,
    Rag,
    Site,
)
from tests.constraints import violates
from tests.factories import (
    AdaptationFactory,
    AdoptionFactory,
    AdoptionRoleFactory,
    FidelityAssessmentFactory,
    FidelityCriterionFactory,
    InnovationFactory,
    OutcomeMetricFactory,
    ProgressUpdateFactory,
    SiteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

JAN = datetime.date(2025, 1, 1)


# --- Site ---------------------------------------------------------------------


def test_gss_code_is_unique_when_given():
    SiteFactory(gss_code="E09000012")
    with violates("site_gss_code_unique"):
        SiteFactory(gss_code="E09000012")


def test_any_number_of_sites_may_have_no_gss_code():
    SiteFactory(gss_code="", dfe_la_number=None)
    SiteFactory(gss_code="", dfe_la_number=None)
    assert Site.objects.filter(gss_code="").count() == 2


def test_dfe_number_is_unique():
    SiteFactory(dfe_la_number=204)
    with violates("site_dfe_la_number_unique"):
        SiteFactory(dfe_la_number=204)


def test_any_number_of_sites_may_have_no_dfe_number():
    SiteFactory(dfe_la_number=None)
    SiteFactory(dfe_la_number=None)
    assert Site.objects.filter(dfe_la_number__isnull=True).count() == 2


@pytest.mark.parametrize("number", [99, 1000])
def test_dfe_number_has_three_digits(number):
    with violates("site_dfe_la_number_3_digits"):
        SiteFactory(dfe_la_number=number)


@pytest.mark.parametrize("number", [100, 999])
def test_dfe_number_bounds_are_allowed(number):
    assert SiteFactory(dfe_la_number=number).pk


def test_factory_gss_codes_pass_the_validator():
    site = SiteFactory()
    site.full_clean()
    assert site.gss_code.startswith("E09") and len(site.gss_code) == 9


# --- Adoption and its people -----------------------------------------------------


def test_one_adoption_per_innovation_per_site():
    adoption = AdoptionFactory()
    with violates("adoption_unique_per_site"):
        Adoption.objects.create(
            innovation=adoption.innovation,
            adopting_site=adoption.adopting_site,
            started_on=JAN,
        )


def test_partner_site_cannot_be_the_adopting_site():
    site = SiteFactory()
    with violates("adoption_partner_is_another_site"):
        Adoption.objects.create(
            innovation=InnovationFactory(), adopting_site=site, partner_site=site, started_on=JAN
        )


def test_adoption_without_a_partner_is_allowed():
    adoption = AdoptionFactory(partner_site=None)
    assert Adoption.objects.get(pk=adoption.pk).partner_site is None


def test_one_role_per_person_per_adoption():
    grant = AdoptionRoleFactory()
    with violates("one_role_per_adoption"):
        AdoptionRole.objects.create(
            adoption=grant.adoption, user=grant.user, role=AdoptionRole.Role.CONTRIBUTOR
        )


def test_one_target_per_metric_per_adoption():
    adoption = AdoptionFactory()
    metric = OutcomeMetricFactory(innovation=adoption.innovation)
    MetricTarget.objects.create(adoption=adoption, metric=metric, target=18)
    with violates("one_target_per_metric_per_adoption"):
        MetricTarget.objects.create(adoption=adoption, metric=metric, target=20)


# --- Context diagnosis and personnel exchanges ---------------------------------------


def _factor(adoption, **fields):
    values = {
        "adoption": adoption,
        "domain": ContextFactor.Domain.INNER_SETTING,
        "name": "Leadership support",
        "originating_rating": 1,
        "adopting_rating": 0,
        "nature": ContextFactor.Nature.ASSET,
        "fit": ContextFactor.Fit.ALIGNED,
    }
    values.update(fields)
    return ContextFactor.objects.create(**values)


@pytest.mark.parametrize("rating", [-3, 3])
def test_originating_rating_is_minus_two_to_plus_two(rating):
    with violates("context_originating_rating_range"):
        _factor(AdoptionFactory(), originating_rating=rating)


@pytest.mark.parametrize("rating", [-3, 3])
def test_adopting_rating_is_minus_two_to_plus_two(rating):
    with violates("context_adopting_rating_range"):
        _factor(AdoptionFactory(), adopting_rating=rating)


@pytest.mark.parametrize("rating", [-2, 2])
def test_rating_bounds_are_allowed(rating):
    factor = _factor(AdoptionFactory(), originating_rating=rating, adopting_rating=rating)
    assert factor.pk


def test_context_factor_is_unique_per_adoption_domain_and_name():
    adoption = AdoptionFactory()
    _factor(adoption)
    with violates("context_factor_unique"):
        _factor(adoption)


def _exchange(adoption, **fields):
    values = {
        "adoption": adoption,
        "kind": PersonnelExchange.Kind.SECONDMENT,
        "from_site": adoption.partner_site,
        "to_site": adoption.adopting_site,
        "started_on": datetime.date(2025, 3, 1),
    }
    values.update(fields)
    return PersonnelExchange.objects.create(**values)


def test_exchange_is_between_two_sites():
    adoption = AdoptionFactory()
    with violates("exchange_between_two_sites"):
        _exchange(adoption, from_site=adoption.adopting_site)


def test_exchange_ends_after_it_starts():
    with violates("exchange_ends_after_start"):
        _exchange(AdoptionFactory(), ended_on=datetime.date(2025, 2, 28))


@pytest.mark.parametrize("ended_on", [None, datetime.date(2025, 3, 1)])
def test_exchange_open_or_ending_on_its_first_day_is_allowed(ended_on):
    assert _exchange(AdoptionFactory(), ended_on=ended_on).pk


# --- Monthly progress updates -----------------------------------------------------


def _update(adoption, **fields):
    values = {"adoption": adoption, "period": JAN, "created_by": UserFactory()}
    values.update(fields)
    return ProgressUpdate.objects.create(**values)


def test_one_update_per_adoption_per_month():
    adoption = AdoptionFactory()
    _update(adoption)
    with violates("one_update_per_adoption_per_month"):
        _update(adoption)


def test_update_period_is_the_first_of_a_month():
    with violates("update_period_is_first_of_month"):
        _update(AdoptionFactory(), period=datetime.date(2025, 1, 2))


def test_submitted_update_needs_a_rag_status():
    with violates("update_rag_required_once_submitted"):
        _update(
            AdoptionFactory(), status=ProgressUpdate.Status.SUBMITTED, submitted_at=timezone.now()
        )


def test_draft_update_needs_no_rag_status():
    assert _update(AdoptionFactory(), rag="").pk


@pytest.mark.parametrize("rag", [Rag.AMBER_RED, Rag.RED])
def test_amber_red_and_red_need_an_explanation(rag):
    with violates("update_explanation_required_for_amber_red_and_red"):
        _update(
            AdoptionFactory(),
            status=ProgressUpdate.Status.SUBMITTED,
            submitted_at=timezone.now(),
            rag=rag,
        )


@pytest.mark.parametrize("rag", [Rag.GREEN, Rag.AMBER_GREEN, Rag.AMBER])
def test_other_rag_statuses_need_no_explanation(rag):
    update = _update(
        AdoptionFactory(),
        status=ProgressUpdate.Status.SUBMITTED,
        submitted_at=timezone.now(),
        rag=rag,
    )
    assert update.pk


def test_submitted_update_has_a_submission_time():
    with violates("update_submitted_has_time"):
        _update(AdoptionFactory(), status=ProgressUpdate.Status.SUBMITTED, rag=Rag.GREEN)


def test_one_value_per_metric_per_update():
    update = ProgressUpdateFactory()
    metric = OutcomeMetricFactory(innovation=update.adoption.innovation)
    MetricValue.objects.create(update=update, metric=metric, value=3)
    with violates("one_value_per_metric_per_update"):
        MetricValue.objects.create(update=update, metric=metric, value=4)


# --- Fidelity ---------------------------------------------------------------------


def test_assessment_score_is_at_most_100():
    adoption = AdoptionFactory()
    with violates("assessment_score_is_a_percentage"):
        FidelityAssessment.objects.create(
            adoption=adoption,
            assessed_on=JAN,
            method=FidelityAssessment.Method.SELF,
            assessed_by=UserFactory(),
            must_have_score=101,
        )


def test_one_score_per_criterion_per_assessment():
    adoption = AdoptionFactory()
    criterion = FidelityCriterionFactory(innovation=adoption.innovation)
    assessment = FidelityAssessmentFactory(adoption=adoption)
    with violates("one_score_per_criterion"):
        CriterionScore.objects.create(
            assessment=assessment, criterion=criterion, score=CriterionScore.Score.NOT_MET
        )


def test_a_scored_criterion_cannot_be_deleted():
    adoption = AdoptionFactory()
    criterion = FidelityCriterionFactory(innovation=adoption.innovation)
    FidelityAssessmentFactory(adoption=adoption)
    with pytest.raises(ProtectedError), transaction.atomic():
        criterion.delete()
    assert criterion.scores.count() == 1


def test_an_unscored_criterion_can_be_deleted():
    criterion = FidelityCriterionFactory()
    criterion.delete()
    assert criterion.pk is None


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        (0, FidelityBand.LOW),
        (50, FidelityBand.LOW),
        (51, FidelityBand.MODERATE),
        (79, FidelityBand.MODERATE),
        (80, FidelityBand.HIGH),
        (100, FidelityBand.HIGH),
        (None, None),
    ],
)
def test_fidelity_band_boundaries(percent, band):
    assert FidelityBand.for_score(percent) == band


def test_assessment_band_follows_its_score():
    assessment = FidelityAssessment(must_have_score=80)
    assert assessment.band == FidelityBand.HIGH


# --- Adaptations ------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", [Adaptation.DecisionStatus.APPROVED, Adaptation.DecisionStatus.REJECTED]
)
def test_decided_adaptation_has_a_decision_time(status):
    adaptation = AdaptationFactory(
        criteria=[], fidelity_relation=Adaptation.FidelityRelation.INCONSISTENT
    )
    adaptation.decision_status = status
    with violates("adaptation_decision_is_dated"):
        adaptation.save()


@pytest.mark.parametrize(
    "status", [Adaptation.DecisionStatus.PROPOSED, Adaptation.DecisionStatus.WITHDRAWN]
)
def test_undecided_adaptation_needs_no_decision_time(status):
    adaptation = AdaptationFactory(fidelity_relation=Adaptation.FidelityRelation.INCONSISTENT)
    adaptation.decision_status = status
    adaptation.save()
    assert adaptation.decided_at is None


# --- Audit history names the actor -------------------------------------------------


def test_history_of_service_writes_names_the_actor():
    actor = UserFactory()
    adoption = AdoptionFactory(actor=actor)
    assert adoption.history.first().history_user == actor
    assert adoption.stage_changes.get().history.first().history_user == actor

    grant = AdoptionRoleFactory(actor=actor, adoption=adoption)
    assert grant.history.first().history_user == actor

    update = ProgressUpdateFactory(actor=actor, adoption=adoption, rag=Rag.GREEN, submit=True)
    assert update.history.count() == 2
    assert update.history.first().history_user == actor
    assert update.history.first().status == ProgressUpdate.Status.SUBMITTED

    adaptation = AdaptationFactory(actor=actor, adoption=adoption)
    assert adaptation.history.first().history_user == actor

    assessment = FidelityAssessmentFactory(actor=actor, adoption=adoption)
    assert assessment.history.first().history_user == actor


def test_each_actor_is_recorded_on_their_own_change():
    first, second = UserFactory(), UserFactory()
    adoption = AdoptionFactory()
    update = ProgressUpdateFactory(actor=first, adoption=adoption, summary="First draft")
    ProgressUpdateFactory(actor=second, adoption=adoption, summary="Second draft")
    users = list(update.history.order_by("history_id").values_list("history_user", flat=True))
    assert users == [first.pk, second.pk]


# --- accreditations, programmes and conflicts between must-haves ---


def _accreditation(world, **fields):
    values = {
        "adoption": world.adoption,
        "kind": "licence",
        "awarding_body": "Developer",
        "standard": "Licence",
        "status": "awarded",
        "awarded_on": datetime.date(2024, 1, 1),
    } | fields
    return Accreditation.objects.create(**values)


def test_an_awarded_accreditation_is_dated(world):
    with violates("accreditation_award_is_dated"):
        _accreditation(world, awarded_on=None)
    assert _accreditation(world, status="applied", awarded_on=None).pk


def test_an_accreditation_expires_after_its_award(world):
    with violates("accreditation_expires_after_award"):
        _accreditation(world, expires_on=datetime.date(2024, 1, 1))
    assert _accreditation(world, expires_on=datetime.date(2024, 1, 2)).pk


def test_programme_names_are_unique_per_site(world):
    Programme.objects.create(site=world.adopting_site, name="Together")
    assert Programme.objects.create(site=world.other_site, name="Together").pk
    with violates("programme_name_unique_per_site"):
        Programme.objects.create(site=world.adopting_site, name="Together")


def _conflict(programme, first, second, **fields):
    values = {
        "description": "Clash.",
        "recorded_by": programme.adoptions.first().roles.first().user,
    }
    return MustHaveConflict.objects.create(
        programme=programme, first_criterion=first, second_criterion=second, **values | fields
    )


def test_conflict_rules_hold_in_the_database(world):
    from tests.world import world_programme

    programme = world_programme(world)
    existing = programme.conflicts.get()
    first, second = existing.first_criterion, existing.second_criterion
    with violates("conflict_between_two_criteria"):
        _conflict(programme, first, first)
    with violates("one_conflict_per_pair_per_programme"):
        _conflict(programme, first, second)
    with violates("conflict_resolution_recorded"):
        MustHaveConflict.objects.filter(pk=existing.pk).update(
            status="resolved", resolved_at=timezone.now(), resolution=""
        )
    with violates("conflict_resolution_recorded"):
        MustHaveConflict.objects.filter(pk=existing.pk).update(resolved_at=timezone.now())


def test_one_stored_figure_per_adoption_metric_and_month():
    adoption = AdoptionFactory()
    metric = OutcomeMetricFactory(innovation=adoption.innovation)
    now = timezone.now()
    figure = {
        "adoption": adoption,
        "metric": metric,
        "period": JAN,
        "value": 3,
        "total_to_date": 3,
        "submitted_at": now,
        "known_from": now,
    }
    MonthlyFigure.objects.create(**figure)
    with violates("one_figure_per_metric_per_month"):
        MonthlyFigure.objects.create(**figure)


def test_reading_updates_in_their_default_order_joins_no_other_table():
    """The default order is by the adoption's id: ordering by the adoption itself sorted
    by its innovation and site names, joining both tables into every read of updates,
    the home page's per-adoption subquery and `.first()` included."""
    sql = str(ProgressUpdate.objects.filter(adoption_id=1, period__year=2025).query)
    assert "JOIN" not in sql
    assert 'ORDER BY "adoptadapt_sites_progressupdate"."adoption_id" ASC' in sql
