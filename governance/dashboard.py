"""A board's month: everything its dashboard, board pack and digest show.

`board_month` reads it in a fixed number of queries however many adoptions, months
or metrics there are, and only from what was known at the window's `as_of` moment
(see `governance.months`), so a past month's page does not change afterwards.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, partial
from typing import NamedTuple

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from innovations.models import OutcomeMetric
from sites.models import (
    Accreditation,
    Adaptation,
    Adoption,
    FidelityBand,
    MetricTarget,
    MustHaveConflict,
    ProgressUpdate,
    Rag,
    Stage,
    StageChange,
)
from sites.periods import PeriodStatus, next_month, period_status

from .heatmaps import Heatmap, LatestScores, with_fidelity_as_of
from .models import Action, BoardMeeting, GovernanceBoard
from .months import BoardMonthWindow
from .rollups import MetricTotal, combine_sites, percent_of, site_figures

UpdateStatus = ProgressUpdate.Status
# Worst first: the order RAG counts and charts are shown in.
RAG_ORDER = [Rag.RED, Rag.AMBER_RED, Rag.AMBER, Rag.AMBER_GREEN, Rag.GREEN]
REPORTED = ("submitted", "returned", "accepted")


@dataclass(frozen=True)
class MetricFigure:
    """One metric at one site: its figure to date against the site's target."""

    metric: OutcomeMetric
    value: Decimal | None
    target: Decimal | None

    @property
    def percent_of_target(self) -> int | None:
        return percent_of(self.value, self.target)


@dataclass(frozen=True)
class TrendPoint:
    period: datetime.date
    rag: str | None

    @property
    def label(self) -> str:
        return Rag(self.rag).label if self.rag else "No update"


class EarlierUpdate(NamedTuple):
    """What a trend point needs of an update for a month before the one shown."""

    status: str
    rag: str
    submitted_at: datetime.datetime | None
    reviewed_at: datetime.datetime | None


@dataclass
class AdoptionRow:
    """One adoption's line on the dashboard."""

    adoption: Adoption
    stage: str
    update: ProgressUpdate | None
    update_status: PeriodStatus
    trend: list[TrendPoint]
    awaiting_decision: int
    figures: "SiteFigures" = field(repr=False, compare=False)

    @cached_property
    def metrics(self) -> list[MetricFigure]:
        """Its figure for each of its innovation's current metrics, against its target."""
        return self.figures.of(self.adoption)

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label

    @property
    def rag(self) -> str | None:
        return self.trend[-1].rag

    @property
    def previous_rag(self) -> str | None:
        return self.trend[-2].rag if len(self.trend) > 1 else None

    @property
    def fidelity_score(self) -> int | None:
        return self.adoption.latest_fidelity_score

    @property
    def fidelity_band(self) -> FidelityBand | None:
        return FidelityBand.for_score(self.fidelity_score)

    @property
    def fidelity_change(self) -> int | None:
        """Points up or down since the assessment before the latest one."""
        previous = self.adoption.previous_fidelity_score
        if self.fidelity_score is None or previous is None:
            return None
        return self.fidelity_score - previous

    @property
    def expected_to_report(self) -> bool:
        return self.stage != Stage.DISCONTINUED

    @property
    def has_not_reported(self) -> bool:
        return self.expected_to_report and self.update_status.is_open


@dataclass
class InnovationTotals:
    innovation_name: str
    site_count: int
    metrics: list[MetricTotal]


class InnovationFigures:
    """One innovation's totals and fidelity heatmap, worked out when first read: a
    national board's dashboard shows only the first few of its many innovations."""

    def __init__(self, name: str, *, totals, heatmap):
        self.name = name
        self._totals, self._heatmap = totals, heatmap

    @cached_property
    def totals(self) -> InnovationTotals:
        return self._totals()

    @cached_property
    def heatmap(self) -> Heatmap:
        return self._heatmap()


@dataclass(frozen=True)
class Lesson:
    adoption: Adoption
    update: ProgressUpdate
    text: str
    tags: list[str]


@dataclass(frozen=True)
class RagCount:
    rag: str | None
    this_month: int
    last_month: int

    @property
    def label(self) -> str:
        return Rag(self.rag).label if self.rag else "No update"

    @property
    def change(self) -> int:
        return self.this_month - self.last_month


@dataclass
class BoardMonth:
    board: GovernanceBoard
    window: BoardMonthWindow
    rows: list[AdoptionRow]
    lessons: list[Lesson]
    awaiting_decision: list[Adaptation]
    open_actions: list[Action]
    meetings: list[BoardMeeting]
    # What each innovation's totals and heatmap are built from, when first read.
    figures: "SiteFigures" = field(repr=False)
    scores: LatestScores = field(repr=False)
    accreditations: list[Accreditation] = field(default_factory=list)
    conflicts: list[MustHaveConflict] = field(default_factory=list)

    @property
    def month(self) -> datetime.date:
        return self.window.month

    @cached_property
    def _by_innovation(self) -> dict[int, InnovationFigures]:
        """Each innovation's figures, in the order its first row comes."""
        rows_of = defaultdict(list)
        for row in self.rows:
            rows_of[row.adoption.innovation_id].append(row)
        return {
            innovation_id: InnovationFigures(
                rows[0].adoption.innovation.name,
                totals=partial(_innovation_totals, rows, self.figures.metrics[innovation_id]),
                heatmap=partial(self.scores.heatmap, [row.adoption for row in rows]),
            )
            for innovation_id, rows in rows_of.items()
        }

    @cached_property
    def totals(self) -> list[InnovationTotals]:
        """Each innovation's metric totals across its sites, in the order of the rows."""
        return [figures.totals for figures in self._by_innovation.values()]

    @cached_property
    def heatmaps(self) -> list[Heatmap]:
        """Each innovation's fidelity heatmap, in the order of the rows."""
        return [figures.heatmap for figures in self._by_innovation.values()]

    @cached_property
    def innovations(self) -> list[InnovationFigures]:
        """Each innovation's totals and fidelity heatmap together, by name."""
        return sorted(self._by_innovation.values(), key=lambda figures: figures.name)

    @property
    def expiry_warning_days(self) -> int:
        return Accreditation.EXPIRY_WARNING_DAYS

    @cached_property
    def not_reported(self) -> list[AdoptionRow]:
        """Who has not reported for the month, longest overdue first."""
        rows = [row for row in self.rows if row.has_not_reported]
        return sorted(rows, key=lambda row: -row.update_status.days_overdue)

    @property
    def overdue_actions(self) -> list[Action]:
        return [action for action in self.open_actions if action.is_overdue]

    @cached_property
    def rag_counts(self) -> list[RagCount]:
        this_month = Counter(row.rag for row in self.rows)
        last_month = Counter(row.previous_rag for row in self.rows)
        return [
            RagCount(rag=rag, this_month=this_month[rag], last_month=last_month[rag])
            for rag in [*RAG_ORDER, None]
        ]

    @property
    def rag_changes(self) -> list[AdoptionRow]:
        """Adoptions whose RAG differs from last month's (both months reported)."""
        return [
            row for row in self.rows if row.rag and row.previous_rag and row.rag != row.previous_rag
        ]

    @property
    def fidelity_changes(self) -> list[AdoptionRow]:
        """Adoptions assessed in this month or the reporting cycle after it."""
        return [
            row
            for row in self.rows
            if row.adoption.latest_assessed_on
            and row.adoption.latest_assessed_on >= self.window.month
            and row.fidelity_change is not None
        ]


def _stage_as_of(as_of_date: datetime.date):
    return Coalesce(
        Subquery(
            StageChange.objects.filter(adoption=OuterRef("pk"), changed_on__lte=as_of_date)
            .order_by("-changed_on", "-id")
            .values("stage")[:1]
        ),
        "stage",
    )


def _awaiting_as_of(as_of: datetime.datetime) -> Q:
    """Adaptations needing a board decision that were logged, and still undecided, then."""
    return Q(needs_board_decision=True, created_at__lte=as_of) & (
        Q(decision_status=Adaptation.DecisionStatus.PROPOSED) | Q(decided_at__gt=as_of)
    )


def board_adoptions(board: GovernanceBoard, window: BoardMonthWindow):
    """The board's adoptions that had started by the end of the month, with their
    stage, fidelity and undecided adaptations as they stood at `window.as_of`."""
    awaiting = (
        Adaptation.objects.filter(adoption=OuterRef("pk"))
        .filter(_awaiting_as_of(window.as_of))
        .order_by()
        .values("adoption")
        .annotate(count=Count("pk"))
        .values("count")
    )
    adoptions = (
        Adoption.objects.filter(board=board, started_on__lt=next_month(window.month))
        .select_related("innovation", "adopting_site")
        .annotate(
            stage_then=_stage_as_of(window.as_of_date),
            awaiting_count=Coalesce(Subquery(awaiting), 0),
        )
        .order_by("innovation__name", "adopting_site__name", "pk")
    )
    return with_fidelity_as_of(adoptions, window.as_of)


def _status_then(
    update: ProgressUpdate | EarlierUpdate | None, as_of: datetime.datetime
) -> str | None:
    """What the update's status was at `as_of`. One submitted later had not been
    submitted then (whether a draft existed is not known, so it counts as missing);
    a later return or acceptance was still only submitted."""
    if update is None:
        return None
    if update.status == UpdateStatus.DRAFT or not update.submitted_at:
        return UpdateStatus.DRAFT
    if update.submitted_at > as_of:
        return None
    reviewed_later = update.reviewed_at is not None and update.reviewed_at > as_of
    if update.status in (UpdateStatus.RETURNED, UpdateStatus.ACCEPTED) and reviewed_later:
        return UpdateStatus.SUBMITTED
    return update.status


def _updates(adoption_ids, window: BoardMonthWindow) -> dict[tuple[int, datetime.date], object]:
    """Each adoption's updates for the trend's months, by (adoption id, period): the
    month's own as a `ProgressUpdate`, earlier ones as `EarlierUpdate` (a model instance
    for each of six months of a national board's updates cost more than the query)."""
    updates = ProgressUpdate.objects.filter(adoption_id__in=adoption_ids).order_by()
    earlier = updates.filter(
        period__gte=window.trend_periods[0], period__lt=window.month
    ).values_list("adoption_id", "period", *EarlierUpdate._fields)
    by_month = {
        (adoption_id, period): EarlierUpdate(*fields) for adoption_id, period, *fields in earlier
    }
    for update in updates.filter(period=window.month).only(
        "adoption_id", "period", "summary", "lessons_learned", *EarlierUpdate._fields
    ):
        by_month[update.adoption_id, update.period] = update
    return by_month


def _lesson_tags(updates) -> dict[int, list[str]]:
    """The names of each update's lesson tags, by update id: one query for them all
    (prefetching them cost a queryset per update, for six months of updates)."""
    tagged = ProgressUpdate.lesson_tags.through.objects.filter(
        progressupdate_id__in=[update.pk for update in updates]
    ).order_by("lessontag__name", "lessontag_id")
    names = defaultdict(list)
    for update_id, name in tagged.values_list("progressupdate_id", "lessontag__name"):
        names[update_id].append(name)
    return names


class SiteFigures:
    """The current metrics of some adoptions' innovations, and each adoption's figure
    to date and target for each: three queries."""

    def __init__(self, adoptions: list[Adoption], window: BoardMonthWindow):
        self.metrics = defaultdict(list)
        for metric in OutcomeMetric.objects.filter(
            innovation_id__in={adoption.innovation_id for adoption in adoptions},
            retired_at__isnull=True,
        ).order_by("position", "id"):
            self.metrics[metric.innovation_id].append(metric)
        adoption_ids = [adoption.pk for adoption in adoptions]
        self.targets = {
            (adoption_id, metric_id): target
            for adoption_id, metric_id, target in MetricTarget.objects.filter(
                adoption_id__in=adoption_ids
            )
            .order_by()
            .values_list("adoption_id", "metric_id", "target")
        }
        self.values = site_figures(adoption_ids, month=window.month, as_of=window.as_of)

    def of(self, adoption: Adoption) -> list[MetricFigure]:
        return [
            MetricFigure(
                metric=metric,
                value=self.values.get((adoption.pk, metric.pk)),
                target=self.targets.get((adoption.pk, metric.pk)),
            )
            for metric in self.metrics[adoption.innovation_id]
        ]


def _innovation_totals(rows: list[AdoptionRow], metrics: list[OutcomeMetric]) -> InnovationTotals:
    """One innovation's metric totals across the sites of its rows."""
    return InnovationTotals(
        innovation_name=rows[0].adoption.innovation.name,
        site_count=len(rows),
        metrics=[
            combine_sites(
                metric,
                [
                    (
                        row.adoption.adopting_site.name,
                        row.metrics[index].value,
                        row.metrics[index].target,
                    )
                    for row in rows
                ],
            )
            for index, metric in enumerate(metrics)
        ],
    )


def _lessons(rows: list[AdoptionRow]) -> list[Lesson]:
    reported = [
        row
        for row in rows
        if row.update and row.update_status.code in REPORTED and row.update.lessons_learned.strip()
    ]
    tags = _lesson_tags([row.update for row in reported]) if reported else {}
    return [
        Lesson(
            adoption=row.adoption,
            update=row.update,
            text=row.update.lessons_learned,
            tags=tags.get(row.update.pk, []),
        )
        for row in reported
    ]


def _awaiting_decision(adoptions: list[Adoption], window: BoardMonthWindow) -> list[Adaptation]:
    """The month's adoptions' adaptations awaiting a decision at the as-of moment (by
    their ids: joined to the board instead, PostgreSQL read every adaptation)."""
    return list(
        Adaptation.objects.filter(adoption_id__in=[adoption.pk for adoption in adoptions])
        .filter(_awaiting_as_of(window.as_of))
        .select_related("adoption__innovation", "adoption__adopting_site")
        .prefetch_related("criteria")
        .order_by("made_on", "pk")
    )


def _open_actions(board: GovernanceBoard, window: BoardMonthWindow) -> list[Action]:
    """Actions still open at the as-of date (done later counts as open then)."""
    actions = (
        Action.objects.filter(board=board)
        .filter(
            Q(status__in=[Action.Status.OPEN, Action.Status.IN_PROGRESS])
            | Q(status=Action.Status.DONE, completed_on__gt=window.as_of_date)
        )
        .filter(Q(meeting__isnull=True) | Q(meeting__held_on__lte=window.as_of_date))
        .select_related("owner", "meeting")
        .order_by("due_on", "pk")
    )
    actions = list(actions)
    for action in actions:
        action.is_overdue = action.due_on < window.as_of_date
        action.days_overdue = max(0, (window.as_of_date - action.due_on).days)
    return actions


def _meetings(board: GovernanceBoard, window: BoardMonthWindow) -> list[BoardMeeting]:
    return list(
        BoardMeeting.objects.filter(board=board, held_on__lte=window.as_of_date)
        .annotate(decision_count=Count("decisions"))
        .order_by("-held_on")[:3]
    )


def _accreditations(board: GovernanceBoard, window: BoardMonthWindow) -> list[Accreditation]:
    """Held accreditations and licences that expire within the warning period after
    the as-of date, or expired in the same period before it, soonest first."""
    day = window.as_of_date
    warning = datetime.timedelta(days=Accreditation.EXPIRY_WARNING_DAYS)
    accreditations = list(
        Accreditation.objects.filter(
            adoption__board=board, adoption__started_on__lt=next_month(window.month)
        )
        .expiring_between(day - warning, day + warning)
        .select_related("adoption__innovation", "adoption__adopting_site")
        .order_by("expires_on", "pk")
    )
    for accreditation in accreditations:
        accreditation.days_left = accreditation.days_to_expiry(day)
    return accreditations


def _conflicts(board: GovernanceBoard, window: BoardMonthWindow) -> list[MustHaveConflict]:
    """Conflicts between must-haves in the programmes this board oversees: those
    recorded by the as-of moment and still open at some point in the month."""
    overseen = Q(programme__board=board) | Q(
        programme__in=Adoption.objects.filter(board=board, programme__isnull=False).values(
            "programme"
        )
    )
    conflicts = list(
        MustHaveConflict.objects.filter(overseen, recorded_at__lte=window.as_of)
        .exclude(resolved_at__lt=window.month_starts_at)
        .select_related(
            "programme__site", "first_criterion__innovation", "second_criterion__innovation"
        )
        .order_by("recorded_at", "pk")
    )
    for conflict in conflicts:
        conflict.resolved_then = (
            conflict.resolved_at is not None and conflict.resolved_at <= window.as_of
        )
    return conflicts


def board_month(board: GovernanceBoard, window: BoardMonthWindow) -> BoardMonth:
    adoptions = list(board_adoptions(board, window))
    updates = _updates([adoption.pk for adoption in adoptions], window)
    figures = SiteFigures(adoptions, window)
    periods, as_of, as_of_date = window.trend_periods, window.as_of, window.as_of_date
    rows = []
    for adoption in adoptions:
        trend = []
        for period in periods:
            update = updates.get((adoption.pk, period))
            status = _status_then(update, as_of)
            shown = status not in (None, UpdateStatus.DRAFT)
            trend.append(TrendPoint(period=period, rag=update.rag if shown else None))
        update = updates.get((adoption.pk, window.month))
        rows.append(
            AdoptionRow(
                adoption=adoption,
                stage=adoption.stage_then,
                update=update,
                update_status=period_status(
                    window.month, update_status=_status_then(update, as_of), today=as_of_date
                ),
                trend=trend,
                awaiting_decision=adoption.awaiting_count,
                figures=figures,
            )
        )
    return BoardMonth(
        board=board,
        window=window,
        rows=rows,
        lessons=_lessons(rows),
        awaiting_decision=_awaiting_decision(adoptions, window),
        open_actions=_open_actions(board, window),
        meetings=_meetings(board, window),
        accreditations=_accreditations(board, window),
        conflicts=_conflicts(board, window),
        figures=figures,
        scores=LatestScores(adoptions),
    )
