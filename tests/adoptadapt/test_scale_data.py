"""The benchmark's data generator at a tiny scale: the counts it promises, the rules the
services keep, and the pages the benchmark measures rendering from it."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from django.test import Client
from django.utils import timezone

from accounts.models import User
from adoptadapt.scale_data import PASSWORD, BenchPages, Plan
from governance.digests import digest_compose
from governance.models import Decision, GovernanceBoard
from innovations.models import FidelityCriterion, Innovation
from sites.models import (
    Adaptation,
    Adoption,
    CriterionScore,
    FidelityAssessment,
    MetricValue,
    ProgressUpdate,
    Site,
)
from sites.periods import reporting_period
from sites.services import must_have_score

pytestmark = pytest.mark.django_db

SCALE = 0.005


@pytest.fixture
def generated():
    call_command("generate_scale_data", scale=SCALE, no_progress=True)
    return Plan.for_scale(SCALE)


def test_refuses_a_database_that_is_not_empty():
    User.objects.create_user(email="someone@example.test", password="not-the-point-123")

    with pytest.raises(CommandError, match="not empty"):
        call_command("generate_scale_data", scale=SCALE, no_progress=True)

    assert not Innovation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_database_first():
    # Outside a test transaction: PostgreSQL will not TRUNCATE a table with pending
    # constraint checks, as it would have inside one.
    User.objects.create_user(email="someone@example.test", password="not-the-point-123")

    call_command("generate_scale_data", scale=SCALE, flush=True, no_progress=True)

    assert not User.objects.filter(email="someone@example.test").exists()
    assert Adoption.objects.count() == Plan.for_scale(SCALE).adoptions


def test_refuses_to_run_with_production_settings(settings):
    settings.DEMO_DATA_ALLOWED = False

    with pytest.raises(CommandError, match="Refusing"):
        call_command("generate_scale_data", scale=SCALE, no_progress=True)


def test_a_scale_must_be_positive():
    with pytest.raises(CommandError, match="greater than 0"):
        call_command("generate_scale_data", scale=0, no_progress=True)


def test_plans_england_at_scale_1_and_a_tenth_at_scale_0_1():
    england, tenth = Plan.for_scale(1), Plan.for_scale(0.1)

    assert (england.local_authorities, england.other_organisations) == (153, 40)
    assert (england.innovations, england.adoptions, england.boards) == (150, 2000, 60)
    assert england.adaptations == 10000
    assert (tenth.innovations, tenth.adoptions, tenth.boards, tenth.adaptations) == (
        15,
        200,
        6,
        1000,
    )


def test_writes_what_the_plan_says(generated):
    plan = generated

    assert Site.objects.filter(kind=Site.Kind.LOCAL_AUTHORITY).count() == plan.local_authorities
    assert Site.objects.exclude(kind=Site.Kind.LOCAL_AUTHORITY).count() == (
        plan.other_organisations
    )
    assert Innovation.objects.count() == plan.innovations
    assert Adoption.objects.count() == plan.adoptions
    assert GovernanceBoard.objects.count() == plan.boards
    assert Adaptation.objects.count() == plan.adaptations
    # Five years of months for most adoptions, one update a month at most.
    assert ProgressUpdate.objects.count() > 40 * plan.adoptions
    per_month = ProgressUpdate.objects.values("adoption", "period").annotate(n=Count("pk"))
    assert max(row["n"] for row in per_month) == 1
    for innovation in Innovation.objects.annotate(
        criteria_count=Count("criteria", distinct=True),
        metric_count=Count("metrics", distinct=True),
    ):
        assert 8 <= innovation.criteria_count <= 15
        assert 3 <= innovation.metric_count <= 6
    user = User.objects.get(email="admin@scale.adoptadapt.test")
    assert user.check_password(PASSWORD) and user.is_directory_admin


def test_keeps_the_rules_the_services_keep(generated):
    # Every submitted update has a value for every metric of its innovation.
    submitted = ProgressUpdate.objects.exclude(status=ProgressUpdate.Status.DRAFT)
    short = submitted.annotate(
        values_count=Count("values", distinct=True),
        metrics_count=Count("adoption__innovation__metrics", distinct=True),
    ).exclude(values_count=F("metrics_count"))
    assert not short.exists()
    assert MetricValue.objects.count() >= 3 * submitted.count()
    # Every assessment scores every criterion, and its score is the must-haves' percentage.
    for assessment in FidelityAssessment.objects.prefetch_related("scores__criterion")[:50]:
        scores = list(assessment.scores.all())
        assert (
            len(scores)
            == FidelityCriterion.objects.filter(
                innovation=assessment.adoption.innovation_id
            ).count()
        )
        assert assessment.must_have_score == must_have_score((s.criterion, s.score) for s in scores)
    # An adaptation waits for the board exactly when it touches a must-have or fidelity.
    touching = Adaptation.objects.filter(
        Q(criteria__kind=FidelityCriterion.Kind.MUST_HAVE)
        | Q(fidelity_relation=Adaptation.FidelityRelation.INCONSISTENT)
    ).distinct()
    assert set(touching) == set(Adaptation.objects.filter(needs_board_decision=True))
    decided = Adaptation.objects.filter(
        needs_board_decision=True, decision_status__in=["approved", "rejected"]
    )
    assert decided.count() == Decision.objects.filter(adaptation__isnull=False).count()
    assert Adaptation.objects.filter(
        needs_board_decision=True, decision_status=Adaptation.DecisionStatus.PROPOSED
    ).exists()
    assert CriterionScore.objects.exists()


def test_boards_differ_in_size_and_this_month_has_drafts_and_gaps(generated):
    sizes = sorted(
        GovernanceBoard.objects.annotate(n=Count("adoptions")).values_list("n", flat=True),
        reverse=True,
    )
    assert sizes[0] > sizes[1]
    period = reporting_period(timezone.localdate())
    this_month = ProgressUpdate.objects.filter(period=period)
    assert this_month.filter(status=ProgressUpdate.Status.DRAFT).exists()
    assert this_month.count() < Adoption.objects.count()
    late = ProgressUpdate.objects.filter(submitted_at__isnull=False).exclude(
        submitted_at__day__lte=9
    )
    assert late.exists()


def test_the_pages_the_benchmark_measures_render(generated):
    found = BenchPages.find()
    clients = {"anonymous": Client(), "lead": Client(), "chair": Client()}
    clients["lead"].force_login(found.lead)
    clients["chair"].force_login(found.chair)

    for name, (path, who) in found.pages().items():
        response = clients[who].get(path)
        assert response.status_code == 200, (name, path, response.status_code)

    composed = digest_compose(
        board=found.board, period=reporting_period(timezone.localdate()), now=timezone.now()
    )
    assert found.board.name in composed.subject
