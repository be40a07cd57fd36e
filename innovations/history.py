"""The change history of a directory entry, read from the audit trail.

Every save through a service writes a django-simple-history row naming who made it.
An entry's history is its own rows and those of its criteria, metrics, evidence
sources and resources, merged newest first. Reading it costs a fixed number of
queries: one per history table, then a few to describe the page being shown.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

from sites.models import Site

from .models import EvidenceSource, FidelityCriterion, Innovation, OutcomeMetric, Resource, Theme

# Bookkeeping that changes on every save, or that the entry's who-and-when already says.
NOT_SHOWN = {
    "id",
    "innovation",
    "created_at",
    "updated_at",
    "status_changed_at",
    "status_changed_by",
}
LABELS = {"position": "Order", "retired_at": "Retired", "url": "Link"}
M2M = {
    # field name → (accessor on a historical innovation, column on its m2m rows, model)
    "themes": ("historicalinnovation_themes_set", "theme_id", Theme),
    "support_organisations": ("historicalinnovation_support_organisations_set", "site_id", Site),
}
ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}
EMPTY = "(empty)"


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    """One row of the audit trail: what was saved, by whom, and what it changed."""

    record: Any
    model: type[models.Model]
    previous: Any = None
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def when(self) -> datetime:
        return self.record.history_date

    @property
    def who(self):
        return self.record.history_user

    @property
    def part(self) -> str:
        """What kind of thing changed, in the admins' words."""
        if self.model is Innovation:
            return "Entry details"
        if self.model is FidelityCriterion:
            kind = self.record.kind
            return "Must-have" if kind == FidelityCriterion.Kind.MUST_HAVE else "Adaptable part"
        return {
            OutcomeMetric: "Outcome metric",
            EvidenceSource: "Evidence source",
            Resource: "Resource",
        }[self.model]

    @property
    def name(self) -> str:
        return getattr(self.record, "name", None) or getattr(self.record, "title", "")

    @property
    def action(self) -> str:
        previous_retired = getattr(self.previous, "retired_at", None)
        retired = getattr(self.record, "retired_at", None)
        if self.record.history_type == "~" and self.previous is not None:
            if retired and not previous_retired:
                return "Retired"
            if previous_retired and not retired:
                return "Brought back"
        return ACTIONS[self.record.history_type]


def _records(innovation: Innovation) -> list[HistoryEntry]:
    sources = [
        (Innovation, Innovation.history.filter(id=innovation.pk)),
        *(
            (model, model.history.filter(innovation_id=innovation.pk))
            for model in (FidelityCriterion, OutcomeMetric, EvidenceSource, Resource)
        ),
    ]
    entries = []
    for model, records in sources:
        by_object = defaultdict(list)
        for record in records.select_related("history_user").order_by("history_date", "history_id"):
            by_object[record.id].append(record)
        for versions in by_object.values():
            previous = None
            for record in versions:
                entries.append(HistoryEntry(record=record, model=model, previous=previous))
                previous = record
    return entries


def innovation_history(innovation: Innovation) -> list[HistoryEntry]:
    """Every saved version of the entry and its parts, newest first, without diffs.

    Call `describe_changes` on the page of entries being shown to fill them in.
    """
    entries = _records(innovation)
    entries.sort(key=lambda entry: (entry.when, entry.record.history_id), reverse=True)
    return entries


def _m2m_ids(record, name: str) -> set[int]:
    accessor, column, _model = M2M[name]
    return {getattr(row, column) for row in getattr(record, accessor).all()}


def _raw_changes(entry: HistoryEntry) -> list[tuple[models.Field | str, Any, Any]]:
    """(field or m2m name, old, new) for every shown field that differs."""
    record, previous = entry.record, entry.previous
    delta = record.diff_against(previous, excluded_fields=NOT_SHOWN | set(M2M))
    changes: list[tuple[models.Field | str, Any, Any]] = [
        (entry.model._meta.get_field(change.field), change.old, change.new)
        for change in delta.changes
    ]
    if entry.model is Innovation:
        for name in M2M:
            old, new = _m2m_ids(previous, name), _m2m_ids(record, name)
            if old != new:
                changes.append((name, old, new))
    order = [f.name for f in entry.model._meta.fields] + list(M2M)
    changes.sort(key=lambda c: order.index(c[0] if isinstance(c[0], str) else c[0].name))
    return changes


class _Names:
    """Display names for the ids a page of changes mentions, fetched in one query each."""

    def __init__(self, raw: Iterable[tuple[models.Field | str, Any, Any]]):
        wanted: dict[type[models.Model], set[int]] = defaultdict(set)
        for target, old, new in raw:
            if isinstance(target, str):
                wanted[M2M[target][2]] |= old | new
            elif isinstance(target, models.ForeignKey):
                wanted[target.related_model] |= {v for v in (old, new) if v is not None}
        self.names = {
            model: {obj.pk: str(obj) for obj in model._default_manager.filter(pk__in=ids)}
            for model, ids in wanted.items()
        }

    def of(self, model, pk) -> str:
        return self.names.get(model, {}).get(pk, f"(deleted, number {pk})")


def _display(target: models.Field | str, value: Any, names: _Names) -> str:
    if isinstance(target, str):
        model = M2M[target][2]
        shown = sorted(names.of(model, pk) for pk in value)
        return ", ".join(shown) or "None"
    if value is None or value == "":
        return EMPTY
    if isinstance(target, models.ForeignKey):
        return names.of(target.related_model, value)
    if target.choices:
        return str(dict(target.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j F Y, H:i")
    return str(value)


def _label(target: models.Field | str) -> str:
    if isinstance(target, str):
        return capfirst(Innovation._meta.get_field(target).verbose_name)
    return LABELS.get(target.name) or capfirst(target.verbose_name)


def describe_changes(entries: Sequence[HistoryEntry]) -> None:
    """Fill in `changes` (field by field, with verbose names) for these entries."""
    changed = [e for e in entries if e.record.history_type == "~" and e.previous is not None]
    innovation_records = [
        record
        for entry in changed
        if entry.model is Innovation
        for record in (entry.record, entry.previous)
    ]
    prefetch_related_objects(innovation_records, *(accessor for accessor, _c, _m in M2M.values()))
    raw = {id(entry): _raw_changes(entry) for entry in changed}
    names = _Names(change for changes in raw.values() for change in changes)
    for entry in changed:
        entry.changes = [
            FieldChange(_label(target), _display(target, old, names), _display(target, new, names))
            for target, old, new in raw[id(entry)]
        ]
