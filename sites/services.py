"""Writes about adoptions. Each function is one transaction and names its actor."""

import datetime
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from adoptadapt import security
from adoptadapt.audit import save_as
from innovations.models import FidelityCriterion, Innovation, OutcomeMetric

from .figures import metric_figures_refresh
from .models import (
    Accreditation,
    Adaptation,
    Adoption,
    AdoptionRole,
    ContextFactor,
    CriterionScore,
    FidelityAssessment,
    LessonTag,
    MetricValue,
    Milestone,
    MustHaveConflict,
    PersonnelExchange,
    Programme,
    ProgressUpdate,
    ReadinessItem,
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
    previous_role = existing.role if existing else None
    grant = existing or AdoptionRole(adoption=adoption, user=user)
    grant.role = role
    save_as(grant, actor=actor)
    if previous_role != role:
        security.log_event_on_commit(
            security.ROLE_GRANTED,
            user=actor,
            subject_user_id=user.pk,
            role=role,
            previous_role=previous_role,
            adoption_id=adoption.pk,
        )
    return grant


@transaction.atomic
def progress_update_save(
    *,
    actor,
    adoption: Adoption,
    period: datetime.date,
    fields: Mapping[str, str],
    metric_values: Mapping[OutcomeMetric, Decimal | None] | None = None,
    expected_version: int | None = None,
    lesson_tags: Iterable[LessonTag] | None = None,
    new_lesson_tags: Iterable[str] = (),
) -> ProgressUpdate:
    """Save the month's update as a draft.

    `expected_version` is the version the person's form was opened at (0 for a
    month with no update yet); if someone saved since, the save is refused rather
    than overwriting their work. `lesson_tags` replaces the update's tags when
    given; `new_lesson_tags` are names of tags to add, created if they are new.
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
    else:
        try:
            with transaction.atomic():
                save_as(update, actor=actor)
        except IntegrityError as error:
            # Two people started the same month at once; the other got there first.
            raise StaleUpdateError(
                "Someone else started this update after you opened it. Your changes have "
                "not been saved."
            ) from error
    if lesson_tags is not None or new_lesson_tags:
        tags = list(update.lesson_tags.all()) if lesson_tags is None else list(lesson_tags)
        tags += [lesson_tag_get_or_create(actor=actor, name=name) for name in new_lesson_tags]
        update.lesson_tags.set(tags)
    for metric, value in (metric_values or {}).items():
        if value is None:
            MetricValue.objects.filter(update=update, metric=metric).delete()
            continue
        row = MetricValue.objects.filter(update=update, metric=metric).first() or MetricValue(
            update=update, metric=metric
        )
        row.value = value
        save_as(row, actor=actor)
    if update.status != ProgressUpdate.Status.DRAFT:
        # A returned update being corrected: its values still count on dashboards.
        metric_figures_refresh(adoption_ids=[update.adoption_id])
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
    if not update.summary.strip():
        errors["summary"] = "Enter a summary of the month."
    if errors:
        raise ValidationError(errors)
    update.status = ProgressUpdate.Status.SUBMITTED
    update.submitted_by = actor
    update.submitted_at = timezone.now()
    update.version += 1
    save_as(update, actor=actor)
    metric_figures_refresh(adoption_ids=[update.adoption_id])
    return update


def lesson_tag_get_or_create(*, actor, name: str) -> LessonTag:
    """The tag with this name (matched by its slug, so "Recruitment" is "recruitment"),
    created if no adopter has used it yet."""
    name = " ".join(name.split())
    slug = slugify(name)[:100]
    if not slug:
        raise ValidationError({"new_lesson_tags": f"“{name}” is not a tag: use letters or digits."})
    tag = LessonTag.objects.filter(slug=slug).first()
    if tag is None:
        tag = LessonTag(name=name[:100], slug=slug)
        tag.full_clean(validate_unique=False)
        save_as(tag, actor=actor)
    return tag


def _review_checks(*, actor, update: ProgressUpdate) -> ProgressUpdate:
    update = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    if update.status != ProgressUpdate.Status.SUBMITTED:
        raise ValidationError(
            f"Only a submitted update can be reviewed; this one is "
            f"{update.get_status_display().lower()}."
        )
    if update.submitted_by_id == actor.pk:
        raise ValidationError("You submitted this update, so someone else must review it.")
    return update


@transaction.atomic
def progress_update_accept(*, actor, update: ProgressUpdate, note: str = "") -> ProgressUpdate:
    """The originating partner or a board member accepts a submitted update."""
    update = _review_checks(actor=actor, update=update)
    update.status = ProgressUpdate.Status.ACCEPTED
    update.reviewed_by = actor
    update.reviewed_at = timezone.now()
    update.review_note = note.strip()
    update.version += 1
    return save_as(update, actor=actor)


@transaction.atomic
def progress_update_return(*, actor, update: ProgressUpdate, note: str) -> ProgressUpdate:
    """Send a submitted update back to the adoption team, saying what to change."""
    update = _review_checks(actor=actor, update=update)
    if not note.strip():
        raise ValidationError({"note": "Say what needs to change before the update is accepted."})
    update.status = ProgressUpdate.Status.RETURNED
    update.reviewed_by = actor
    update.reviewed_at = timezone.now()
    update.review_note = note.strip()
    update.version += 1
    return save_as(update, actor=actor)


@transaction.atomic
def adoption_contributors_may_submit_set(*, actor, adoption: Adoption, allowed: bool) -> Adoption:
    """The lead decides whether contributors may submit monthly updates themselves."""
    adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
    adoption.contributors_may_submit = allowed
    return save_as(adoption, actor=actor, update_fields=["contributors_may_submit"])


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
    co_assessors: Iterable = (),
) -> FidelityAssessment:
    """Record an assessment scoring every active criterion as (score, evidence note).

    Co-assessors (for example the originating partner) must hold a role on the adoption.
    """
    if assessed_on > timezone.localdate():
        raise ValidationError(
            {"assessed_on": "The date of the assessment must be today or in the past."}
        )
    foreign = [c for c in scores if c.innovation_id != adoption.innovation_id]
    if foreign:
        raise ValidationError({"scores": "Score only the criteria of this adoption's innovation."})
    co_assessors = [person for person in co_assessors if person.pk != actor.pk]
    with_role = set(
        AdoptionRole.objects.filter(adoption=adoption).values_list("user_id", flat=True)
    )
    if any(person.pk not in with_role for person in co_assessors):
        raise ValidationError(
            {"co_assessors": "Co-assessors must be people with a role on this adoption."}
        )
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
    if co_assessors:
        assessment.co_assessors.set(co_assessors)
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


@transaction.atomic
def adaptation_withdraw(*, actor, adaptation: Adaptation, reason: str = "") -> Adaptation:
    """The project lead takes back a proposed adaptation before the board decides it."""
    adaptation = Adaptation.objects.select_for_update().get(pk=adaptation.pk)
    if not AdoptionRole.objects.filter(
        adoption_id=adaptation.adoption_id, user=actor, role=AdoptionRole.Role.LEAD
    ).exists():
        raise PermissionDenied("Only the project lead can withdraw an adaptation.")
    if adaptation.decision_status != Adaptation.DecisionStatus.PROPOSED:
        raise ValidationError(
            "Only a proposed adaptation can be withdrawn; this one is already "
            f"{adaptation.get_decision_status_display().lower()}."
        )
    adaptation.decision_status = Adaptation.DecisionStatus.WITHDRAWN
    adaptation.decided_at = timezone.now()
    reason = reason.strip()
    adaptation.decision_rationale = f"Withdrawn by the project lead. {reason}".strip()
    return save_as(
        adaptation,
        actor=actor,
        update_fields=["decision_status", "decided_at", "decision_rationale"],
    )


# --- sites (organisations) ---------------------------------------------------

SITE_FIELDS = ("name", "slug", "kind", "region", "gss_code", "dfe_la_number", "website")
# Slugs the /sites/ URLs use for pages of their own.
RESERVED_SITE_SLUGS = frozenset({"new"})
DFE_NUMBER_ONLY_FOR_LOCAL_AUTHORITIES = (
    "Only local authorities have a DfE LA number. Leave it blank, or change the kind "
    "to local authority."
)


def site_slug_for(name: str, *, exclude_pk: int | None = None) -> str:
    """A slug made from the name, with -2, -3, ... when another site already has it."""
    base = slugify(name)[:190] or "site"
    taken = set(
        Site.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    taken |= RESERVED_SITE_SLUGS
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _site_check(site: Site) -> None:
    """Model validation plus the rule that only local authorities have DfE numbers."""
    errors = {}
    try:
        site.full_clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if site.slug in RESERVED_SITE_SLUGS:
        errors.setdefault("slug", []).append(
            ValidationError("This web address name is used by the service; choose another.")
        )
    if site.dfe_la_number is not None and site.kind != Site.Kind.LOCAL_AUTHORITY:
        errors.setdefault("dfe_la_number", []).append(
            ValidationError(DFE_NUMBER_ONLY_FOR_LOCAL_AUTHORITIES)
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def site_create(
    *,
    actor,
    name: str,
    kind: str,
    region: str,
    slug: str = "",
    gss_code: str = "",
    dfe_la_number: int | None = None,
    website: str = "",
) -> Site:
    """Add an organisation; a blank slug is made from the name."""
    site = Site(
        name=name.strip(),
        slug=slug or site_slug_for(name),
        kind=kind,
        region=region,
        gss_code=gss_code,
        dfe_la_number=dfe_la_number,
        website=website,
    )
    _site_check(site)
    return save_as(site, actor=actor)


@transaction.atomic
def site_update(*, actor, site: Site, **fields) -> Site:
    """Change an organisation's details; a blank slug is made again from the name."""
    unknown = set(fields) - set(SITE_FIELDS)
    if unknown:
        raise TypeError(f"site_update() got unknown fields: {sorted(unknown)}")
    site = Site.objects.select_for_update().get(pk=site.pk)
    for name, value in fields.items():
        setattr(site, name, value)
    site.name = site.name.strip()
    if not site.slug:
        site.slug = site_slug_for(site.name, exclude_pk=site.pk)
    _site_check(site)
    return save_as(site, actor=actor)


# --- The adoption journey: partnerships, context, readiness, milestones ---------


def _row_save(row, *, actor, fields: Mapping, allowed: Iterable[str], check=None):
    """Set `fields` on a journey row, validate it (constraints included) and save it."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields for {type(row).__name__}: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(row, name, value)
    if check is not None:
        check(row)
    row.full_clean()
    return save_as(row, actor=actor)


def _row_delete(row, *, actor) -> None:
    """Delete a journey row; its history records who deleted it."""
    row._history_user = actor
    row.delete()


def _locked(row):
    return type(row).objects.select_for_update().get(pk=row.pk)


@transaction.atomic
def adoption_partnership_update(
    *, actor, adoption: Adoption, partner_site: Site | None, support_organisation: Site | None
) -> Adoption:
    """Name the originating partner site and the support organisation helping this site."""
    adoption = _locked(adoption)
    errors = {}
    if partner_site is not None and partner_site.pk == adoption.adopting_site_id:
        errors["partner_site"] = "The originating partner must be a different site."
    if support_organisation is not None and support_organisation.pk == adoption.adopting_site_id:
        errors["support_organisation"] = "The support organisation must be a different site."
    if errors:
        raise ValidationError(errors)
    adoption.partner_site = partner_site
    adoption.support_organisation = support_organisation
    adoption.full_clean()
    return save_as(adoption, actor=actor, update_fields=["partner_site", "support_organisation"])


@transaction.atomic
def adoption_team_notes_update(*, actor, adoption: Adoption, team_notes: str) -> Adoption:
    adoption = _locked(adoption)
    adoption.team_notes = team_notes.strip()
    return save_as(adoption, actor=actor, update_fields=["team_notes"])


EXCHANGE_FIELDS = (
    "kind",
    "from_site",
    "to_site",
    "person_name",
    "role_description",
    "started_on",
    "ended_on",
    "notes",
)


def _exchange_check(exchange: PersonnelExchange) -> None:
    adopting_site = exchange.adoption.adopting_site
    if adopting_site.pk not in (exchange.from_site_id, exchange.to_site_id):
        raise ValidationError({"to_site": f"One of the two sites must be {adopting_site}."})


@transaction.atomic
def personnel_exchange_create(*, actor, adoption: Adoption, **fields) -> PersonnelExchange:
    return _row_save(
        PersonnelExchange(adoption=adoption),
        actor=actor,
        fields=fields,
        allowed=EXCHANGE_FIELDS,
        check=_exchange_check,
    )


@transaction.atomic
def personnel_exchange_update(*, actor, exchange: PersonnelExchange, **fields) -> PersonnelExchange:
    return _row_save(
        _locked(exchange),
        actor=actor,
        fields=fields,
        allowed=EXCHANGE_FIELDS,
        check=_exchange_check,
    )


@transaction.atomic
def personnel_exchange_delete(*, actor, exchange: PersonnelExchange) -> None:
    _row_delete(exchange, actor=actor)


ACCREDITATION_FIELDS = (
    "kind",
    "awarding_body",
    "standard",
    "status",
    "awarded_on",
    "expires_on",
    "evidence_url",
    "conditions",
)


@transaction.atomic
def accreditation_create(*, actor, adoption: Adoption, **fields) -> Accreditation:
    return _row_save(
        Accreditation(adoption=adoption), actor=actor, fields=fields, allowed=ACCREDITATION_FIELDS
    )


@transaction.atomic
def accreditation_update(*, actor, accreditation: Accreditation, **fields) -> Accreditation:
    return _row_save(
        _locked(accreditation), actor=actor, fields=fields, allowed=ACCREDITATION_FIELDS
    )


@transaction.atomic
def accreditation_delete(*, actor, accreditation: Accreditation) -> None:
    _row_delete(accreditation, actor=actor)


CONTEXT_FACTOR_FIELDS = (
    "domain",
    "name",
    "originating_context",
    "adopting_context",
    "originating_rating",
    "adopting_rating",
    "nature",
    "fit",
    "mitigation",
)


def _context_factor_check(factor: ContextFactor) -> None:
    factor.name = factor.name.strip()
    factor.mitigation = factor.mitigation.strip()
    if factor.fit != ContextFactor.Fit.ALIGNED and not factor.mitigation:
        raise ValidationError({"mitigation": "Say how you will deal with a gap or a blocker."})


@transaction.atomic
def context_factor_create(*, actor, adoption: Adoption, **fields) -> ContextFactor:
    return _row_save(
        ContextFactor(adoption=adoption),
        actor=actor,
        fields=fields,
        allowed=CONTEXT_FACTOR_FIELDS,
        check=_context_factor_check,
    )


@transaction.atomic
def context_factor_update(*, actor, factor: ContextFactor, **fields) -> ContextFactor:
    return _row_save(
        _locked(factor),
        actor=actor,
        fields=fields,
        allowed=CONTEXT_FACTOR_FIELDS,
        check=_context_factor_check,
    )


@transaction.atomic
def context_factor_delete(*, actor, factor: ContextFactor) -> None:
    _row_delete(factor, actor=actor)


READINESS_FIELDS = ("area", "description", "status", "due_on", "notes")


@transaction.atomic
def readiness_item_create(*, actor, adoption: Adoption, **fields) -> ReadinessItem:
    return _row_save(
        ReadinessItem(adoption=adoption), actor=actor, fields=fields, allowed=READINESS_FIELDS
    )


@transaction.atomic
def readiness_item_update(*, actor, item: ReadinessItem, **fields) -> ReadinessItem:
    return _row_save(_locked(item), actor=actor, fields=fields, allowed=READINESS_FIELDS)


@transaction.atomic
def readiness_item_status_set(*, actor, item: ReadinessItem, status: str) -> ReadinessItem:
    return _row_save(_locked(item), actor=actor, fields={"status": status}, allowed=("status",))


@transaction.atomic
def readiness_item_delete(*, actor, item: ReadinessItem) -> None:
    _row_delete(item, actor=actor)


MILESTONE_FIELDS = ("stage", "title", "due_on", "completed_on", "notes")


@transaction.atomic
def milestone_create(*, actor, adoption: Adoption, **fields) -> Milestone:
    """Add a milestone activity, after the others of the adoption."""
    last = adoption.milestones.order_by("-position").values_list("position", flat=True).first()
    milestone = Milestone(adoption=adoption, position=(last or 0) + 1)
    return _row_save(milestone, actor=actor, fields=fields, allowed=MILESTONE_FIELDS)


@transaction.atomic
def milestone_update(*, actor, milestone: Milestone, **fields) -> Milestone:
    return _row_save(_locked(milestone), actor=actor, fields=fields, allowed=MILESTONE_FIELDS)


@transaction.atomic
def milestone_complete(*, actor, milestone: Milestone, completed_on: datetime.date) -> Milestone:
    """Mark a milestone activity done; one already completed keeps its date."""
    milestone = _locked(milestone)
    if milestone.completed_on is not None:
        return milestone
    return _row_save(
        milestone, actor=actor, fields={"completed_on": completed_on}, allowed=("completed_on",)
    )


@transaction.atomic
def milestone_delete(*, actor, milestone: Milestone) -> None:
    _row_delete(milestone, actor=actor)


# --- Combined programmes: conflicts between must-haves --------------------------------


def _conflict_check(conflict: MustHaveConflict) -> None:
    """Both criteria are current must-haves of two different innovations that the
    programme runs; the pair is stored in one order so it is recorded only once."""
    first, second = conflict.first_criterion, conflict.second_criterion
    innovations = set(conflict.programme.adoptions.values_list("innovation_id", flat=True))
    errors = {}
    for name, criterion in (("first_criterion", first), ("second_criterion", second)):
        if criterion.innovation_id not in innovations:
            errors[name] = f"“{criterion}” is not a must-have of an innovation in this programme."
        elif not criterion.is_must_have or criterion.is_retired:
            errors[name] = f"“{criterion}” is not a current must-have."
    if not errors and first.innovation_id == second.innovation_id:
        errors["second_criterion"] = (
            "Select a must-have of a different innovation: a conflict is between two models."
        )
    if errors:
        raise ValidationError(errors)
    if first.pk > second.pk:
        conflict.first_criterion, conflict.second_criterion = second, first


@transaction.atomic
def must_have_conflict_record(
    *, actor, programme: Programme, first_criterion, second_criterion, description: str
) -> MustHaveConflict:
    conflict = MustHaveConflict(
        programme=programme,
        first_criterion=first_criterion,
        second_criterion=second_criterion,
        description=description.strip(),
        recorded_by=actor,
    )
    _conflict_check(conflict)
    conflict.full_clean()
    return save_as(conflict, actor=actor)


@transaction.atomic
def must_have_conflict_update(
    *, actor, conflict: MustHaveConflict, description: str, resolution: str, status: str
) -> MustHaveConflict:
    """Change the description or record how the conflict is resolved (or reopen it)."""
    conflict = _locked(conflict)
    conflict.description = description.strip()
    conflict.resolution = resolution.strip()
    if status == MustHaveConflict.Status.RESOLVED and not conflict.resolution:
        raise ValidationError({"resolution": "Say how the conflict is resolved."})
    if status != conflict.status:
        conflict.resolved_at = (
            timezone.now() if status == MustHaveConflict.Status.RESOLVED else None
        )
    conflict.status = status
    conflict.full_clean()
    return save_as(conflict, actor=actor)


@transaction.atomic
def programme_adoptions_set(*, actor, programme: Programme, adoptions) -> None:
    """Run these adoptions (all at the programme's site) as the programme, each
    overseen by the programme's shared board when it has one."""
    adoptions = list(adoptions)
    elsewhere = [a for a in adoptions if a.adopting_site_id != programme.site_id]
    if elsewhere:
        message = f"{elsewhere[0]} is not at {programme.site}: a programme runs at one site."
        raise ValidationError({"adoptions": message})
    chosen = {adoption.pk for adoption in adoptions}
    for adoption in Adoption.objects.select_for_update().filter(programme=programme):
        if adoption.pk not in chosen:
            adoption.programme = None
            save_as(adoption, actor=actor, update_fields=["programme"])
    for adoption in Adoption.objects.select_for_update().filter(pk__in=chosen):
        adoption.programme = programme
        fields = ["programme"]
        if programme.board_id is not None and adoption.board_id != programme.board_id:
            adoption.board_id = programme.board_id
            fields.append("board")
        save_as(adoption, actor=actor, update_fields=fields)
