"""Writes about adoptions. Each function is one transaction and names its actor."""

import datetime
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from adoptadapt.audit import save_as
from innovations.models import FidelityCriterion, Innovation, OutcomeMetric

from .models import (
    Adaptation,
    Adoption,
    AdoptionRole,
    CriterionScore,
    FidelityAssessment,
    MetricValue,
    ProgressUpdate,
    Site,
    Stage,
    StageChange,
)


class StaleUpdateError(ValidationError):
    """Someone else saved the update after this person opened it."""


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


@transaction.atomic
def adoption_create(
    *,
    actor,
    innovation: Innovation,
    adopting_site: Site,
    started_on: datetime.date,
    stage: str = Stage.EXPLORATION,
    partner_site: Site | None = None,
    support_organisation: Site | None = None,
    board=None,
    team_notes: str = "",
) -> Adoption:
    adoption = Adoption(
        innovation=innovation,
        adopting_site=adopting_site,
        started_on=started_on,
        stage=stage,
        partner_site=partner_site,
        support_organisation=support_organisation,
        board=board,
        team_notes=team_notes,
    )
    adoption.full_clean()
    save_as(adoption, actor=actor)
    save_as(
        StageChange(adoption=adoption, stage=stage, changed_on=started_on, changed_by=actor),
        actor=actor,
    )
    return adoption


@transaction.atomic
def adoption_stage_change(
    *, actor, adoption: Adoption, stage: str, changed_on: datetime.date, note: str = ""
) -> StageChange:
    adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
    if stage == adoption.stage:
        raise ValidationError({"stage": "The adoption is already at this stage."})
    latest = adoption.stage_changes.order_by("-changed_on").first()
    if latest and changed_on < latest.changed_on:
        raise ValidationError({"changed_on": "The date must be on or after the last stage change."})
    adoption.stage = stage
    save_as(adoption, actor=actor, update_fields=["stage"])
    change = StageChange(
        adoption=adoption, stage=stage, changed_on=changed_on, changed_by=actor, note=note
    )
    return save_as(change, actor=actor)


@transaction.atomic
def adoption_role_grant(*, actor, adoption: Adoption, user, role: str) -> AdoptionRole:
    """Give `user` a role on the adoption, replacing any role they held on it."""
    existing = AdoptionRole.objects.filter(adoption=adoption, user=user).first()
    grant = existing or AdoptionRole(adoption=adoption, user=user)
    grant.role = role
    return save_as(grant, actor=actor)


@transaction.atomic
def progress_update_save(
    *,
    actor,
    adoption: Adoption,
    period: datetime.date,
    fields: Mapping[str, str],
    metric_values: Mapping[OutcomeMetric, Decimal | None] | None = None,
    expected_version: int | None = None,
) -> ProgressUpdate:
    """Save the month's update as a draft.

    `expected_version` is the version the person's form was opened at; if someone
    saved since, the save is refused rather than overwriting their work.
    """
    period = first_of_month(period)
    update = (
        ProgressUpdate.objects.select_for_update().filter(adoption=adoption, period=period).first()
    )
    if update is None:
        update = ProgressUpdate(adoption=adoption, period=period, created_by=actor)
    elif expected_version is not None and update.version != expected_version:
        raise StaleUpdateError(
            "Someone else saved this update after you opened it. Your changes have not "
            "been saved: copy them, reload the page and add them again."
        )
    elif update.status not in (ProgressUpdate.Status.DRAFT, ProgressUpdate.Status.RETURNED):
        raise ValidationError("This update has been submitted and can no longer be edited.")
    for name, value in fields.items():
        setattr(update, name, value)
    update.full_clean(exclude=["adoption", "created_by"], validate_unique=False)
    if update.pk:
        update.version += 1
    save_as(update, actor=actor)
    for metric, value in (metric_values or {}).items():
        if value is None:
            MetricValue.objects.filter(update=update, metric=metric).delete()
            continue
        row = MetricValue.objects.filter(update=update, metric=metric).first() or MetricValue(
            update=update, metric=metric
        )
        row.value = value
        save_as(row, actor=actor)
    return update


@transaction.atomic
def progress_update_submit(*, actor, update: ProgressUpdate) -> ProgressUpdate:
    update = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    if update.status not in (ProgressUpdate.Status.DRAFT, ProgressUpdate.Status.RETURNED):
        raise ValidationError("This update has already been submitted.")
    errors = {}
    if not update.rag:
        errors["rag"] = "Select a RAG status."
    elif update.rag in ("amber_red", "red") and not update.rag_explanation.strip():
        errors["rag_explanation"] = "Explain why the status is amber/red or red."
    if errors:
        raise ValidationError(errors)
    update.status = ProgressUpdate.Status.SUBMITTED
    update.submitted_by = actor
    update.submitted_at = timezone.now()
    update.version += 1
    return save_as(update, actor=actor)


def must_have_score(scores: Iterable[tuple[FidelityCriterion, str]]) -> int | None:
    """Percentage over assessed must-haves: met counts 1, partly met ½, not met 0."""
    weights = {
        CriterionScore.Score.MET: Decimal(1),
        CriterionScore.Score.PARTLY_MET: Decimal("0.5"),
        CriterionScore.Score.NOT_MET: Decimal(0),
    }
    assessed = [weights[s] for c, s in scores if c.is_must_have and s in weights]
    if not assessed:
        return None
    return int((sum(assessed) / len(assessed) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@transaction.atomic
def fidelity_assessment_record(
    *,
    actor,
    adoption: Adoption,
    assessed_on: datetime.date,
    method: str,
    scores: Mapping[FidelityCriterion, tuple[str, str]],
    summary: str = "",
) -> FidelityAssessment:
    """Record an assessment scoring every active criterion as (score, evidence note)."""
    foreign = [c for c in scores if c.innovation_id != adoption.innovation_id]
    if foreign:
        raise ValidationError({"scores": "Score only the criteria of this adoption's innovation."})
    active = set(adoption.innovation.criteria.filter(retired_at__isnull=True))
    missing = active - set(scores)
    if missing:
        raise ValidationError(
            "Score every active criterion: " + ", ".join(sorted(c.name for c in missing))
        )
    assessment = FidelityAssessment(
        adoption=adoption,
        assessed_on=assessed_on,
        method=method,
        assessed_by=actor,
        summary=summary,
        must_have_score=must_have_score((c, s) for c, (s, _) in scores.items()),
    )
    save_as(assessment, actor=actor)
    for criterion, (score, note) in scores.items():
        row = CriterionScore(
            assessment=assessment, criterion=criterion, score=score, evidence_note=note
        )
        row.full_clean(exclude=["assessment"], validate_unique=False)
        save_as(row, actor=actor)
    return assessment


@transaction.atomic
def adaptation_log(
    *,
    actor,
    adoption: Adoption,
    criteria: Iterable[FidelityCriterion] = (),
    **frame_fields,
) -> Adaptation:
    """Log an adaptation; one touching a must-have or fidelity waits for the board."""
    criteria = list(criteria)
    foreign = [c for c in criteria if c.innovation_id != adoption.innovation_id]
    if foreign:
        raise ValidationError({"criteria": "Choose criteria of this adoption's innovation."})
    adaptation = Adaptation(adoption=adoption, logged_by=actor, **frame_fields)
    adaptation.needs_board_decision = (
        any(c.is_must_have for c in criteria)
        or adaptation.fidelity_relation == Adaptation.FidelityRelation.INCONSISTENT
    )
    if not adaptation.needs_board_decision:
        adaptation.decision_status = Adaptation.DecisionStatus.APPROVED
        adaptation.decided_at = timezone.now()
        adaptation.decision_rationale = "Recorded by the project lead; no board decision needed."
    adaptation.full_clean()
    save_as(adaptation, actor=actor)
    adaptation.criteria.set(criteria)
    return adaptation
