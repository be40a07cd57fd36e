"""factory_boy factories.

Directory entries (sites, innovations, criteria, metrics, boards) have no create
service, so their factories save the model. Everything that has a service
(adoptions, roles, memberships, updates, assessments, adaptations) is created
THROUGH it, so audit history, stage history and invariants hold as in production.
Those factories take an `actor`: the person the audit trail names.
"""

import datetime

import factory
from django.utils.text import slugify

from accounts.models import User
from governance.models import BoardMembership, GovernanceBoard
from governance.services import board_membership_grant
from innovations.models import FidelityCriterion, Innovation, OutcomeMetric, Theme
from sites.models import (
    Adaptation,
    Adoption,
    AdoptionRole,
    CriterionScore,
    FidelityAssessment,
    ProgressUpdate,
    Site,
    Stage,
)
from sites.services import (
    adaptation_log,
    adoption_create,
    adoption_role_grant,
    fidelity_assessment_record,
    progress_update_save,
    progress_update_submit,
)

DEFAULT_PASSWORD = "a-long-test-password-1234"


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    name = factory.Sequence(lambda n: f"Test Borough {n} Council")
    slug = factory.LazyAttribute(lambda site: slugify(site.name))
    kind = Site.Kind.LOCAL_AUTHORITY
    region = Site.Region.LONDON
    # Valid-format ONS GSS codes: E09 then six digits.
    gss_code = factory.Sequence(lambda n: f"E09{n % 1_000_000:06d}")
    # Three-digit DfE numbers, unique for the first 900 sites a test run creates.
    dfe_la_number = factory.Sequence(lambda n: 100 + n % 900)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    first_name = factory.Sequence(lambda n: f"Alex{n}")
    last_name = "Tester"
    organisation = factory.SubFactory(SiteFactory)

    @factory.post_generation
    def password(user, create, extracted, **kwargs):
        user.set_password(extracted or DEFAULT_PASSWORD)
        if create:
            user.save(update_fields=["password"])


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.LazyAttribute(lambda theme: slugify(theme.name))


class InnovationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Innovation

    name = factory.Sequence(lambda n: f"Innovation {n}")
    slug = factory.LazyAttribute(lambda innovation: slugify(innovation.name))
    summary = "A way of working with children and families, described for tests."
    originating_site = factory.SubFactory(SiteFactory)
    status = Innovation.Status.PUBLISHED


class FidelityCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FidelityCriterion

    innovation = factory.SubFactory(InnovationFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    kind = FidelityCriterion.Kind.MUST_HAVE
    dimension = FidelityCriterion.Dimension.ADHERENCE
    position = factory.Sequence(lambda n: n)


class OutcomeMetricFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeMetric

    innovation = factory.SubFactory(InnovationFactory)
    name = factory.Sequence(lambda n: f"Metric {n}")
    unit = "carers"


class GovernanceBoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GovernanceBoard

    name = factory.Sequence(lambda n: f"Governance Board {n}")
    slug = factory.LazyAttribute(lambda board: slugify(board.name))
    digest_day = 5


# --- Through the services ----------------------------------------------------


class ServiceFactory(factory.django.DjangoModelFactory):
    """Base for factories whose `create` calls a service instead of saving a model."""

    class Meta:
        abstract = True

    actor = factory.SubFactory(UserFactory)


class AdoptionFactory(ServiceFactory):
    """`adoption_create`: the adoption and its first stage change."""

    class Meta:
        model = Adoption

    innovation = factory.SubFactory(InnovationFactory)
    adopting_site = factory.SubFactory(SiteFactory)
    partner_site = factory.LazyAttribute(lambda adoption: adoption.innovation.originating_site)
    board = None
    started_on = datetime.date(2024, 1, 15)
    stage = Stage.EXPLORATION

    @classmethod
    def _create(cls, model_class, *, actor, **kwargs):
        return adoption_create(actor=actor, **kwargs)


class AdoptionRoleFactory(ServiceFactory):
    """`adoption_role_grant`."""

    class Meta:
        model = AdoptionRole

    adoption = factory.SubFactory(AdoptionFactory)
    user = factory.SubFactory(UserFactory)
    role = AdoptionRole.Role.LEAD

    @classmethod
    def _create(cls, model_class, *, actor, **kwargs):
        return adoption_role_grant(actor=actor, **kwargs)


class BoardMembershipFactory(ServiceFactory):
    """`board_membership_grant`."""

    class Meta:
        model = BoardMembership

    board = factory.SubFactory(GovernanceBoardFactory)
    user = factory.SubFactory(UserFactory)
    role = BoardMembership.Role.MEMBER
    receives_digest = True

    @classmethod
    def _create(cls, model_class, *, actor, **kwargs):
        return board_membership_grant(actor=actor, **kwargs)


class ProgressUpdateFactory(ServiceFactory):
    """`progress_update_save`, then `progress_update_submit` when `submit=True`.

    Any other keyword is a field of the update (rag, summary, ...).
    """

    class Meta:
        model = ProgressUpdate

    adoption = factory.SubFactory(AdoptionFactory)
    period = datetime.date(2025, 1, 1)
    summary = "Steady progress this month."
    submit = False

    @classmethod
    def _create(cls, model_class, *, actor, adoption, period, submit, **fields):
        metric_values = fields.pop("metric_values", None)
        update = progress_update_save(
            actor=actor,
            adoption=adoption,
            period=period,
            fields=fields,
            metric_values=metric_values,
        )
        if submit:
            update = progress_update_submit(actor=actor, update=update)
        return update


class FidelityAssessmentFactory(ServiceFactory):
    """`fidelity_assessment_record`; by default scores every active criterion as met."""

    class Meta:
        model = FidelityAssessment

    adoption = factory.SubFactory(AdoptionFactory)
    assessed_on = datetime.date(2025, 2, 1)
    method = FidelityAssessment.Method.SELF
    scores = None

    @classmethod
    def _create(cls, model_class, *, actor, adoption, scores, **kwargs):
        if scores is None:
            scores = dict.fromkeys(
                adoption.innovation.criteria.filter(retired_at__isnull=True),
                (CriterionScore.Score.MET, ""),
            )
        return fidelity_assessment_record(actor=actor, adoption=adoption, scores=scores, **kwargs)


class AdaptationFactory(ServiceFactory):
    """`adaptation_log`, FRAME-coded as a fidelity-consistent tweak by default."""

    class Meta:
        model = Adaptation

    adoption = factory.SubFactory(AdoptionFactory)
    criteria = ()
    title = factory.Sequence(lambda n: f"Adaptation {n}")
    description = "Meetings moved online for part of the month."
    made_on = datetime.date(2025, 1, 20)
    phase = Adaptation.Phase.IMPLEMENTATION
    planning = Adaptation.Planning.PLANNED_PROACTIVE
    decided_by = Adaptation.Decider.PROGRAMME_MANAGER
    what_modified = Adaptation.Modified.CONTEXT_FORMAT
    level_of_delivery = Adaptation.Level.TEAM
    modification_type = Adaptation.ModificationType.TAILORING
    fidelity_relation = Adaptation.FidelityRelation.CONSISTENT
    goal = Adaptation.Goal.FEASIBILITY

    @classmethod
    def _create(cls, model_class, *, actor, adoption, criteria, **frame_fields):
        return adaptation_log(actor=actor, adoption=adoption, criteria=criteria, **frame_fields)
