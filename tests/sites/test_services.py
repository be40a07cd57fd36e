import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from innovations.models import FidelityCriterion
from sites.models import (
    Adaptation,
    AdoptionRole,
    CriterionScore,
    FidelityAssessment,
    ProgressUpdate,
    Rag,
    Stage,
)
from sites.services import (
    StaleUpdateError,
    adoption_role_grant,
    adoption_stage_change,
    fidelity_assessment_record,
    must_have_score,
    progress_update_save,
    progress_update_submit,
)
from tests.factories import (
    AdaptationFactory,
    AdoptionFactory,
    AdoptionRoleFactory,
    FidelityCriterionFactory,
    OutcomeMetricFactory,
    ProgressUpdateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MUST = FidelityCriterion.Kind.MUST_HAVE
ADAPTABLE = FidelityCriterion.Kind.ADAPTABLE
Score = CriterionScore.Score
JAN = datetime.date(2025, 1, 1)


def _criterion(kind=MUST):
    """An unsaved criterion: must_have_score only reads its kind."""
    return FidelityCriterion(kind=kind)


# --- must_have_score ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        # Met 1, partly met ½, not met 0: (1 + ½ + 0) / 3 = 50 %.
        ([(MUST, Score.MET), (MUST, Score.PARTLY_MET), (MUST, Score.NOT_MET)], 50),
        ([(MUST, Score.MET), (MUST, Score.MET)], 100),
        ([(MUST, Score.NOT_MET), (MUST, Score.NOT_MET)], 0),
        ([(MUST, Score.MET), (MUST, Score.PARTLY_MET)], 75),
        # (1 + 1 + ½) / 3 = 83⅓ → 83.
        ([(MUST, Score.MET), (MUST, Score.MET), (MUST, Score.PARTLY_MET)], 83),
        # Adaptable criteria do not count, however they scored.
        (
            [
                (MUST, Score.MET),
                (MUST, Score.NOT_MET),
                (ADAPTABLE, Score.MET),
                (ADAPTABLE, Score.MET),
            ],
            50,
        ),
        # "Not assessed" is left out, not counted as not met.
        ([(MUST, Score.MET), (MUST, Score.NOT_ASSESSED)], 100),
        # No assessed must-have: no score at all.
        ([(MUST, Score.NOT_ASSESSED), (ADAPTABLE, Score.MET)], None),
        ([(ADAPTABLE, Score.NOT_MET)], None),
        ([], None),
    ],
)
def test_must_have_score_worked_examples(scores, expected):
    assert must_have_score((_criterion(kind), score) for kind, score in scores) == expected


# --- fidelity_assessment_record -----------------------------------------------------


@pytest.fixture
def assessed_adoption():
    adoption = AdoptionFactory()
    criteria = [
        FidelityCriterionFactory(innovation=adoption.innovation, name=name, kind=kind)
        for name, kind in (
            ("Units of five", MUST),
            ("Weekly case discussion", MUST),
            ("Clinician in every unit", MUST),
            ("Shared office", ADAPTABLE),
        )
    ]
    return adoption, criteria


def test_assessment_records_every_score_and_the_must_have_score(assessed_adoption):
    adoption, (units, weekly, clinician, office) = assessed_adoption
    actor = UserFactory()
    assessment = fidelity_assessment_record(
        actor=actor,
        adoption=adoption,
        assessed_on=datetime.date(2025, 3, 3),
        method=FidelityAssessment.Method.PEER,
        scores={
            units: (Score.MET, "Seen at visit"),
            weekly: (Score.PARTLY_MET, "Fortnightly"),
            clinician: (Score.NOT_MET, "Vacancy"),
            office: (Score.NOT_MET, "Hot-desking"),
        },
        summary="Peer review",
    )
    assert assessment.must_have_score == 50
    assert assessment.band == "low"
    assert assessment.assessed_by == actor
    recorded = {s.criterion.name: (s.score, s.evidence_note) for s in assessment.scores.all()}
    assert recorded == {
        "Units of five": ("met", "Seen at visit"),
        "Weekly case discussion": ("partly_met", "Fortnightly"),
        "Clinician in every unit": ("not_met", "Vacancy"),
        "Shared office": ("not_met", "Hot-desking"),
    }
    assert assessment.history.first().history_user == actor


def test_assessment_refuses_an_unscored_active_criterion(assessed_adoption):
    adoption, (units, weekly, clinician, office) = assessed_adoption
    with pytest.raises(ValidationError, match="Clinician in every unit"):
        fidelity_assessment_record(
            actor=UserFactory(),
            adoption=adoption,
            assessed_on=JAN,
            method=FidelityAssessment.Method.SELF,
            scores={units: (Score.MET, ""), weekly: (Score.MET, ""), office: (Score.MET, "")},
        )
    assert FidelityAssessment.objects.count() == 0
    assert CriterionScore.objects.count() == 0


def test_assessment_does_not_ask_for_retired_criteria(assessed_adoption):
    adoption, (units, weekly, clinician, office) = assessed_adoption
    clinician.retired_at = timezone.now()
    clinician.save()
    assessment = fidelity_assessment_record(
        actor=UserFactory(),
        adoption=adoption,
        assessed_on=JAN,
        method=FidelityAssessment.Method.SELF,
        scores={units: (Score.MET, ""), weekly: (Score.MET, ""), office: (Score.MET, "")},
    )
    assert assessment.must_have_score == 100


def test_assessment_refuses_criteria_of_another_innovation(assessed_adoption):
    """Like adaptation_log, an assessment may only score its own innovation's criteria."""
    adoption, criteria = assessed_adoption
    foreign = FidelityCriterionFactory(name="Someone else's must-have")
    scores = dict.fromkeys(criteria, (Score.MET, ""))
    scores[foreign] = (Score.NOT_MET, "")
    with pytest.raises(ValidationError):
        fidelity_assessment_record(
            actor=UserFactory(),
            adoption=adoption,
            assessed_on=JAN,
            method=FidelityAssessment.Method.SELF,
            scores=scores,
        )
    assert not CriterionScore.objects.filter(criterion=foreign).exists()


def test_assessment_refuses_a_score_that_is_not_a_choice(assessed_adoption):
    """An unknown score would be stored and then silently ignored by must_have_score."""
    adoption, criteria = assessed_adoption
    scores = dict.fromkeys(criteria, (Score.MET, ""))
    scores[criteria[0]] = ("excellent", "")
    with pytest.raises((ValidationError, IntegrityError)), transaction.atomic():
        fidelity_assessment_record(
            actor=UserFactory(),
            adoption=adoption,
            assessed_on=JAN,
            method=FidelityAssessment.Method.SELF,
            scores=scores,
        )
    assert not CriterionScore.objects.filter(score="excellent").exists()


# --- adaptation_log ------------------------------------------------------------------


def test_adaptation_touching_a_must_have_waits_for_the_board(assessed_adoption):
    adoption, (units, *_rest, office) = assessed_adoption
    adaptation = AdaptationFactory(adoption=adoption, criteria=[units, office])
    assert adaptation.needs_board_decision
    assert adaptation.awaiting_decision
    assert adaptation.decision_status == Adaptation.DecisionStatus.PROPOSED
    assert adaptation.decided_at is None
    assert set(adaptation.criteria.all()) == {units, office}


def test_fidelity_inconsistent_adaptation_waits_for_the_board(assessed_adoption):
    adoption, criteria = assessed_adoption
    office = criteria[-1]
    adaptation = AdaptationFactory(
        adoption=adoption,
        criteria=[office],
        fidelity_relation=Adaptation.FidelityRelation.INCONSISTENT,
    )
    assert adaptation.needs_board_decision
    assert adaptation.decision_status == Adaptation.DecisionStatus.PROPOSED
    assert adaptation.decided_at is None


@pytest.mark.parametrize(
    "relation", [Adaptation.FidelityRelation.CONSISTENT, Adaptation.FidelityRelation.UNKNOWN]
)
def test_adaptation_of_the_periphery_is_approved_at_once(assessed_adoption, relation):
    adoption, criteria = assessed_adoption
    office = criteria[-1]
    actor = UserFactory()
    adaptation = AdaptationFactory(
        actor=actor, adoption=adoption, criteria=[office], fidelity_relation=relation
    )
    assert not adaptation.needs_board_decision
    assert not adaptation.awaiting_decision
    assert adaptation.decision_status == Adaptation.DecisionStatus.APPROVED
    assert adaptation.decided_at is not None
    assert adaptation.logged_by == actor


def test_adaptation_refuses_criteria_of_another_innovation(assessed_adoption):
    adoption, _criteria = assessed_adoption
    foreign = FidelityCriterionFactory(kind=ADAPTABLE)
    with pytest.raises(ValidationError) as raised:
        AdaptationFactory(adoption=adoption, criteria=[foreign])
    assert "criteria" in raised.value.message_dict
    assert not Adaptation.objects.exists()


def test_adaptation_with_missing_frame_coding_is_refused():
    adoption = AdoptionFactory()
    with pytest.raises(ValidationError) as raised:
        AdaptationFactory(adoption=adoption, goal="")
    assert "goal" in raised.value.message_dict
    assert not Adaptation.objects.exists()


# --- progress_update_save / progress_update_submit ------------------------------------


def test_save_creates_a_draft_on_the_first_of_the_month():
    adoption = AdoptionFactory()
    actor = UserFactory()
    metric = OutcomeMetricFactory(innovation=adoption.innovation)
    update = progress_update_save(
        actor=actor,
        adoption=adoption,
        period=datetime.date(2025, 1, 17),
        fields={"summary": "Three constellations running"},
        metric_values={metric: Decimal("3")},
    )
    assert update.period == JAN
    assert update.status == ProgressUpdate.Status.DRAFT
    assert update.version == 1
    assert update.created_by == actor
    assert update.values.get(metric=metric).value == Decimal("3")


def test_saving_again_bumps_the_version_and_replaces_metric_values():
    adoption = AdoptionFactory()
    metric = OutcomeMetricFactory(innovation=adoption.innovation)
    other_metric = OutcomeMetricFactory(innovation=adoption.innovation)
    actor = UserFactory()
    first = progress_update_save(
        actor=actor,
        adoption=adoption,
        period=JAN,
        fields={"summary": "v1"},
        metric_values={metric: Decimal("3"), other_metric: Decimal("7")},
    )
    second = progress_update_save(
        actor=actor,
        adoption=adoption,
        period=JAN,
        fields={"summary": "v2"},
        metric_values={metric: Decimal("4"), other_metric: None},
        expected_version=first.version,
    )
    assert second.pk == first.pk
    assert second.version == 2
    second.refresh_from_db()
    assert second.summary == "v2"
    assert {v.metric_id: v.value for v in second.values.all()} == {metric.pk: Decimal("4")}


def test_stale_save_is_refused_and_the_first_save_is_kept():
    adoption = AdoptionFactory()
    alice, bob = UserFactory(), UserFactory()
    opened = progress_update_save(
        actor=alice, adoption=adoption, period=JAN, fields={"summary": "Started"}
    )
    # Alice and Bob both opened the form at this version.
    version_both_opened = opened.version
    progress_update_save(
        actor=alice,
        adoption=adoption,
        period=JAN,
        fields={"summary": "Alice's words"},
        expected_version=version_both_opened,
    )
    with pytest.raises(StaleUpdateError, match="Someone else saved this update"):
        progress_update_save(
            actor=bob,
            adoption=adoption,
            period=JAN,
            fields={"summary": "Bob's words"},
            expected_version=version_both_opened,
        )
    update = ProgressUpdate.objects.get(adoption=adoption, period=JAN)
    assert update.summary == "Alice's words"
    assert update.version == version_both_opened + 1
    assert update.history.first().history_user == alice


def test_submitted_update_can_no_longer_be_saved():
    update = ProgressUpdateFactory(rag=Rag.GREEN, submit=True)
    with pytest.raises(ValidationError, match="can no longer be edited"):
        progress_update_save(
            actor=UserFactory(),
            adoption=update.adoption,
            period=update.period,
            fields={"summary": "Late change"},
        )
    update.refresh_from_db()
    assert update.summary == "Steady progress this month."


def test_save_refuses_a_rag_status_that_is_not_a_choice():
    """Stored, an unknown RAG would pass submit and then break every page that shows it."""
    adoption = AdoptionFactory()
    with pytest.raises((ValidationError, IntegrityError)), transaction.atomic():
        progress_update_save(
            actor=UserFactory(), adoption=adoption, period=JAN, fields={"rag": "purple"}
        )
    assert not ProgressUpdate.objects.filter(rag="purple").exists()


def test_submit_records_who_and_when():
    update = ProgressUpdateFactory(rag=Rag.AMBER)
    actor = UserFactory()
    submitted = progress_update_submit(actor=actor, update=update)
    assert submitted.status == ProgressUpdate.Status.SUBMITTED
    assert submitted.submitted_by == actor
    assert submitted.submitted_at is not None
    assert submitted.version == update.version + 1


def test_submit_needs_a_rag_status():
    update = ProgressUpdateFactory(rag="")
    with pytest.raises(ValidationError) as raised:
        progress_update_submit(actor=UserFactory(), update=update)
    assert "rag" in raised.value.message_dict
    update.refresh_from_db()
    assert update.status == ProgressUpdate.Status.DRAFT


@pytest.mark.parametrize("rag", [Rag.AMBER_RED, Rag.RED])
@pytest.mark.parametrize("explanation", ["", "   \n "])
def test_submit_needs_an_explanation_for_amber_red_and_red(rag, explanation):
    update = ProgressUpdateFactory(rag=rag, rag_explanation=explanation)
    with pytest.raises(ValidationError) as raised:
        progress_update_submit(actor=UserFactory(), update=update)
    assert "rag_explanation" in raised.value.message_dict
    update.refresh_from_db()
    assert update.status == ProgressUpdate.Status.DRAFT


@pytest.mark.parametrize("rag", [Rag.AMBER_RED, Rag.RED])
def test_submit_with_an_explanation_is_accepted(rag):
    update = ProgressUpdateFactory(rag=rag, rag_explanation="Two social workers left.")
    submitted = progress_update_submit(actor=UserFactory(), update=update)
    assert submitted.status == ProgressUpdate.Status.SUBMITTED


def test_submit_twice_is_refused():
    update = ProgressUpdateFactory(rag=Rag.GREEN, submit=True)
    with pytest.raises(ValidationError, match="already been submitted"):
        progress_update_submit(actor=UserFactory(), update=update)


# --- adoption_stage_change / adoption_role_grant --------------------------------------


def test_stage_change_moves_the_adoption_and_records_history():
    adoption = AdoptionFactory(started_on=datetime.date(2024, 1, 15))
    actor = UserFactory()
    change = adoption_stage_change(
        actor=actor,
        adoption=adoption,
        stage=Stage.PREPARATION,
        changed_on=datetime.date(2024, 3, 1),
        note="Board agreed",
    )
    adoption.refresh_from_db()
    assert adoption.stage == Stage.PREPARATION
    assert change.changed_by == actor
    assert [(c.stage, c.changed_on) for c in adoption.stage_changes.order_by("changed_on")] == [
        (Stage.EXPLORATION, datetime.date(2024, 1, 15)),
        (Stage.PREPARATION, datetime.date(2024, 3, 1)),
    ]
    assert adoption.history.first().history_user == actor
    assert adoption.history.first().stage == Stage.PREPARATION


def test_stage_change_to_the_same_stage_is_refused():
    adoption = AdoptionFactory(stage=Stage.EXPLORATION)
    with pytest.raises(ValidationError) as raised:
        adoption_stage_change(
            actor=UserFactory(),
            adoption=adoption,
            stage=Stage.EXPLORATION,
            changed_on=datetime.date(2025, 1, 1),
        )
    assert "stage" in raised.value.message_dict
    assert adoption.stage_changes.count() == 1


def test_stage_change_before_the_last_one_is_refused():
    adoption = AdoptionFactory(started_on=datetime.date(2024, 6, 1))
    with pytest.raises(ValidationError) as raised:
        adoption_stage_change(
            actor=UserFactory(),
            adoption=adoption,
            stage=Stage.PREPARATION,
            changed_on=datetime.date(2024, 5, 31),
        )
    assert "changed_on" in raised.value.message_dict
    adoption.refresh_from_db()
    assert adoption.stage == Stage.EXPLORATION


def test_stage_change_on_the_same_day_is_allowed():
    adoption = AdoptionFactory(started_on=datetime.date(2024, 6, 1))
    adoption_stage_change(
        actor=UserFactory(),
        adoption=adoption,
        stage=Stage.PAUSED,
        changed_on=datetime.date(2024, 6, 1),
    )
    adoption.refresh_from_db()
    assert adoption.stage == Stage.PAUSED


def test_role_grant_replaces_an_earlier_role():
    grant = AdoptionRoleFactory(role=AdoptionRole.Role.CONTRIBUTOR)
    actor = UserFactory()
    adoption_role_grant(
        actor=actor, adoption=grant.adoption, user=grant.user, role=AdoptionRole.Role.LEAD
    )
    roles = AdoptionRole.objects.filter(adoption=grant.adoption, user=grant.user)
    assert list(roles.values_list("role", flat=True)) == [AdoptionRole.Role.LEAD]
    assert roles.get().history.first().history_user == actor


def test_adoption_create_refuses_the_same_innovation_twice_at_a_site():
    adoption = AdoptionFactory()
    with pytest.raises(ValidationError):
        AdoptionFactory(innovation=adoption.innovation, adopting_site=adoption.adopting_site)
