"""Writes about directory entries. Each function is one transaction and names its actor."""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from adoptadapt.audit import save_as

from .lineage import check_lineage
from .models import EvidenceSource, FidelityCriterion, Innovation, OutcomeMetric, Resource
from .search import search_documents_refresh

ALLOWED_MOVES = {
    Innovation.Status.DRAFT: {Innovation.Status.PUBLISHED},
    Innovation.Status.PUBLISHED: {Innovation.Status.ARCHIVED, Innovation.Status.DRAFT},
    Innovation.Status.ARCHIVED: {Innovation.Status.PUBLISHED},
}


@transaction.atomic
def innovation_set_status(*, actor, innovation: Innovation, status: str) -> Innovation:
    """Move an entry along draft → published → archived, recording who and when."""
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    if status not in ALLOWED_MOVES[innovation.status]:
        raise ValidationError(
            f"A {innovation.get_status_display().lower()} entry cannot be moved to "
            f"{Innovation.Status(status).label.lower()}."
        )
    if status == Innovation.Status.PUBLISHED:
        problems = innovation_publish_problems(innovation)
        if problems:
            raise ValidationError(problems)
    innovation.status = status
    innovation.status_changed_at = timezone.now()
    innovation.status_changed_by = actor
    return save_as(innovation, actor=actor)


# --- Directory maintenance -------------------------------------------------------

INNOVATION_FIELDS = (
    "name",
    "slug",
    "summary",
    "problem_addressed",
    "originating_site",
    "original_constraints",
    "original_assets",
    "culture",
    "values",
    "leadership",
    "evidence_level",
    "evidence_summary",
    "cost_rating",
    "accreditation",
    "adapted_from",
    "lineage_changes",
    "lineage_reasons",
    "adapted_at",
    "adapted_by",
)
LINEAGE_DETAIL_FIELDS = ("lineage_changes", "lineage_reasons", "adapted_at", "adapted_by")


def innovation_publish_problems(innovation: Innovation) -> list[str]:
    """Why an entry cannot be published yet; empty when it can.

    Visitors read the summary first, and adopting sites need the must-haves.
    """
    problems = []
    if not innovation.summary.strip():
        problems.append("Add a summary before publishing: it is the first thing visitors read.")
    has_must_have = innovation.criteria.filter(
        kind=FidelityCriterion.Kind.MUST_HAVE, retired_at__isnull=True
    ).exists()
    if not has_must_have:
        problems.append(
            "Name at least one must-have before publishing, so adopting sites know "
            "what they must keep."
        )
    return problems


def _check_innovation_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(INNOVATION_FIELDS)
    if unknown:
        raise TypeError(f"Not an editable innovation field: {', '.join(sorted(unknown))}")


def _check_lineage_fields(innovation: Innovation) -> None:
    """An entry adapted from another says what changed; one that is not has no lineage."""
    check_lineage(innovation, innovation.adapted_from)
    if innovation.adapted_from is None:
        if any(getattr(innovation, name) for name in LINEAGE_DETAIL_FIELDS):
            raise ValidationError(
                {
                    "adapted_from": "Select the innovation it was adapted from, or clear the rest "
                    "of “Where it came from”."
                }
            )
    elif not innovation.lineage_changes.strip():
        raise ValidationError(
            {"lineage_changes": f"Say what changed from {innovation.adapted_from.name}."}
        )


def _set_relations(innovation: Innovation, *, themes, support_organisations) -> bool:
    """Set themes and support organisations; True if either changed.

    History is paused meanwhile: the caller saves once afterwards, so one edit is
    one history row that holds the fields and the relations together.
    """
    changed = False
    innovation.skip_history_when_saving = True
    try:
        for manager, wanted in (
            (innovation.themes, themes),
            (innovation.support_organisations, support_organisations),
        ):
            if wanted is None:
                continue
            wanted = list(wanted)
            if {obj.pk for obj in wanted} != set(manager.values_list("pk", flat=True)):
                manager.set(wanted)
                changed = True
    finally:
        del innovation.skip_history_when_saving
    return changed


@transaction.atomic
def innovation_create(
    *, actor, themes: Iterable = (), support_organisations: Iterable = (), **fields: Any
) -> Innovation:
    """A new directory entry. It starts as a draft that only directory admins see."""
    _check_innovation_fields(fields)
    innovation = Innovation(**fields, status=Innovation.Status.DRAFT)
    if not innovation.slug:
        innovation.slug = slugify(innovation.name)[:200]
    innovation.full_clean()
    _check_lineage_fields(innovation)
    save_as(innovation, actor=actor)
    if _set_relations(innovation, themes=themes, support_organisations=support_organisations):
        save_as(innovation, actor=actor)
    search_documents_refresh([innovation.pk])
    return innovation


@transaction.atomic
def innovation_update(
    *, actor, innovation: Innovation, themes=None, support_organisations=None, **fields: Any
) -> Innovation:
    """Change an entry's own fields; nothing is written (or logged) if nothing changed."""
    _check_innovation_fields(fields)
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    if "slug" in fields and not fields["slug"]:
        fields["slug"] = slugify(fields.get("name", innovation.name))[:200]
    changed = [name for name, value in fields.items() if getattr(innovation, name) != value]
    for name in changed:
        setattr(innovation, name, fields[name])
    if changed:
        innovation.full_clean()
        _check_lineage_fields(innovation)
    relations_changed = _set_relations(
        innovation, themes=themes, support_organisations=support_organisations
    )
    if changed or relations_changed:
        save_as(innovation, actor=actor)
        search_documents_refresh([innovation.pk])
    return innovation


@dataclass(frozen=True)
class RowChange:
    """One row of an entry's list (criteria, metrics, evidence, resources) as the admin
    left it. `instance` is None for a new row; `retire` applies to criteria and metrics."""

    instance: models.Model | None
    values: dict[str, Any] = field(default_factory=dict)
    delete: bool = False
    retire: bool = False


@dataclass
class RowsSaved:
    added: int = 0
    changed: int = 0
    retired: int = 0
    restored: int = 0
    deleted: int = 0

    def __str__(self) -> str:
        counts = (
            ("added", self.added),
            ("changed", self.changed),
            ("retired", self.retired),
            ("brought back", self.restored),
            ("deleted", self.deleted),
        )
        return ", ".join(f"{n} {label}" for label, n in counts if n) or "no changes"


@dataclass(frozen=True)
class _ChildList:
    model: type[models.Model]
    fields: tuple[str, ...]
    retirable: bool = False
    unique_names: bool = False
    duplicate_message: str = ""
    in_use_message: str = ""

    def in_use(self, pks: Collection[int]) -> set[int]:
        """Which of these rows other records point at, so they may not be deleted."""
        if self.model is FidelityCriterion:
            used = FidelityCriterion.objects.filter(pk__in=pks, scores__isnull=False)
        elif self.model is OutcomeMetric:
            used = OutcomeMetric.objects.filter(pk__in=pks).filter(
                models.Q(values__isnull=False) | models.Q(targets__isnull=False)
            )
        else:
            return set()
        return set(used.values_list("pk", flat=True))


CRITERIA = _ChildList(
    FidelityCriterion,
    fields=("name", "description", "kind", "dimension", "how_evidenced", "position"),
    retirable=True,
    unique_names=True,
    duplicate_message="This innovation already has a criterion called “{name}”.",
    in_use_message=(
        "“{name}” has been scored in a fidelity assessment, so it cannot be deleted. "
        "Retire it instead."
    ),
)
METRICS = _ChildList(
    OutcomeMetric,
    fields=("name", "description", "unit", "higher_is_better", "aggregation", "position"),
    retirable=True,
    unique_names=True,
    duplicate_message="This innovation already has a metric called “{name}”.",
    in_use_message=(
        "“{name}” has values or targets recorded by adopting sites, so it cannot be "
        "deleted. Retire it instead."
    ),
)
EVIDENCE_SOURCES = _ChildList(
    EvidenceSource, fields=("title", "kind", "publisher", "year", "url", "position")
)
RESOURCES = _ChildList(Resource, fields=("title", "kind", "description", "url", "position"))


def _check_names(spec: _ChildList, innovation: Innovation, rows: Sequence[RowChange]) -> None:
    if not spec.unique_names:
        return
    kept = [row.instance.pk for row in rows if row.instance is not None]
    names = list(
        spec.model.objects.filter(innovation=innovation)
        .exclude(pk__in=kept)
        .values_list("name", flat=True)
    )
    for row in rows:
        if not row.delete:
            names.append(row.values.get("name", getattr(row.instance, "name", "")))
    seen, duplicates = set(), []
    for name in names:
        key = name.strip().casefold()
        if key in seen and name not in duplicates:
            duplicates.append(name)
        seen.add(key)
    if duplicates:
        raise ValidationError([spec.duplicate_message.format(name=name) for name in duplicates])


def _next_position(spec: _ChildList, innovation: Innovation) -> int:
    top = spec.model.objects.filter(innovation=innovation).aggregate(top=Max("position"))["top"]
    return 1 if top is None else top + 1


def _rows_save(
    spec: _ChildList,
    *,
    actor,
    innovation: Innovation,
    rows: Sequence[RowChange],
    restore: Collection[int],
) -> RowsSaved:
    # One editor at a time per entry: a second save waits for the first to commit.
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    for row in rows:
        unknown = set(row.values) - set(spec.fields)
        if unknown:
            raise TypeError(f"Not an editable field: {', '.join(sorted(unknown))}")
    ids = {row.instance.pk for row in rows if row.instance is not None}
    current = {obj.pk: obj for obj in spec.model.objects.filter(innovation=innovation, pk__in=ids)}
    if ids - current.keys():
        raise ValidationError(
            "Someone else has changed this list since you opened it. "
            "Open the page again to see the latest version."
        )
    deleting = [current[row.instance.pk] for row in rows if row.instance and row.delete]
    blocked = spec.in_use([obj.pk for obj in deleting]) if deleting else set()
    if blocked:
        raise ValidationError(
            [spec.in_use_message.format(name=obj.name) for obj in deleting if obj.pk in blocked]
        )
    _check_names(spec, innovation, rows)

    result = RowsSaved()
    try:
        for obj in deleting:
            obj._history_user = actor
            obj.delete()
            result.deleted += 1
        for row in rows:
            if row.instance is None or row.delete:
                continue
            obj = current[row.instance.pk]
            changed = False
            for name, value in row.values.items():
                if name == "position" and value is None:
                    continue
                if getattr(obj, name) != value:
                    setattr(obj, name, value)
                    changed = True
            retiring = spec.retirable and row.retire and obj.retired_at is None
            if retiring:
                obj.retired_at = timezone.now()
                result.retired += 1
            elif changed:
                result.changed += 1
            if changed or retiring:
                obj.full_clean(validate_unique=False, validate_constraints=False)
                save_as(obj, actor=actor)
        position = _next_position(spec, innovation)
        for row in rows:
            if row.instance is not None:
                continue
            values = dict(row.values)
            if values.get("position") is None:
                values["position"] = position
                position += 1
            obj = spec.model(innovation=innovation, **values)
            obj.full_clean(validate_unique=False, validate_constraints=False)
            save_as(obj, actor=actor)
            result.added += 1
        for pk in restore:
            obj = spec.model.objects.filter(
                innovation=innovation, pk=pk, retired_at__isnull=False
            ).first()
            if obj is None:
                raise ValidationError("That item is not retired, so it cannot be brought back.")
            obj.retired_at = None
            obj.position = position
            position += 1
            save_as(obj, actor=actor)
            result.restored += 1
    except IntegrityError as error:
        # Two rows swapping names in one save: the constraint checks each row alone.
        raise ValidationError(
            "Two items cannot take each other's names in one save. "
            "Rename one of them first, save, then rename the other."
        ) from error
    return result


@transaction.atomic
def criteria_save(
    *, actor, innovation: Innovation, rows: Sequence[RowChange], restore: Collection[int] = ()
) -> RowsSaved:
    """Add, change, reorder, retire, bring back or delete must-haves and adaptable parts.

    A criterion that has been scored is retired, never deleted, so past assessments
    keep their meaning.
    """
    saved = _rows_save(CRITERIA, actor=actor, innovation=innovation, rows=rows, restore=restore)
    search_documents_refresh([innovation.pk])
    return saved


@transaction.atomic
def metrics_save(
    *, actor, innovation: Innovation, rows: Sequence[RowChange], restore: Collection[int] = ()
) -> RowsSaved:
    """Add, change, reorder, retire, bring back or delete outcome metrics; a metric with
    values or targets is retired, never deleted."""
    return _rows_save(METRICS, actor=actor, innovation=innovation, rows=rows, restore=restore)


@transaction.atomic
def evidence_sources_save(*, actor, innovation: Innovation, rows: Sequence[RowChange]) -> RowsSaved:
    return _rows_save(EVIDENCE_SOURCES, actor=actor, innovation=innovation, rows=rows, restore=())


@transaction.atomic
def resources_save(*, actor, innovation: Innovation, rows: Sequence[RowChange]) -> RowsSaved:
    return _rows_save(RESOURCES, actor=actor, innovation=innovation, rows=rows, restore=())


@transaction.atomic
def criterion_retire(*, actor, criterion: FidelityCriterion) -> FidelityCriterion:
    """Take a criterion out of use; its past scores keep their meaning."""
    criterion = FidelityCriterion.objects.select_for_update().get(pk=criterion.pk)
    if criterion.retired_at is None:
        criterion.retired_at = timezone.now()
        save_as(criterion, actor=actor)
        search_documents_refresh([criterion.innovation_id])
    return criterion


@transaction.atomic
def criterion_restore(*, actor, criterion: FidelityCriterion) -> FidelityCriterion:
    """Bring a retired criterion back, at the end of the list."""
    criterion = FidelityCriterion.objects.select_for_update().get(pk=criterion.pk)
    if criterion.retired_at is not None:
        criterion.position = _next_position(CRITERIA, criterion.innovation)
        criterion.retired_at = None
        save_as(criterion, actor=actor)
        search_documents_refresh([criterion.innovation_id])
    return criterion


@transaction.atomic
def metric_retire(*, actor, metric: OutcomeMetric) -> OutcomeMetric:
    metric = OutcomeMetric.objects.select_for_update().get(pk=metric.pk)
    if metric.retired_at is None:
        metric.retired_at = timezone.now()
        save_as(metric, actor=actor)
    return metric


@transaction.atomic
def metric_restore(*, actor, metric: OutcomeMetric) -> OutcomeMetric:
    metric = OutcomeMetric.objects.select_for_update().get(pk=metric.pk)
    if metric.retired_at is not None:
        metric.position = _next_position(METRICS, metric.innovation)
        metric.retired_at = None
        save_as(metric, actor=actor)
    return metric


# --- Lineage: an adaptation at a site becomes an entry of its own --------------------


def _adaptation_reasons(adaptation) -> str:
    labelled = (
        ("Sociopolitical", adaptation.reasons_sociopolitical),
        ("Organisation or setting", adaptation.reasons_organisation),
        ("Provider", adaptation.reasons_provider),
        ("Recipient", adaptation.reasons_recipient),
    )
    return "\n\n".join(f"{label}: {text.strip()}" for label, text in labelled if text.strip())


def promotion_initial(adaptation) -> dict[str, Any]:
    """What a new entry promoted from `adaptation` starts with, before the admin edits it."""
    adoption = adaptation.adoption
    return {
        "name": adaptation.title,
        "summary": adaptation.description,
        "lineage_changes": adaptation.description,
        "lineage_reasons": _adaptation_reasons(adaptation),
        "adapted_by": f"{adaptation.get_decided_by_display()}, {adoption.adopting_site.name}",
        "copy_parts": True,
    }


@transaction.atomic
def innovation_promote_adaptation(
    *,
    actor,
    adaptation,
    name: str,
    summary: str,
    lineage_changes: str,
    lineage_reasons: str,
    adapted_by: str,
    copy_parts: bool,
) -> Innovation:
    """A draft entry for an adaptation that has become an innovation in its own right.

    It keeps the link back to the adaptation, to the innovation it was adapted from and
    to the site where that happened; with `copy_parts`, it starts with the parent's
    current criteria and metrics for the admin to edit.
    """
    from sites.models import Adaptation

    adaptation = (
        Adaptation.objects.select_for_update()
        .select_related("adoption__innovation", "adoption__adopting_site")
        .get(pk=adaptation.pk)
    )
    if Innovation.objects.filter(promoted_from=adaptation).exists():
        raise ValidationError("This adaptation already has its own directory entry.")
    parent = adaptation.adoption.innovation
    site = adaptation.adoption.adopting_site
    innovation = innovation_create(
        actor=actor,
        name=name,
        slug="",
        summary=summary,
        originating_site=site,
        adapted_from=parent,
        lineage_changes=lineage_changes,
        lineage_reasons=lineage_reasons,
        adapted_at=site,
        adapted_by=adapted_by,
    )
    innovation.promoted_from = adaptation
    save_as(innovation, actor=actor, update_fields=["promoted_from"])
    if copy_parts:
        for spec, rows in (
            (CRITERIA, parent.criteria.filter(retired_at__isnull=True)),
            (METRICS, parent.metrics.filter(retired_at__isnull=True)),
        ):
            for row in rows:
                copied = spec.model(
                    innovation=innovation, **{name: getattr(row, name) for name in spec.fields}
                )
                save_as(copied, actor=actor)
        search_documents_refresh([innovation.pk])
    return innovation
